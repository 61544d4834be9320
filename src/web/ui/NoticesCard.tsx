import { useQuery } from '@tanstack/react-query';
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
  const shown = (notices.data ?? []).slice(0, 5);
  return (
    <section className="panel">
      <h2 className="panel-title">{t('notices.title')}</h2>
      {notices.isSuccess && shown.length === 0 && <p className="muted">{t('notices.none')}</p>}
      <ul className="document-list">
        {shown.map((notice) => (
          <li key={notice.id}>
            <strong>{notice.title}</strong>
            <span>{notice.body}</span>
            <span className="muted">{formatDateTime(notice.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
