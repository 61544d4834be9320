import type { ReactNode } from 'react';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import type { DossierSummary } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { StatusTag } from './StatusTag.tsx';

export type PublicDossierFacts = Omit<DossierSummary, 'id' | 'agencyId' | 'applicantName'>;

/** Terms and their descriptions, in one column on a phone and as many as fit on a wider screen. */
export function FactList({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {facts.map(([term, description], index) => (
        <div key={index}>
          <dt>{term}</dt>
          <dd>{description}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Code, status, procedure, agency and dates: what anyone holding the code may read. `extra` adds rows for signed-in readers. */
export function DossierFacts({
  dossier,
  extra = [],
}: {
  dossier: PublicDossierFacts;
  extra?: [string, ReactNode][];
}) {
  const { t } = useI18n();
  return (
    <FactList
      facts={[
        [t('dossier.code'), <span className="dossier-code">{dossier.code}</span>],
        [t('dossier.status'), <StatusTag status={dossier.status} />],
        [t('dossier.procedure'), dossier.procedureName],
        [t('dossier.agency'), dossier.agencyName],
        // received or returned at a service center for the competent agency (Decree 118/2025)
        ...(dossier.receptionAgencyName
          ? [[t('dossier.receptionAgency'), dossier.receptionAgencyName] as [string, ReactNode]]
          : []),
        ...(dossier.returnAgencyName
          ? [[t('dossier.returnAgency'), dossier.returnAgencyName] as [string, ReactNode]]
          : []),
        ...extra,
        [t('dossier.submittedAt'), formatDateTime(dossier.submittedAt)],
        [t('dossier.receivedAt'), dossier.receivedAt ? formatDateTime(dossier.receivedAt) : '—'],
        [
          t('dossier.dueAt'),
          <>
            {dossier.dueAt ? formatDateTime(dossier.dueAt) : '—'}{' '}
            <DeadlineTag deadline={dossier.deadline} />
          </>,
        ],
        [
          t('dossier.holder'),
          `${dossier.holderAgencyName}${dossier.stepName ? ` · ${dossier.stepName}` : ''}`,
        ],
      ]}
    />
  );
}
