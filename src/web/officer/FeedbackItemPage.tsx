import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { ApiError, api, type Agency, type FeedbackDeskDetail as Detail } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';

const ACTIONS = [
  'reject',
  'merge',
  'forward',
  'assign',
  'extend',
  'submitAnswer',
  'approve',
  'sendBack',
] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (name: string): name is Action => (ACTIONS as readonly string[]).includes(name);

function FeedbackItem({ code }: { code: string }) {
  const { t } = useI18n();
  const queryKey = ['feedback-item', code];
  const item = useQuery({
    queryKey,
    queryFn: () => api.get<Detail>(`/api/v1/officer/feedback/${code}`),
  });
  const [done, setDone] = useState<Action | null>(null);
  return (
    <QueryState query={item}>
      {(f) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <PageTitle>{t('feedback.status.title', { code: f.code })}</PageTitle>
          {done && (
            <Alert
              type="success"
              role="status"
              title={`${t('feedback.done')}: ${t(`feedback.action.${done}`)}`}
            />
          )}
          <Card size="small" title={t('feedback.actions')}>
            {f.actions.length === 0 ? (
              t('feedback.none')
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {f.actions.filter(isAction).map((action) => (
                  <ActionForm
                    key={action}
                    item={f}
                    action={action}
                    queryKey={queryKey}
                    onDone={setDone}
                  />
                ))}
              </Space>
            )}
          </Card>
          <Card size="small" title={f.title}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { label: t('feedback.state'), children: t(`feedback.state.${f.state}`) },
                { label: t('feedback.category'), children: f.categoryName },
                { label: t('feedback.desk.holder'), children: f.holderAgencyName },
                { label: t('feedback.desk.assignee'), children: f.assigneeName ?? '—' },
                { label: t('feedback.receivedAt'), children: formatDateTime(f.receivedAt) },
                {
                  label: t('feedback.dueAt'),
                  children: f.dueAt ? formatDateTime(f.dueAt) : '—',
                },
                ...(f.extensionReason
                  ? [
                      {
                        label: '',
                        children: t('feedback.extension', { reason: f.extensionReason }),
                      },
                    ]
                  : []),
                {
                  label: t('feedback.sender'),
                  children: [f.senderName, f.senderPhone, f.senderEmail]
                    .filter(Boolean)
                    .join(' · '),
                },
                ...(f.dossierCode
                  ? [{ label: t('feedback.dossier'), children: f.dossierCode }]
                  : []),
                ...(f.province || f.address
                  ? [
                      {
                        label: t('feedback.place'),
                        children: [f.address, f.commune, f.province].filter(Boolean).join(', '),
                      },
                    ]
                  : []),
                {
                  label: '',
                  children: f.consentToPublish
                    ? t('feedback.consentGiven')
                    : t('feedback.consentNotGiven'),
                },
              ]}
            />
            <p className="preserve-lines">{f.content}</p>
            {f.attachments.length > 0 && (
              <ul className="file-list">
                {f.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/v1/officer/feedback/${f.code}/files/${a.id}`}>{a.fileName}</a>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {(f.draftAnswer ?? f.answer) && (
            <Card size="small" title={f.answer ? t('feedback.answer') : t('feedback.draftAnswer')}>
              <p className="preserve-lines">{f.answer ?? f.draftAnswer}</p>
            </Card>
          )}
          {f.rejectionReason && (
            <Alert
              type="warning"
              title={`${t('feedback.rejectionReason')}: ${f.rejectionReason}`}
            />
          )}
          {f.rating && (
            <Alert
              type={f.rating.satisfied ? 'success' : 'warning'}
              title={`${f.rating.satisfied ? t('feedback.rate.satisfied') : t('feedback.rate.unsatisfied')}${f.rating.comment ? ` — ${f.rating.comment}` : ''}`}
            />
          )}
          <Card size="small" title={t('feedback.events')}>
            <Timeline
              items={f.events.map((e) => ({
                content: (
                  <>
                    <strong>{t(eventLabel(e.action))}</strong> — {e.actorName}
                    {e.agencyName ? ` (${e.agencyName})` : ''}, {formatDateTime(e.at)}
                    {e.note && <div className="preserve-lines">{e.note}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Space>
      )}
    </QueryState>
  );
}

const EVENT_LABELS = [
  'sent',
  'rejected',
  'merged',
  'forwarded',
  'assigned',
  'extended',
  'answer_submitted',
  'sent_back',
  'answered',
  'rated_satisfied',
  'rated_unsatisfied',
  'returned',
  'reorganised',
] as const;
const eventLabel = (action: string) =>
  `feedback.event.${(EVENT_LABELS as readonly string[]).includes(action) ? action : 'sent'}` as `feedback.event.${(typeof EVENT_LABELS)[number]}`;

type Values = {
  reason?: string;
  agencyCode?: string;
  intoCode?: string;
  officerId?: string;
  answer?: string;
  publicInterest?: boolean;
  note?: string;
};

/** One action's form: its fields, and a button that sends it. */
function ActionForm({
  item,
  action,
  queryKey,
  onDone,
}: {
  item: Detail;
  action: Action;
  queryKey: unknown[];
  onDone: (action: Action) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const agencies = useQuery({
    queryKey: ['agencies', 'current'],
    queryFn: () => api.get<Agency[]>('/api/v1/catalog/agencies?current=true'),
    enabled: open && action === 'forward',
    staleTime: Infinity,
  });
  const send = useMutation({
    mutationFn: (values: Values) =>
      api.post(`/api/v1/officer/feedback/${item.code}/actions`, { action, ...values }),
    onSuccess: async () => {
      setOpen(false);
      onDone(action);
      await queryClient.invalidateQueries({ queryKey });
    },
  });
  if (!open)
    return (
      <Button block={false} onClick={() => setOpen(true)}>
        {t(`feedback.action.${action}`)}
      </Button>
    );
  const required = [{ required: true, message: t('register.required') }];
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => send.mutate(values)}
      initialValues={{ publicInterest: false, answer: item.draftAnswer ?? undefined }}
      style={{ border: '1px solid #e3e6ea', borderRadius: 8, padding: 12 }}
    >
      <strong>{t(`feedback.action.${action}`)}</strong>
      {(action === 'reject' || action === 'extend') && (
        <Form.Item name="reason" label={t('feedback.reason')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      {action === 'merge' && (
        <Form.Item name="intoCode" label={t('feedback.intoCode')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={item.similar.map((s) => ({ value: s.code, label: `${s.code} — ${s.title}` }))}
          />
        </Form.Item>
      )}
      {action === 'forward' && (
        <Form.Item name="agencyCode" label={t('feedback.forwardTo')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={agencies.isPending}
            options={(agencies.data ?? [])
              .filter((a) => a.code !== null)
              .map((a) => ({ value: a.code ?? '', label: `${a.name} (${a.code ?? ''})` }))}
          />
        </Form.Item>
      )}
      {action === 'assign' && (
        <Form.Item name="officerId" label={t('feedback.officer')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={item.assignable.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      )}
      {action === 'submitAnswer' && (
        <Form.Item name="answer" label={t('feedback.draftAnswer')} rules={required}>
          <Input.TextArea rows={6} maxLength={10000} />
        </Form.Item>
      )}
      {action === 'approve' && (
        <>
          <p>
            {item.consentToPublish ? t('feedback.consentGiven') : t('feedback.consentNotGiven')}
          </p>
          <Form.Item name="publicInterest" valuePropName="checked">
            <Checkbox>{t('feedback.publicInterest')}</Checkbox>
          </Form.Item>
          <Card size="small" title={t('feedback.publicPreview')} data-testid="public-preview">
            <strong>{item.publicPreview.title}</strong>
            <p className="preserve-lines">{item.publicPreview.content}</p>
          </Card>
        </>
      )}
      {action === 'sendBack' && (
        <Form.Item name="note" label={t('feedback.note')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      {send.error && (
        <Alert
          type="error"
          title={send.error instanceof ApiError ? send.error.problem.title : send.error.message}
          description={send.error instanceof ApiError ? send.error.problem.detail : undefined}
        />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t(`feedback.action.${action}`)}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

export function FeedbackItemPage() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  return (
    <>
      <Link to="/can-bo/phan-anh" className="back-link">
        {t('feedback.desk.title')}
      </Link>
      <RequireSignIn kind="officer">{() => <FeedbackItem code={code} />}</RequireSignIn>
    </>
  );
}
