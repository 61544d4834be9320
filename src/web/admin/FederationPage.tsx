import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { ApiError, api, type MemberStatus, type SyncStatus } from '../api.ts';
import { usePortal } from '../session.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/**
 * The synchronisation (decision 0017), for the system administrator. On an agency system: how far
 * behind each peer is, what failed, the message refused for good, and a retry button. On the
 * national portal: its members, what each sent, and the applications waiting to reach it.
 */
export function FederationPage() {
  const national = usePortal().data?.national === true;
  return national ? <MemberSystems /> : <AgencySync />;
}

function useRetry(queryKey: string, url: (id: string) => string) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(url(id)),
    onSuccess: async () => {
      void message.success(t('federation.retried'));
      await client.invalidateQueries({ queryKey: [queryKey] });
    },
    onError: (error) =>
      void message.error(error instanceof ApiError ? error.problem.title : String(error)),
  });
}

function MemberSystems() {
  const { t } = useI18n();
  const members = useQuery({
    queryKey: ['federation-members'],
    queryFn: () => api.get<MemberStatus[]>('/api/v1/admin/federation/members'),
    refetchInterval: 5_000,
  });
  const retry = useRetry(
    'federation-members',
    (id) => `/api/v1/admin/federation/members/${id}/retry`,
  );
  return (
    <QueryState query={members}>
      {(rows) => (
        <>
          <Typography.Paragraph>{t('federation.membersIntro')}</Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            dataSource={rows}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('federation.noMember') }}
            columns={[
              {
                title: t('federation.member'),
                render: (_, r) => (
                  <>
                    {r.name}
                    {r.url && (
                      <Typography.Text type="secondary" style={{ display: 'block' }}>
                        {r.url}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
              { title: t('federation.memberAgencies'), render: (_, r) => r.agencyCodes.length },
              { title: t('federation.applied'), dataIndex: 'appliedSeq' },
              {
                title: t('federation.lastMessage'),
                render: (_, r) => (r.lastMessageAt ? formatDateTime(r.lastMessageAt) : '—'),
              },
              {
                title: t('federation.waiting'),
                render: (_, r) =>
                  r.waitingSubmissions === 0 ? (
                    <Tag color="green">{t('federation.nothingWaiting')}</Tag>
                  ) : (
                    <>
                      <Tag color={r.lastDeliveryError ? 'orange' : 'blue'}>
                        {t('federation.waitingSince', {
                          n: r.waitingSubmissions,
                          at: r.oldestWaitingAt ? formatDateTime(r.oldestWaitingAt) : '—',
                        })}
                      </Tag>
                      <Typography.Text type="secondary">{r.lastDeliveryError}</Typography.Text>
                    </>
                  ),
              },
              {
                title: '',
                render: (_, r) =>
                  r.waitingSubmissions > 0 && (
                    <Button
                      size="small"
                      onClick={() => retry.mutate(r.id)}
                      loading={retry.isPending}
                    >
                      {t('federation.retry')}
                    </Button>
                  ),
              },
            ]}
          />
        </>
      )}
    </QueryState>
  );
}

function AgencySync() {
  const { t } = useI18n();
  const status = useQuery({
    queryKey: ['federation-status'],
    queryFn: () => api.get<SyncStatus>('/api/v1/admin/federation/status'),
    refetchInterval: 5_000,
  });
  const retry = useRetry(
    'federation-status',
    (destination) =>
      `/api/v1/admin/federation/destinations/${encodeURIComponent(destination)}/retry`,
  );
  return (
    <QueryState query={status}>
      {(data) => (
        <>
          <Typography.Paragraph>
            {t('federation.intro', { last: data.lastSeq })}
          </Typography.Paragraph>
          <Table
            rowKey="destination"
            size="small"
            dataSource={data.destinations}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('federation.noPeer') }}
            columns={[
              {
                title: t('federation.peer'),
                render: (_, r) => (r.destination === 'hub' ? t('federation.hub') : r.destination),
              },
              { title: t('federation.delivered'), dataIndex: 'deliveredSeq' },
              { title: t('federation.lag'), dataIndex: 'lag' },
              {
                title: t('federation.state'),
                render: (_, r) =>
                  r.deadLetter ? (
                    <>
                      <Tag color="red">{t('federation.dead', { seq: r.deadLetter.seq })}</Tag>
                      <Typography.Text type="secondary">{r.deadLetter.error}</Typography.Text>
                    </>
                  ) : r.failures > 0 ? (
                    <>
                      <Tag color="orange">
                        {t('federation.failing', {
                          n: r.failures,
                          at: formatDateTime(r.nextAttemptAt),
                        })}
                      </Tag>
                      <Typography.Text type="secondary">{r.lastError}</Typography.Text>
                    </>
                  ) : (
                    <Tag color={r.lag === 0 ? 'green' : 'blue'}>
                      {r.lag === 0 ? t('federation.upToDate') : t('federation.behind')}
                    </Tag>
                  ),
              },
              {
                title: '',
                render: (_, r) => (
                  <Button
                    size="small"
                    onClick={() => retry.mutate(r.destination)}
                    loading={retry.isPending}
                  >
                    {t('federation.retry')}
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
    </QueryState>
  );
}
