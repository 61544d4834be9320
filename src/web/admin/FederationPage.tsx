import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { ApiError, api, type SyncStatus } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/**
 * The synchronisation with the national portal (decision 0017), for the system administrator:
 * how far behind each peer is, what failed, the message refused for good, and a retry button.
 */
export function FederationPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const status = useQuery({
    queryKey: ['federation-status'],
    queryFn: () => api.get<SyncStatus>('/api/v1/admin/federation/status'),
    refetchInterval: 5_000,
  });
  const retry = useMutation({
    mutationFn: (destination: string) =>
      api.post(`/api/v1/admin/federation/destinations/${encodeURIComponent(destination)}/retry`),
    onSuccess: async () => {
      void message.success(t('federation.retried'));
      await client.invalidateQueries({ queryKey: ['federation-status'] });
    },
    onError: (error) =>
      void message.error(error instanceof ApiError ? error.problem.title : String(error)),
  });
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
