import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../domain/vietnam-time.ts';
import { ApiError, api, type FeedbackView } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** The sender follows their feedback: signed in as its sender, or with the key given with the code. */
export function FeedbackStatusPage() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const key = params.get('key') ?? '';
  const path = `/api/v1/feedback/${encodeURIComponent(code)}${key ? `?key=${encodeURIComponent(key)}` : ''}`;
  const feedback = useQuery({
    queryKey: ['feedback', code, key],
    queryFn: () => api.get<FeedbackView>(path),
    retry: false,
  });
  return (
    <div className="stack stack-large">
      <Link to="/phan-anh" className="back-link">
        {t('nav.feedback')}
      </Link>
      <PageTitle>{t('feedback.status.title', { code })}</PageTitle>
      <QueryState query={feedback}>
        {(f) => <FeedbackFacts feedback={f} fileKey={key} queryKey={['feedback', code, key]} />}
      </QueryState>
    </div>
  );
}

function FeedbackFacts({
  feedback: f,
  fileKey,
  queryKey,
}: {
  feedback: FeedbackView;
  fileKey: string;
  queryKey: unknown[];
}) {
  const { t } = useI18n();
  const fileHref = (id: string) =>
    `/api/v1/feedback/${f.code}/files/${id}${fileKey ? `?key=${encodeURIComponent(fileKey)}` : ''}`;
  return (
    <>
      <section className="panel">
        <dl className="facts">
          <dt>{t('feedback.state')}</dt>
          <dd>
            <strong>{t(`feedback.state.${f.state}`)}</strong>
          </dd>
          <dt>{t('feedback.category')}</dt>
          <dd>{f.categoryName}</dd>
          <dt>{t('feedback.receivedAt')}</dt>
          <dd>{formatDateTime(f.receivedAt)}</dd>
          {f.competentAgencyName && (
            <>
              <dt>{t('feedback.agency')}</dt>
              <dd>{f.competentAgencyName}</dd>
            </>
          )}
          {f.dueAt && f.state !== 'answered' && (
            <>
              <dt>{t('feedback.dueAt')}</dt>
              <dd>{formatDate(f.dueAt)}</dd>
            </>
          )}
          {f.dossierCode && (
            <>
              <dt>{t('feedback.dossier')}</dt>
              <dd>
                <Link to={`/ho-so-cua-toi/${f.dossierCode}`}>{f.dossierCode}</Link>
              </dd>
            </>
          )}
          {(f.province || f.address) && (
            <>
              <dt>{t('feedback.place')}</dt>
              <dd>{[f.address, f.commune, f.province].filter(Boolean).join(', ')}</dd>
            </>
          )}
        </dl>
      </section>
      {f.rejectionReason && (
        <div className="notice notice-warning">
          <strong>{t('feedback.rejectionReason')}:</strong> {f.rejectionReason}
        </div>
      )}
      {f.mergedIntoCode && (
        <div className="notice notice-info">
          {t('feedback.mergedInto', { code: f.mergedIntoCode })}
        </div>
      )}
      <section className="panel">
        <h2 className="panel-title">{f.title}</h2>
        <p className="preserve-lines">{f.content}</p>
        {f.attachments.length > 0 && (
          <>
            <h3 className="form-section-title">{t('feedback.files')}</h3>
            <ul className="file-list">
              {f.attachments.map((a) => (
                <li key={a.id}>
                  <a href={fileHref(a.id)}>{a.fileName}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {f.answer && (
        <section className="panel">
          <h2 className="panel-title">
            {t('feedback.answer')} ({f.answeredAt ? formatDate(f.answeredAt) : ''})
          </h2>
          <p className="preserve-lines">{f.answer}</p>
        </section>
      )}
      {f.state === 'answered' &&
        (f.rating ? (
          <p className="notice notice-info">
            {t('feedback.rated')}:{' '}
            {f.rating.satisfied ? t('feedback.rate.satisfied') : t('feedback.rate.unsatisfied')}
            {f.rating.comment ? ` — ${f.rating.comment}` : ''}
          </p>
        ) : (
          <RatingForm code={f.code} trackingKey={fileKey} queryKey={queryKey} />
        ))}
    </>
  );
}

function RatingForm({
  code,
  trackingKey,
  queryKey,
}: {
  code: string;
  trackingKey: string;
  queryKey: unknown[];
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [satisfied, setSatisfied] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const rate = useMutation({
    mutationFn: () =>
      api.post<FeedbackView>(`/api/v1/feedback/${code}/rating`, {
        satisfied,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(trackingKey ? { key: trackingKey } : {}),
      }),
    onSuccess: (view) => queryClient.setQueryData(queryKey, view),
  });
  return (
    <form
      className="panel procedure-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (satisfied !== null) rate.mutate();
      }}
    >
      <fieldset className="form-field form-group">
        <legend className="panel-title">{t('feedback.rate.title')}</legend>
        <div className="form-choices form-choices-inline">
          <label>
            <input
              type="radio"
              name="satisfied"
              checked={satisfied === true}
              onChange={() => setSatisfied(true)}
            />
            {t('feedback.rate.satisfied')}
          </label>
          <label>
            <input
              type="radio"
              name="satisfied"
              checked={satisfied === false}
              onChange={() => setSatisfied(false)}
            />
            {t('feedback.rate.unsatisfied')}
          </label>
        </div>
      </fieldset>
      <div className="form-field">
        <label htmlFor="rating-comment">{t('feedback.rate.comment')}</label>
        <textarea
          id="rating-comment"
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {rate.error && (
        <div className="notice notice-error" role="alert">
          {rate.error instanceof ApiError ? rate.error.problem.title : rate.error.message}
        </div>
      )}
      <button type="submit" className="button" disabled={satisfied === null || rate.isPending}>
        {t('feedback.rate.send')}
      </button>
    </form>
  );
}
