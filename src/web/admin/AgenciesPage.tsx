import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { formatDate } from '../../domain/vietnam-time.ts';
import { api, type Agency } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { isOneOf } from '../../domain/one-of.ts';

const LEVELS = [
  'central',
  'ministry',
  'ministry_unit',
  'province',
  'province_unit',
  'district',
  'commune',
] as const;

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
                      <Typography.Text type="secondary">{t('admin.noCode')}</Typography.Text>
                    ),
                },
                { title: t('admin.name'), dataIndex: 'name' },
                {
                  title: t('admin.level'),
                  dataIndex: 'level',
                  render: (level: string) =>
                    isOneOf(LEVELS, level) ? t(`admin.level.${level}`) : level,
                },
                {
                  title: t('admin.validity'),
                  render: (_: unknown, row: Agency) =>
                    `${formatDate(`${row.validFrom}T00:00:00+07:00`)} – ${row.validTo ? formatDate(`${row.validTo}T00:00:00+07:00`) : t('admin.validityNow')}`,
                },
                {
                  title: t('admin.successor'),
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
