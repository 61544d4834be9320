import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Space, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { formatDate, formatDateTime } from '../domain/vietnam-time.ts';
import { ApiError, api, type Me } from './api.ts';
import { useI18n } from './i18n.tsx';
import { useMe } from './session.ts';
import { QueryState } from './ui/QueryState.tsx';

type Session = {
  id: string;
  current: boolean;
  method: 'oidc' | 'password' | 'demo';
  ip: string | null;
  userAgent: string | null;
  lastSeenAt: string;
};

/** My account: identity facts, contact details I may correct, my sessions. */
export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(account) =>
        account ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            {account.kind === 'citizen' && <Profile account={account} />}
            <Sessions />
          </Space>
        ) : (
          <Alert type="info" showIcon title={t('signIn.required')} />
        )
      }
    </QueryState>
  );
}

function Profile({ account }: { account: Me }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (values: { phone?: string; email?: string; address?: string }) =>
      api.put<Me>('/api/v1/auth/profile', {
        phone: values.phone?.trim() || null,
        email: values.email?.trim() || null,
        address: values.address?.trim() || null,
      }),
    onSuccess: () => {
      void message.success(t('account.saved'));
      return client.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const problems = save.error instanceof ApiError ? save.error.problem : undefined;
  const fieldError = (field: string) =>
    problems?.errors?.find((e) => e.field === `/${field}`)?.message;

  return (
    <Card title={t('account.profile')}>
      <Alert type="info" showIcon title={t('account.profileHelp')} style={{ marginBottom: 16 }} />
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('account.fullName')}>{account.fullName}</Descriptions.Item>
        {account.citizenId && (
          <Descriptions.Item label={t('account.citizenId')}>{account.citizenId}</Descriptions.Item>
        )}
        {account.birthDate && (
          <Descriptions.Item label={t('account.birthDate')}>
            {formatDate(account.birthDate)}
          </Descriptions.Item>
        )}
        {account.taxCode && (
          <Descriptions.Item label={t('account.taxCode')}>{account.taxCode}</Descriptions.Item>
        )}
      </Descriptions>
      <Form
        layout="vertical"
        initialValues={{
          phone: account.phone ?? '',
          email: account.email ?? '',
          address: account.address ?? '',
        }}
        onFinish={(values: { phone?: string; email?: string; address?: string }) =>
          save.mutate(values)
        }
      >
        {(['phone', 'email', 'address'] as const).map((field) => (
          <Form.Item
            key={field}
            name={field}
            label={t(`account.${field}`)}
            validateStatus={fieldError(field) ? 'error' : undefined}
            help={fieldError(field)}
          >
            <Input />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('account.save')}
        </Button>
      </Form>
    </Card>
  );
}

function Sessions() {
  const { t } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: () => api.get<Session[]>('/api/v1/auth/sessions'),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/auth/sessions/${id}/revoke`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sessions'] }),
  });
  const everywhere = useMutation({
    mutationFn: () => api.post('/api/v1/auth/sign-out-everywhere'),
    onSuccess: async () => {
      client.clear();
      await navigate('/');
    },
  });

  return (
    <Card
      title={t('account.sessions')}
      extra={
        <Button danger onClick={() => everywhere.mutate()} loading={everywhere.isPending}>
          {t('account.signOutEverywhere')}
        </Button>
      }
    >
      <QueryState query={sessions}>
        {(rows) => (
          <List
            dataSource={rows}
            renderItem={(session) => (
              <List.Item
                actions={
                  session.current
                    ? [
                        <Tag key="current" color="green">
                          {t('account.current')}
                        </Tag>,
                      ]
                    : [
                        <Button key="revoke" size="small" onClick={() => revoke.mutate(session.id)}>
                          {t('account.revoke')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={`${t(`account.method.${session.method}`)} · ${session.userAgent ?? ''}`}
                  description={t('account.lastSeen', {
                    time: formatDateTime(session.lastSeenAt),
                    ip: session.ip ?? '',
                  })}
                />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}
