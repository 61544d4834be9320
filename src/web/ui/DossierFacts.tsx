import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import type { DossierSummary } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { StatusTag } from './StatusTag.tsx';

export type PublicDossierFacts = Omit<DossierSummary, 'id' | 'agencyId' | 'applicantName'>;

/** Code, status, procedure, agency and dates: what anyone holding the code may read. `extra` adds rows for signed-in readers. */
export function DossierFacts({
  dossier,
  columns,
  extra,
}: {
  dossier: PublicDossierFacts;
  columns: 1 | 2;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Descriptions bordered size="small" column={columns === 1 ? 1 : { xs: 1, sm: 1, md: 2 }}>
      <Descriptions.Item label={t('dossier.code')}>
        <span className="dossier-code">{dossier.code}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.status')}>
        <StatusTag status={dossier.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.procedure')}>{dossier.procedureName}</Descriptions.Item>
      <Descriptions.Item label={t('dossier.agency')}>{dossier.agencyName}</Descriptions.Item>
      {extra}
      <Descriptions.Item label={t('dossier.submittedAt')}>
        {formatDateTime(dossier.submittedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.receivedAt')}>
        {dossier.receivedAt ? formatDateTime(dossier.receivedAt) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.dueAt')}>
        {dossier.dueAt ? formatDateTime(dossier.dueAt) : '—'}{' '}
        <DeadlineTag deadline={dossier.deadline} />
      </Descriptions.Item>
      <Descriptions.Item label={t('dossier.holder')}>
        {dossier.holderAgencyName}
        {dossier.stepName ? ` · ${dossier.stepName}` : ''}
      </Descriptions.Item>
    </Descriptions>
  );
}
