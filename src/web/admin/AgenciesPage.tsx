import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { formatDate } from '../../domain/vietnam-time.ts';
import { api, type Agency } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';

const LEVELS: Record<string, string> = {
  central: 'Trung ương',
  ministry: 'Bộ, cơ quan ngang bộ',
  ministry_unit: 'Đơn vị thuộc bộ',
  province: 'Tỉnh, thành phố',
  province_unit: 'Sở, ban, ngành',
  district: 'Cấp huyện (trước 01/7/2025)',
  commune: 'Xã, phường, đặc khu',
};

export function AgencyRegistry() {
  const { t } = useI18n();
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: () => api.get<Agency[]>('/api/v1/catalog/agencies'),
  });
  return (
    <>
      <QueryState query={agencies}>
        {(rows) => {
          const names = new Map(rows.map((a) => [a.id, a.name]));
          return (
            <Table
              rowKey="id"
              dataSource={rows}
              pagination={false}
              scroll={{ x: 640 }}
              columns={[
                {
                  title: t('admin.code'),
                  dataIndex: 'code',
                  render: (code: string | null) =>
                    code ? (
                      <code>{code}</code>
                    ) : (
                      <Typography.Text type="secondary">chưa có mã</Typography.Text>
                    ),
                },
                { title: t('admin.name'), dataIndex: 'name' },
                {
                  title: t('admin.level'),
                  dataIndex: 'level',
                  render: (level: string) => LEVELS[level] ?? level,
                },
                {
                  title: 'Hiệu lực',
                  render: (_: unknown, row: Agency) =>
                    `${formatDate(`${row.validFrom}T00:00:00+07:00`)} – ${row.validTo ? formatDate(`${row.validTo}T00:00:00+07:00`) : 'nay'}`,
                },
                {
                  title: 'Cơ quan kế thừa',
                  render: (_: unknown, row: Agency) =>
                    row.successorId ? (names.get(row.successorId) ?? '') : '',
                },
              ]}
            />
          );
        }}
      </QueryState>
    </>
  );
}
