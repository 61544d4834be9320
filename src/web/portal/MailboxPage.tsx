import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Typography } from 'antd';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

type CapturedMail = { id: string; to: string; subject: string; body: string; createdAt: string };

/** Demo mode: the mail the platform sent, captured instead of delivered. */
export function MailboxPage() {
  const { t } = useI18n();
  const mail = useQuery({
    queryKey: ['demo-mailbox'],
    queryFn: () => api.get<CapturedMail[]>('/api/v1/demo/mailbox'),
  });
  return (
    <>
      <PageTitle>{t('mailbox.title')}</PageTitle>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('mailbox.note')} />
      <QueryState query={mail}>
        {(messages) => (
          <List
            dataSource={messages}
            locale={{ emptyText: t('mailbox.none') }}
            renderItem={(m) => (
              <Card size="small" style={{ marginBottom: 12 }} title={m.subject}>
                <Typography.Paragraph type="secondary">
                  {t('mailbox.sentTo', { to: m.to, at: formatDateTime(m.createdAt) })}
                </Typography.Paragraph>
                <Typography.Paragraph>{m.body}</Typography.Paragraph>
              </Card>
            )}
          />
        )}
      </QueryState>
    </>
  );
}
