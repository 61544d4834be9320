import type { ReactNode } from 'react';
import { formatDateTime, formatMoney } from '../../domain/vietnam-time.ts';
import type { DossierDetail } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { channelLabel } from './labels.ts';
import { StatusTag } from './StatusTag.tsx';
import { formValue } from './answer-text.ts';
import { DossierFacts, FactList } from './DossierFacts.tsx';

/** One dossier as both the applicant and the officer read it; `fileHref` says where attachments download from. */
export function DossierView({
  dossier,
  fileHref,
  showForm,
}: {
  dossier: DossierDetail;
  fileHref: (fileId: string) => string;
  showForm: boolean;
}) {
  const { t, locale } = useI18n();
  const fee: [string, ReactNode][] =
    dossier.feeDueVnd > 0 || dossier.feeBasis
      ? [
          [
            t('fee.title'),
            `${formatMoney(dossier.feeDueVnd)}${dossier.feeBasis ? ` (${dossier.feeBasis})` : ''}${
              dossier.feeOutstanding ? ` · ${t('fee.status.pending')}` : ''
            }`,
          ],
        ]
      : [];
  return (
    <div className="stack">
      <DossierFacts
        dossier={dossier}
        extra={[
          [t('dossier.applicant'), dossier.applicantName],
          [t('dossier.channel'), channelLabel(dossier.channel, locale)],
          ...fee,
        ]}
      />
      {showForm && (
        <section className="panel">
          <h2 className="panel-title">{t('dossier.form')}</h2>
          <FactList
            facts={answersInFormOrder(dossier.formData, dossier.formLabels).map(([key, value]) => [
              dossier.formLabels[key] ?? key,
              formValue(value),
            ])}
          />
        </section>
      )}
      <section className="panel">
        <h2 className="panel-title">{t('dossier.files')}</h2>
        <ul className="document-list">
          {dossier.files.map((file) => (
            <li key={file.id} className="file-row">
              <span>
                {file.fileName}
                <span className="muted">
                  {' '}
                  · {Math.max(1, Math.round(file.sizeBytes / 1024))} KB
                </span>
              </span>
              <a href={fileHref(file.id)}>{t('common.download')}</a>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <h2 className="panel-title">{t('dossier.timeline')}</h2>
        <ol className="timeline">
          {dossier.events.map((event) => (
            <li key={event.id}>
              <strong>{t(`action.${event.action}`)}</strong> <StatusTag status={event.toStatus} />
              <div className="muted">
                {formatDateTime(event.occurredAt)} · {event.agencyName}
                {event.actorName
                  ? ` · ${event.actorName}`
                  : event.byOfficer
                    ? ''
                    : ` · ${t('dossier.byApplicant')}`}
              </div>
              {typeof event.details.step === 'string' && (
                <div>
                  {t('dossier.step')}: {event.details.step}
                </div>
              )}
              {typeof event.details.targetAgencyName === 'string' && (
                <div>
                  {t('action.targetAgency')}: {event.details.targetAgencyName}
                </div>
              )}
              {typeof event.details.dueAt === 'string' && (
                <div>
                  {t('dossier.dueAt')}: {formatDateTime(event.details.dueAt)}
                </div>
              )}
              {event.note && <div>{event.note}</div>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/**
 * The answers in the order the form asks them (the labels come in the schema's order; the stored
 * answers in whatever order the database keeps), then any the form no longer names.
 */
export function answersInFormOrder(
  answers: Record<string, unknown>,
  labels: Record<string, string>,
): [string, unknown][] {
  const asked = Object.keys(labels).filter((key) => key in answers);
  const others = Object.keys(answers).filter((key) => !(key in labels));
  return [...asked, ...others].map((key) => [key, answers[key]]);
}
