import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Result, Space, Typography } from 'antd';
import { Link, Navigate, useLocation } from 'react-router';
import { formatDateTime, formatMoney } from '../../domain/vietnam-time.ts';
import { api, ApiError, type DossierDetail, type SubmittedDossier } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { usePayOnline } from '../ui/FeeCard.tsx';

/**
 * After submitting: the dossier's code and, when a fee must be paid before the agency receives
 * it, that it waits for payment and the button to pay.
 */
export function ReceiptPage() {
  const dossier = useLocation().state as SubmittedDossier | null;
  if (!dossier) return <Navigate to="/ho-so-cua-toi" replace />;
  return <Receipt dossier={dossier} />;
}

function Receipt({ dossier }: { dossier: SubmittedDossier }) {
  const { t } = useI18n();
  const detail = useQuery({
    queryKey: ['my-dossier', dossier.code],
    queryFn: () => api.get<DossierDetail>(`/api/v1/dossiers/${dossier.code}`),
  });
  const pay = usePayOnline(dossier.code);
  const owes = detail.data?.feeOutstanding === true;
  return (
    <Result
      status={owes ? 'warning' : 'success'}
      title={t(owes ? 'receipt.awaitingPayment' : 'receipt.title')}
      subTitle={
        <>
          <div>
            {dossier.procedureName} — {dossier.agencyName}
          </div>
          <div>
            {t('receipt.code')}:{' '}
            <span className="dossier-code" data-testid="dossier-code">
              {dossier.code}
            </span>
          </div>
          <div>
            {t('dossier.submittedAt')}: {formatDateTime(dossier.submittedAt)}
          </div>
          {owes && detail.data && (
            <Alert
              style={{ maxWidth: 640, margin: '12px auto 0', textAlign: 'left' }}
              type="warning"
              showIcon
              data-testid="receipt-fee"
              title={`${t('fee.amount')}: ${formatMoney(detail.data.feeDueVnd)}`}
              description={t('fee.outstanding')}
            />
          )}
          {pay.error instanceof ApiError && (
            <Alert
              style={{ maxWidth: 640, margin: '12px auto 0' }}
              type="error"
              title={pay.error.message}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: '12px auto 0' }}>
            {t('receipt.note')}
          </Typography.Paragraph>
        </>
      }
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          {owes && (
            <Button type="primary" loading={pay.isPending} onClick={() => pay.mutate()}>
              {t('fee.payOnline')}
            </Button>
          )}
          <Link to={`/ho-so-cua-toi/${dossier.code}`}>
            <Button type={owes ? 'default' : 'primary'}>{t('receipt.view')}</Button>
          </Link>
        </Space>
      }
    />
  );
}
