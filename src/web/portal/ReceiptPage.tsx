import { Button, Result, Typography } from 'antd';
import { Link, Navigate, useLocation } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import type { SubmittedDossier } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export function ReceiptPage() {
  const { t } = useI18n();
  const dossier = useLocation().state as SubmittedDossier | null;
  if (!dossier) return <Navigate to="/ho-so-cua-toi" replace />;
  return (
    <Result
      status="success"
      title={t('receipt.title')}
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
          <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: '12px auto 0' }}>
            {t('receipt.note')}
          </Typography.Paragraph>
        </>
      }
      extra={
        <Link to={`/ho-so-cua-toi/${dossier.code}`}>
          <Button type="primary">{t('receipt.view')}</Button>
        </Link>
      }
    />
  );
}
