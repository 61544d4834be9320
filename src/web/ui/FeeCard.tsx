import { useMutation, useQuery } from '@tanstack/react-query';
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

/** The button that pays a dossier's fee online; pressed twice, it starts one payment. */
export function PayOnlineButton({ pay }: { pay: ReturnType<typeof usePayOnline> }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="button button-primary"
      aria-disabled={pay.isPending || undefined}
      onClick={() => {
        if (!pay.isPending) pay.mutate();
      }}
    >
      {t('fee.payOnline')}
    </button>
  );
}

/** The fee a dossier owes, the applicant's payments and, while it is unpaid, the way to pay online. */
export function FeeCard({ dossier }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const payments = useQuery({
    queryKey: ['payments', dossier.code],
    queryFn: () => api.get<Payment[]>(`/api/v1/dossiers/${dossier.code}/payments`),
  });
  const pay = usePayOnline(dossier.code);
  const paid = payments.data ?? [];
  return (
    <section className="panel stack">
      <h2 className="panel-title">{t('fee.title')}</h2>
      <p>
        {t('fee.amount')}: <strong>{formatMoney(dossier.feeDueVnd)}</strong>
        {dossier.feeBasis && ` (${dossier.feeBasis})`}
      </p>
      {dossier.feeOutstanding && (
        <div className="notice notice-warning stack">
          <p>
            {dossier.status === 'paused' ? t('fee.outstandingProcessing') : t('fee.outstanding')}
          </p>
          <div>
            <PayOnlineButton pay={pay} />
          </div>
        </div>
      )}
      {pay.error instanceof ApiError && (
        <p className="notice notice-error" role="alert">
          {pay.error.message}
        </p>
      )}
      {payments.isSuccess && paid.length === 0 && <p className="muted">{t('fee.noPayments')}</p>}
      {paid.length > 0 && (
        <ul className="document-list">
          {paid.map((p) => (
            <li key={p.txnRef} className="file-row">
              <span
                className={`tag tag-${p.status === 'paid' ? 'green' : p.status === 'pending' ? 'blue' : 'default'}`}
              >
                {t(`fee.status.${p.status}`)}
              </span>
              <span>{formatMoney(p.amountVnd)}</span>
              <span className="muted">{formatDateTime(p.createdAt)}</span>
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
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
