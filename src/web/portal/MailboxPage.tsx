import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Typography } from 'antd';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api } from '../api.ts';
import { QueryState } from '../ui/QueryState.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

type CapturedMail = { id: string; to: string; subject: string; body: string; createdAt: string };

/** Demo mode: the mail the platform sent, captured instead of delivered (Vietnamese only, like the admin area). */
export function MailboxPage() {
  const mail = useQuery({
    queryKey: ['demo-mailbox'],
    queryFn: () => api.get<CapturedMail[]>('/api/v1/demo/mailbox'),
  });
  return (
    <>
      <PageTitle>Hộp thư mẫu</PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="Bản trình diễn: thư điện tử gửi người nộp hồ sơ được giữ lại ở đây thay vì gửi đi."
      />
      <QueryState query={mail}>
        {(messages) => (
          <List
            dataSource={messages}
            locale={{ emptyText: 'Chưa có thư nào' }}
            renderItem={(m) => (
              <Card size="small" style={{ marginBottom: 12 }} title={m.subject}>
                <Typography.Paragraph type="secondary">
                  Gửi đến {m.to} · {formatDateTime(m.createdAt)}
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
