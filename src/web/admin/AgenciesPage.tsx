import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Table, Typography } from 'antd';
import { allowedEverywhere } from '../../domain/access.ts';
import { useMe } from '../session.ts';
import { formatDate } from '../../domain/vietnam-time.ts';
import { ApiError, api, type Agency, type AgencyMerger } from '../api.ts';
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
  const roles = useMe().data?.roles ?? [];
  return (
    <>
      {allowedEverywhere(roles, 'agency.reorganise') && agencies.data && (
        <MergeAgencies agencies={agencies.data} />
      )}
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

type MergeValues = { from: string[]; into: string; note: string };

/**
 * The system administrator merges agencies (decision 0020): the merged ones close today, and what
 * they had in progress continues at the successor. The answer says what moved.
 */
function MergeAgencies({ agencies }: { agencies: Agency[] }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<MergeValues>();
  const options = agencies
    .filter((a) => a.validTo === null)
    .map((a) => ({ value: a.id, label: a.code ? `${a.name} (${a.code})` : a.name }));
  const merge = useMutation({
    mutationFn: (values: MergeValues) =>
      api.post<AgencyMerger>('/api/v1/admin/agencies/merge', values),
    onSuccess: async () => {
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['agencies'] });
    },
  });
  return (
    <Card title={t('admin.merge')} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('admin.mergeHelp')}</Typography.Paragraph>
      <Form<MergeValues>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          modal.confirm({
            title: t('admin.mergeConfirm'),
            okText: t('admin.mergeSubmit'),
            onOk: () => merge.mutate(values),
          });
        }}
      >
        <Form.Item name="from" label={t('admin.mergeFrom')} rules={[{ required: true }]}>
          <Select mode="multiple" options={options} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="into" label={t('admin.mergeInto')} rules={[{ required: true }]}>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('admin.mergeNote')}
          rules={[{ required: true, whitespace: true, max: 1000 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={merge.isPending}>
          {t('admin.mergeSubmit')}
        </Button>
      </Form>
      {merge.isError && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          role="alert"
          title={
            merge.error instanceof ApiError
              ? (merge.error.problem.detail ?? merge.error.problem.title)
              : String(merge.error)
          }
        />
      )}
      {merge.data && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          role="status"
          title={t('admin.merged', {
            successor: merge.data.successor.name,
            dossiers: String(merge.data.dossiersMoved),
            services: String(merge.data.servicesMoved),
            officers: String(merge.data.officerRolesMoved),
          })}
        />
      )}
    </Card>
  );
}
