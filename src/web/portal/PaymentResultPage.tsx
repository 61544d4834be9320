import { useQuery } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { formatMoney } from '../../domain/vietnam-time.ts';
import { api, type ReturnedPayment } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useMe } from '../session.ts';
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
        <Result
          status={p.status === 'paid' ? 'success' : p.status === 'pending' ? 'info' : 'warning'}
          title={t(`fee.result.${p.status}`)}
          subTitle={
            <>
              <div>
                {t('receipt.code')}: <span className="dossier-code">{p.dossierCode}</span>
              </div>
              <div>
                {t('fee.amount')}: {formatMoney(p.amountVnd)}
              </div>
              {p.receiptNo && (
                <div>
                  {t('fee.receiptNo')}: <strong data-testid="receipt-no">{p.receiptNo}</strong>
                </div>
              )}
            </>
          }
          extra={
            <Link to={`/ho-so-cua-toi/${p.dossierCode}`}>
              <Button type="primary">{t('receipt.view')}</Button>
            </Link>
          }
        />
      )}
    </QueryState>
  );
}
