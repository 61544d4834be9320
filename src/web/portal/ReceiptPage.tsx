import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useLocation } from 'react-router';
import { formatDateTime, formatMoney } from '../../domain/vietnam-time.ts';
import {
  api,
  ApiError,
  type DossierDetail,
  type SubmissionReceipt,
  type SubmittedDossier,
} from '../api.ts';
import { HandedOverReceipt } from './NationalDossiers.tsx';
import { useI18n } from '../i18n.tsx';
import { PayOnlineButton, usePayOnline } from '../ui/FeeCard.tsx';
import { Outcome } from '../ui/Outcome.tsx';

/**
 * After submitting: the dossier's code and, when a fee must be paid before the agency receives
 * it, that it waits for payment and the button to pay.
 */
export function ReceiptPage() {
  const receipt = useLocation().state as SubmissionReceipt | null;
  if (!receipt) return <Navigate to="/ho-so-cua-toi" replace />;
  // at the national portal, the agency's system issues the code once it has the dossier
  if ('submissionId' in receipt) return <HandedOverReceipt receipt={receipt} />;
  return <Receipt dossier={receipt} />;
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
    <Outcome
      tone={owes ? 'warning' : 'success'}
      title={t(owes ? 'receipt.awaitingPayment' : 'receipt.title')}
      actions={
        <>
          {owes && <PayOnlineButton pay={pay} />}
          <Link
            className={`button${owes ? '' : ' button-primary'}`}
            to={`/ho-so-cua-toi/${dossier.code}`}
          >
            {t('receipt.view')}
          </Link>
        </>
      }
    >
      <p>
        {dossier.procedureName} — {dossier.agencyName}
      </p>
      <p>
        {t('receipt.code')}:{' '}
        <span className="dossier-code" data-testid="dossier-code">
          {dossier.code}
        </span>
      </p>
      <p>
        {t('dossier.submittedAt')}: {formatDateTime(dossier.submittedAt)}
      </p>
      {owes && detail.data && (
        <div className="notice notice-warning" data-testid="receipt-fee">
          <p>
            <strong>{`${t('fee.amount')}: ${formatMoney(detail.data.feeDueVnd)}`}</strong>
          </p>
          <p>{t('fee.outstanding')}</p>
        </div>
      )}
      {pay.error instanceof ApiError && (
        <p className="notice notice-error" role="alert">
          {pay.error.message}
        </p>
      )}
      <p className="muted">{t('receipt.note')}</p>
    </Outcome>
  );
}
