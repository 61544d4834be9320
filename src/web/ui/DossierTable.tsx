import { Table } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import type { DossierStatus, DossierSummary } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { StatusTag } from './StatusTag.tsx';
import { useKeyboardScrollable } from './keyboard-scrollable.ts';

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
  const scrollable = useKeyboardScrollable(t('dossier.list'));
  return (
    <div ref={scrollable}>
      <Table
        rowKey="id"
        dataSource={rows}
        locale={{ emptyText: t('dossier.none') }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('dossier.code'),
            dataIndex: 'code',
            render: (code: string, row) => <Link to={href(row)}>{code}</Link>,
          },
          { title: t('dossier.procedure'), dataIndex: 'procedureName' },
          ...(showApplicant ? [{ title: t('dossier.applicant'), dataIndex: 'applicantName' }] : []),
          { title: t('dossier.agency'), dataIndex: 'agencyName' },
          {
            title: t('dossier.submittedAt'),
            dataIndex: 'submittedAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('dossier.status'),
            dataIndex: 'status',
            render: (s: DossierStatus) => <StatusTag status={s} />,
          },
        ]}
      />
    </div>
  );
}
