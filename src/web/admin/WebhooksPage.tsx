import { rolesFor } from '../../domain/access.ts';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhook-events.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import {
  ApiError,
  api,
  type Me,
  type NewWebhookCreated,
  type Webhook,
  type WebhookDelivery,
} from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';

type NewWebhook = { agencyId: string; url: string; eventTypes: string[]; description?: string };

/**
 * An agency's webhooks: the endpoints of third parties subscribed to its events, how far each
 * is delivered, what failed, and the buttons to retry, replay and remove.
 */
export function WebhooksPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const agencies = me.roles.filter((r) => rolesFor('webhook.manage').includes(r.role));
  const [created, setCreated] = useState<NewWebhookCreated>();
  const [form] = Form.useForm<NewWebhook>();
  const list = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api.get<Webhook[]>('/api/v1/admin/webhooks'),
    enabled: agencies.length > 0,
    refetchInterval: 5_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['webhooks'] });
  const failed = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.problem.title : String(error));
  const subscribe = useMutation({
    mutationFn: (values: NewWebhook) =>
      api.post<NewWebhookCreated>('/api/v1/admin/webhooks', values),
    onSuccess: async (answer) => {
      setCreated(answer);
      form.resetFields(['url', 'description']);
      await refresh();
    },
    onError: failed,
  });
  const act = useMutation({
    mutationFn: ({
      id,
      action,
      body,
    }: {
      id: string;
      action: 'retry' | 'replay' | 'remove';
      body?: object;
    }) =>
      action === 'remove'
        ? api.delete(`/api/v1/admin/webhooks/${id}`)
        : api.post(`/api/v1/admin/webhooks/${id}/${action}`, body),
    onSuccess: async () => {
      void message.success(t('webhooks.done'));
      await refresh();
    },
    onError: failed,
  });

  if (agencies.length === 0) return <Empty description={t('webhooks.none')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('webhooks.intro')}</Typography.Paragraph>
      <Form<NewWebhook>
        form={form}
        layout="vertical"
        initialValues={{ agencyId: agencies[0]?.agencyId, eventTypes: ['dossier.progress'] }}
        onFinish={(values) => subscribe.mutate(values)}
      >
        <Form.Item name="agencyId" label={t('webhooks.agency')} rules={[{ required: true }]}>
          <Select options={agencies.map((a) => ({ value: a.agencyId, label: a.agencyName }))} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={t('webhooks.urlHelp')}
          rules={[{ required: true, type: 'url', message: t('webhooks.urlInvalid') }]}
        >
          <Input inputMode="url" placeholder="https://" />
        </Form.Item>
        <Form.Item name="eventTypes" label={t('webhooks.events')} rules={[{ required: true }]}>
          <Checkbox.Group
            options={WEBHOOK_EVENT_TYPES.map((value) => ({
              value,
              label: t(`webhooks.event.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={300} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={subscribe.isPending}>
          {t('webhooks.subscribe')}
        </Button>
      </Form>
      {created && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setCreated(undefined) }}
          title={t('webhooks.secretOnce')}
          description={
            <Typography.Text copyable code>
              {created.secret}
            </Typography.Text>
          }
        />
      )}
      <QueryState query={list}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            dataSource={rows}
            pagination={false}
            scroll={{ x: true }}
            expandable={{
              expandedRowRender: (row) => <Deliveries id={row.id} />,
              expandIcon: ({ expanded, onExpand, record }) => (
                <Button
                  size="small"
                  type="link"
                  aria-expanded={expanded}
                  onClick={(event) => onExpand(record, event)}
                >
                  {t('webhooks.log')}
                </Button>
              ),
            }}
            columns={[
              {
                title: t('webhooks.url'),
                render: (_, row) => (
                  <>
                    <Typography.Text>{row.url}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">{row.agencyName}</Typography.Text>
                  </>
                ),
              },
              {
                title: t('webhooks.events'),
                render: (_, row) => row.eventTypes.map((e) => <Tag key={e}>{e}</Tag>),
              },
              {
                title: t('webhooks.state'),
                render: (_, row) => <DeliveryState row={row} />,
              },
              {
                title: t('webhooks.actions'),
                render: (_, row) => (
                  <Space wrap>
                    <Button
                      size="small"
                      onClick={() => act.mutate({ id: row.id, action: 'retry' })}
                    >
                      {t('webhooks.retry')}
                    </Button>
                    <Replay
                      onReplay={(fromSeq) =>
                        act.mutate({ id: row.id, action: 'replay', body: { fromSeq } })
                      }
                    />
                    <Popconfirm
                      title={t('webhooks.removeConfirm')}
                      onConfirm={() => act.mutate({ id: row.id, action: 'remove' })}
                    >
                      <Button size="small" danger>
                        {t('webhooks.remove')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}

function DeliveryState({ row }: { row: Webhook }) {
  const { t } = useI18n();
  if (row.deadLetter)
    return (
      <Space orientation="vertical" size={0}>
        <Tag color="red">{t('webhooks.dead', { seq: row.deadLetter.seq })}</Tag>
        <Typography.Text type="secondary">{row.deadLetter.error}</Typography.Text>
      </Space>
    );
  if (row.failures > 0)
    return (
      <Space orientation="vertical" size={0}>
        <Tag color="orange">
          {t('webhooks.failing', { n: row.failures, at: formatDateTime(row.nextAttemptAt) })}
        </Tag>
        <Typography.Text type="secondary">{row.lastError}</Typography.Text>
      </Space>
    );
  return (
    <Tag color={row.pending === 0 ? 'green' : 'blue'}>
      {row.pending === 0 ? t('webhooks.upToDate') : t('webhooks.pending', { n: row.pending })}
    </Tag>
  );
}

function Replay({ onReplay }: { onReplay: (fromSeq: number) => void }) {
  const { t } = useI18n();
  const [fromSeq, setFromSeq] = useState<number | null>(null);
  return (
    <Space.Compact size="small">
      <InputNumber
        min={1}
        precision={0}
        placeholder={t('webhooks.fromSeq')}
        aria-label={t('webhooks.fromSeq')}
        value={fromSeq}
        onChange={setFromSeq}
      />
      <Button disabled={fromSeq === null} onClick={() => fromSeq !== null && onReplay(fromSeq)}>
        {t('webhooks.replay')}
      </Button>
    </Space.Compact>
  );
}

function Deliveries({ id }: { id: string }) {
  const { t } = useI18n();
  const attempts = useQuery({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: () => api.get<WebhookDelivery[]>(`/api/v1/admin/webhooks/${id}/deliveries`),
  });
  return (
    <QueryState query={attempts}>
      {(rows) => (
        <Table
          rowKey={(r) => `${r.messageId}-${String(r.attempt)}-${r.at}`}
          size="small"
          dataSource={rows}
          pagination={false}
          columns={[
            { title: t('webhooks.at'), render: (_, r) => formatDateTime(r.at) },
            { title: t('webhooks.seq'), dataIndex: 'seq' },
            { title: t('webhooks.attempt'), dataIndex: 'attempt' },
            {
              title: t('webhooks.answer'),
              render: (_, r) =>
                r.error === null ? (
                  <Tag color="green">{r.status}</Tag>
                ) : (
                  <Tag color="red">{r.error}</Tag>
                ),
            },
            { title: 'ms', dataIndex: 'durationMs' },
            {
              title: 'webhook-id',
              render: (_, r) => <Typography.Text code>{r.messageId}</Typography.Text>,
            },
          ]}
        />
      )}
    </QueryState>
  );
}
