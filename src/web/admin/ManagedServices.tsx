import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { Link } from 'react-router';
import { api, type ManagedServiceSummary } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { ServiceStatusTag } from './ServiceStatusTag.tsx';

export function ManagedServices() {
  const { t } = useI18n();
  const services = useQuery({
    queryKey: ['managed-services'],
    queryFn: () => api.get<ManagedServiceSummary[]>('/api/v1/admin/services'),
  });
  return (
    <QueryState query={services}>
      {(rows) => (
        <Table
          rowKey="id"
          dataSource={rows}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('admin.services.none') }}
          columns={[
            {
              title: t('admin.services.procedure'),
              dataIndex: 'procedureName',
              render: (name: string, row) => <Link to={`/quan-tri/dich-vu/${row.id}`}>{name}</Link>,
            },
            { title: t('admin.services.procedureCode'), dataIndex: 'procedureCode' },
            { title: t('admin.services.agency'), dataIndex: 'agencyName' },
            {
              title: t('admin.services.version'),
              render: (_: unknown, row) =>
                `${row.publishedVersion ?? '—'}${row.draftVersion ? ` ${t('admin.services.draftVersion', { version: row.draftVersion })}` : ''}`,
            },
            {
              title: t('admin.services.status'),
              dataIndex: 'status',
              render: (s: ManagedServiceSummary['status']) => <ServiceStatusTag status={s} />,
            },
          ]}
        />
      )}
    </QueryState>
  );
}
