import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../domain/vietnam-time.ts';
import { api, type FeedbackSummary } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** The feedback sent about a dossier, on its page in the back office (issue 21). */
export function DossierFeedbackCard({ dossierCode }: { dossierCode: string }) {
  const { t } = useI18n();
  const feedback = useQuery({
    queryKey: ['dossier-feedback', dossierCode],
    queryFn: () => api.get<FeedbackSummary[]>(`/api/v1/officer/dossiers/${dossierCode}/feedback`),
  });
  // An officer who may not read the agency's feedback is not shown the card at all.
  if (feedback.error || !feedback.data || feedback.data.length === 0) return null;
  return (
    <Card size="small" title={t('feedback.onDossier')}>
      <ul className="file-list">
        {feedback.data.map((f) => (
          <li key={f.code}>
            <Link to={`/can-bo/phan-anh/${f.code}`}>{f.title}</Link>
            <span className="muted">
              {f.code} · {formatDate(f.receivedAt)} · {t(`feedback.state.${f.state}`)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
