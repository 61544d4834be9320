import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api, type DossierDetail, type ResultDocument } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** Who signed the result and when, with the code anyone can verify it by. */
export function SignedLine({ result }: { result: ResultDocument }) {
  const { t } = useI18n();
  return (
    <p>
      {t('result.signedBy')} <strong data-testid="result-signer">{result.signerName}</strong>
      {result.signedAt && `, ${formatDateTime(result.signedAt)}`} · {t('result.code')}:{' '}
      <Link to={`/xac-thuc-ket-qua/${result.verificationCode}`}>{result.verificationCode}</Link>
    </p>
  );
}

/** The applicant's signed result, once the leader has signed it. */
export function ApplicantResultCard({ dossier }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const result = useQuery({
    queryKey: ['result', dossier.code, dossier.lockVersion],
    queryFn: () => api.get<ResultDocument>(`/api/v1/dossiers/${dossier.code}/result`),
    retry: false,
  });
  if (!result.data) return null;
  return (
    <section className="panel stack">
      <h2 className="panel-title">{t('result.title')}</h2>
      <SignedLine result={result.data} />
      <p>
        <a
          href={`/api/v1/dossiers/${dossier.code}/result/pdf`}
          download
          data-testid="result-download"
        >
          {t('result.download')}
        </a>
      </p>
    </section>
  );
}
