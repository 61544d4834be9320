import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatMoney } from '../../domain/vietnam-time.ts';
import { api, type ReturnedPayment } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.ts';
import { Outcome } from '../ui/Outcome.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** Where VNPay sends the applicant back: the signed answer is checked by the server, which says how it went. */
export function PaymentResultPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const query = Object.fromEntries(params);
  // The session first: a signed-in browser's POST carries its CSRF token.
  const me = useMe();
  const outcome = useQuery({
    queryKey: ['payment-return', params.toString()],
    queryFn: () => api.post<ReturnedPayment>('/api/v1/payments/vnpay/return', query),
    enabled: me.isFetched,
    retry: false,
  });
  return (
    <QueryState query={outcome}>
      {(p) => (
        <Outcome
          tone={p.status === 'paid' ? 'success' : p.status === 'pending' ? 'info' : 'warning'}
          title={t(`fee.result.${p.status}`)}
          actions={
            <Link className="button button-primary" to={`/ho-so-cua-toi/${p.dossierCode}`}>
              {t('receipt.view')}
            </Link>
          }
        >
          <p>
            {t('receipt.code')}: <span className="dossier-code">{p.dossierCode}</span>
          </p>
          <p>
            {t('fee.amount')}: {formatMoney(p.amountVnd)}
          </p>
          {p.receiptNo && (
            <p>
              {t('fee.receiptNo')}: <strong data-testid="receipt-no">{p.receiptNo}</strong>
            </p>
          )}
        </Outcome>
      )}
    </QueryState>
  );
}
