import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useParams } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api, ApiError, type ResultRecord, type VerificationReport } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { FactList } from '../ui/DossierFacts.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

const VERDICT_TONES = {
  valid: 'success',
  untrusted: 'warning',
  modified: 'error',
  unsigned: 'warning',
} as const;

function RecordFacts({ record }: { record: ResultRecord }) {
  const { t } = useI18n();
  return (
    <section className="stack">
      <h2 className="panel-title">{t('verify.record')}</h2>
      <FactList
        facts={[
          [t('verify.dossier'), <span data-testid="verify-dossier">{record.dossierCode}</span>],
          [t('verify.procedure'), record.procedureName],
          [t('verify.issuedBy'), record.agencyName],
          [t('result.signedBy'), record.signerName],
          [t('verify.signedAt'), formatDateTime(record.signedAt)],
          [t('verify.sha256'), <code className="hash">{record.sha256}</code>],
        ]}
      />
    </section>
  );
}

/** Public: anyone checks a result PDF, or opens the record behind the QR code. */
export function VerifyResultPage() {
  const { t } = useI18n();
  const { code } = useParams();
  const byCode = useQuery({
    queryKey: ['verify', code],
    queryFn: () => api.get<ResultRecord>(`/api/v1/results/verify/${code ?? ''}`),
    enabled: code !== undefined,
    retry: false,
  });
  const check = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<VerificationReport>('/api/v1/results/verify', form);
    },
  });
  const report = check.data;
  const chooser = useRef<HTMLInputElement>(null);
  return (
    <div className="stack stack-large">
      <PageTitle>{t('verify.title')}</PageTitle>
      {byCode.data && <RecordFacts record={byCode.data} />}
      {byCode.error instanceof ApiError && (
        <p className="notice notice-error" role="alert">
          {byCode.error.message}
        </p>
      )}
      <p>{t('verify.intro')}</p>
      <div>
        <button
          type="button"
          className="button button-primary"
          aria-disabled={check.isPending || undefined}
          onClick={() => chooser.current?.click()}
        >
          {t('verify.choose')}
        </button>
        <input
          ref={chooser}
          type="file"
          accept="application/pdf"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) check.mutate(file);
          }}
        />
      </div>
      {check.error instanceof ApiError && (
        <p className="notice notice-error" role="alert">
          {check.error.message}
        </p>
      )}
      {report && (
        <div className="stack" data-testid="verify-report">
          <p className={`notice notice-${VERDICT_TONES[report.verdict]}`} role="status">
            {t(`verify.${report.verdict}`)}
          </p>
          {report.signatures.map((s, i) => (
            <FactList
              key={i}
              facts={[
                [t('verify.signer'), s.signer?.commonName ?? '—'],
                [t('verify.issuer'), s.signer?.issuer ?? '—'],
                [t('verify.claimedAt'), s.signedAt ? formatDateTime(s.signedAt) : '—'],
                [
                  t('verify.timestamp'),
                  <span data-testid="verify-timestamp">
                    {s.timestamp
                      ? `${formatDateTime(s.timestamp.time)} — ${t(
                          s.timestamp.trusted
                            ? 'verify.timestampTrusted'
                            : 'verify.timestampUntrusted',
                          { authority: s.timestamp.authority ?? '—' },
                        )}`
                      : t('verify.noTimestamp')}
                  </span>,
                ],
                [t('verify.revocation'), t(`verify.revocation.${s.revocation}`)],
              ]}
            />
          ))}
          {report.record && <RecordFacts record={report.record} />}
        </div>
      )}
    </div>
  );
}
