import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { Link } from 'react-router';
import { api, type ManagedServiceSummary } from '../api.ts';
import { QueryState } from '../ui/QueryState.tsx';
import { ServiceStatusTag } from './ServiceStatusTag.tsx';

export function ManagedServices() {
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
          locale={{ emptyText: 'Bạn chưa quản trị dịch vụ công nào' }}
          columns={[
            {
              title: 'Thủ tục',
              dataIndex: 'procedureName',
              render: (name: string, row) => <Link to={`/quan-tri/dich-vu/${row.id}`}>{name}</Link>,
            },
            { title: 'Mã thủ tục', dataIndex: 'procedureCode' },
            { title: 'Cơ quan', dataIndex: 'agencyName' },
            {
              title: 'Phiên bản',
              render: (_: unknown, row) =>
                `${row.publishedVersion ?? '—'}${row.draftVersion ? ` (nháp ${row.draftVersion})` : ''}`,
            },
            {
              title: 'Trạng thái',
              dataIndex: 'status',
              render: (s: ManagedServiceSummary['status']) => <ServiceStatusTag status={s} />,
            },
          ]}
        />
      )}
    </QueryState>
  );
}
