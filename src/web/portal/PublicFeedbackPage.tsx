import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../domain/vietnam-time.ts';
import { api, type PublicFeedbackPage as Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/** The published answers: anyone reads them, searching with or without diacritics. */
export function PublicFeedbackPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const page = Math.max(1, Number(params.get('trang') ?? '1') || 1);
  const query = new URLSearchParams({ page: String(page), ...(q ? { q } : {}) });
  const answers = useQuery({
    queryKey: ['public-feedback', query.toString()],
    queryFn: () => api.get<Page>(`/api/v1/public/feedback?${query.toString()}`),
  });
  const goTo = (next: number) =>
    setParams({ ...(q ? { q } : {}), ...(next > 1 ? { trang: String(next) } : {}) });
  return (
    <div className="stack stack-large">
      <PageTitle>{t('feedback.public.title')}</PageTitle>
      <p>{t('feedback.public.intro')}</p>
      <p>
        <Link to="/phan-anh">{t('feedback.send.title')}</Link>
      </p>
      <form
        role="search"
        className="catalog-search"
        onSubmit={(event) => {
          event.preventDefault();
          const typed = new FormData(event.currentTarget).get('q');
          const value = typeof typed === 'string' ? typed.trim() : '';
          setParams(value ? { q: value } : {});
        }}
      >
        <input
          type="search"
          name="q"
          defaultValue={q}
          placeholder={t('feedback.public.search')}
          aria-label={t('feedback.public.search')}
        />
        <button type="submit">{t('lookup.button')}</button>
      </form>
      <QueryState query={answers}>
        {(result) =>
          result.items.length === 0 ? (
            <p className="empty-state">{t('feedback.public.none')}</p>
          ) : (
            <>
              <ul className="service-list">
                {result.items.map((item) => (
                  <li key={item.code} className="panel">
                    <h2 className="panel-title">{item.title}</h2>
                    <p className="muted">
                      {item.code} · {item.categoryName} · {item.agencyName}
                    </p>
                    <p className="preserve-lines">{item.content}</p>
                    <h3 className="form-section-title">
                      {t('feedback.answer')} ({formatDate(item.answeredAt)})
                    </h3>
                    <p className="preserve-lines">{item.answer}</p>
                  </li>
                ))}
              </ul>
              <div className="action-bar">
                {page > 1 && (
                  <button type="button" className="button" onClick={() => goTo(page - 1)}>
                    {t('feedback.previous')}
                  </button>
                )}
                {result.hasMore && (
                  <button type="button" className="button" onClick={() => goTo(page + 1)}>
                    {t('feedback.next')}
                  </button>
                )}
              </div>
            </>
          )
        }
      </QueryState>
    </div>
  );
}
