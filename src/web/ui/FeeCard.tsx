import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { formatDateTime, formatMoney } from '../../domain/vietnam-time.ts';
import { api, ApiError, type DossierDetail, type Payment } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** Starts an online payment of the dossier's fee and takes the applicant to the bank's page. */
export function usePayOnline(code: string) {
  return useMutation({
    mutationFn: () => api.post<{ paymentUrl: string }>(`/api/v1/dossiers/${code}/payments`),
    onSuccess: ({ paymentUrl }) => window.location.assign(paymentUrl),
  });
}

/** The fee a dossier owes, the applicant's payments and, while it is unpaid, the way to pay online. */
export function FeeCard({ dossier }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const payments = useQuery({
    queryKey: ['payments', dossier.code],
    queryFn: () => api.get<Payment[]>(`/api/v1/dossiers/${dossier.code}/payments`),
  });
  const pay = usePayOnline(dossier.code);
  return (
    <Card size="small" title={t('fee.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('fee.amount')}: <strong>{formatMoney(dossier.feeDueVnd)}</strong>
          {dossier.feeBasis && ` (${dossier.feeBasis})`}
        </Typography.Text>
        {dossier.feeOutstanding && (
          <Alert
            type="warning"
            showIcon
            title={
              dossier.status === 'paused' ? t('fee.outstandingProcessing') : t('fee.outstanding')
            }
            action={
              <Button type="primary" loading={pay.isPending} onClick={() => pay.mutate()}>
                {t('fee.payOnline')}
              </Button>
            }
          />
        )}
        {pay.error instanceof ApiError && <Alert type="error" title={pay.error.message} />}
        <List
          size="small"
          loading={payments.isLoading}
          dataSource={payments.data ?? []}
          locale={{ emptyText: t('fee.noPayments') }}
          renderItem={(p) => (
            <List.Item>
              <Space wrap>
                <Tag
                  color={
                    p.status === 'paid' ? 'green' : p.status === 'pending' ? 'blue' : 'default'
                  }
                >
                  {t(`fee.status.${p.status}`)}
                </Tag>
                {formatMoney(p.amountVnd)}
                <Typography.Text type="secondary">{formatDateTime(p.createdAt)}</Typography.Text>
                {p.receiptNo && (
                  <span>
                    {t('fee.receiptNo')}: <strong data-testid="receipt-no">{p.receiptNo}</strong>{' '}
                    <a
                      href={`/api/v1/dossiers/${dossier.code}/payments/${p.txnRef}/receipt`}
                      download
                    >
                      {t('fee.downloadReceipt')}
                    </a>
                  </span>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}
