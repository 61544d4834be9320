import { Link } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import type { DossierSummary } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { DataTable, type Column } from './DataTable.tsx';
import { StatusTag } from './StatusTag.tsx';

/** A list of dossiers as the applicant and the back office both read it; the officer also sees who applied. */
export function DossierTable({
  rows,
  href,
  showApplicant,
}: {
  rows: DossierSummary[];
  href: (row: DossierSummary) => string;
  showApplicant: boolean;
}) {
  const { t } = useI18n();
  const columns: Column<DossierSummary>[] = [
    { title: t('dossier.code'), render: (row) => <Link to={href(row)}>{row.code}</Link> },
    { title: t('dossier.procedure'), render: (row) => row.procedureName },
    ...(showApplicant
      ? [{ title: t('dossier.applicant'), render: (row: DossierSummary) => row.applicantName }]
      : []),
    { title: t('dossier.agency'), render: (row) => row.agencyName },
    { title: t('dossier.submittedAt'), render: (row) => formatDateTime(row.submittedAt) },
    { title: t('dossier.status'), render: (row) => <StatusTag status={row.status} /> },
  ];
  return (
    <DataTable
      label={t('dossier.list')}
      rows={rows}
      rowKey={(row) => row.id}
      columns={columns}
      empty={t('dossier.none')}
    />
  );
}
