import { rolesFor } from '../../domain/access.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, InputNumber } from 'antd';
import { ApiError, api, type Me } from '../api.ts';
import { useI18n } from '../i18n.tsx';

type AgencySettings = { draftRetentionDays: number };

/** Each agency the officer administers, with the settings it keeps for citizens' applications. */
export function AgencySettingsPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const agencies = me.roles.filter((r) => rolesFor('agency.settings').includes(r.role));
  if (agencies.length === 0) return <Empty description={t('agencySettings.none')} />;
  return (
    <>
      {agencies.map((agency) => (
        <AgencySettingsCard key={agency.agencyId} id={agency.agencyId} name={agency.agencyName} />
      ))}
    </>
  );
}

function AgencySettingsCard({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const url = `/api/v1/admin/agencies/${id}/settings`;
  const settings = useQuery({
    queryKey: ['agency-settings', id],
    queryFn: () => api.get<AgencySettings>(url),
  });
  const save = useMutation({
    mutationFn: (values: AgencySettings) => api.put<AgencySettings>(url, values),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['agency-settings', id] });
      void message.success(t('agencySettings.saved'));
    },
    onError: (error) =>
      void message.error(error instanceof ApiError ? error.problem.title : String(error)),
  });
  return (
    <Card title={name} size="small" style={{ marginBottom: 16 }} loading={settings.isPending}>
      {settings.data && (
        <Form<AgencySettings>
          layout="vertical"
          initialValues={settings.data}
          onFinish={(values) => save.mutate(values)}
        >
          <Form.Item
            name="draftRetentionDays"
            label={t('agencySettings.draftRetentionDays')}
            extra={t('agencySettings.draftRetentionHelp')}
            rules={[{ required: true, type: 'integer', min: 1, max: 365 }]}
          >
            <InputNumber min={1} max={365} precision={0} suffix={t('agencySettings.days')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('agencySettings.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
