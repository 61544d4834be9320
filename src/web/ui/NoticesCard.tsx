import { useQuery } from '@tanstack/react-query';
import { Card, List, Typography } from 'antd';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api, type Notice } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** The applicant's notifications: what the agencies did with their dossiers, newest first. */
export function NoticesCard() {
  const { t } = useI18n();
  const notices = useQuery({
    queryKey: ['notices'],
    queryFn: () => api.get<Notice[]>('/api/v1/notifications'),
  });
  return (
    <Card size="small" title={t('notices.title')}>
      <List
        loading={notices.isLoading}
        dataSource={(notices.data ?? []).slice(0, 5)}
        locale={{ emptyText: t('notices.none') }}
        renderItem={(notice) => (
          <List.Item>
            <List.Item.Meta
              title={notice.title}
              description={
                <>
                  <div>{notice.body}</div>
                  <Typography.Text type="secondary">
                    {formatDateTime(notice.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
