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
          {answersBySection(dossier.formData, dossier.formSections).map((section, index) => (
            <div key={index} className="stack">
              {section.title && <h3 className="form-section-title">{section.title}</h3>}
              <FactList
                facts={section.answers.map(([key, value]) => [
                  dossier.formLabels[key] ?? key,
                  formValue(value, t),
                ])}
              />
            </div>
          ))}
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
 * The answers in the form's sections and order (stored answers come in whatever order the database
 * keeps), then any the form no longer names.
 */
export function answersBySection(
  answers: Record<string, unknown>,
  sections: { title: string | null; keys: string[] }[],
): { title: string | null; answers: [string, unknown][] }[] {
  const asked = new Set(sections.flatMap((section) => section.keys));
  const others = Object.keys(answers).filter((key) => !asked.has(key));
  return [...sections, { title: null, keys: others }]
    .map((section) => ({
      title: section.title,
      answers: section.keys
        .filter((key) => key in answers)
        .map((key): [string, unknown] => [key, answers[key]]),
    }))
    .filter((section) => section.answers.length > 0);
}
