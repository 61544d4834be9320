import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, type Agency, type PopularProcedure } from '../api.ts';
import { CatalogFilters, type CatalogFilter } from './CatalogFilters.tsx';
import { ProcedureOffers, ProcedureResults } from './CatalogResults.tsx';
import { useI18n } from '../i18n.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

export function HomePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter: CatalogFilter = {
    q: params.get('q') ?? '',
    agency: params.get('co-quan') ?? '',
    field: params.get('linh-vuc') ?? '',
    level: params.get('muc-do') ?? '',
    page: Number(params.get('trang') ?? '1') || 1,
  };
  const procedure = params.get('thu-tuc') ?? '';
  const update = (
    changes: Partial<Record<'q' | 'co-quan' | 'linh-vuc' | 'muc-do' | 'trang' | 'thu-tuc', string>>,
  ) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('trang' in changes)) next.delete('trang');
    setParams(next);
  };

  const query = new URLSearchParams({
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.agency ? { agency: filter.agency } : {}),
    ...(filter.field ? { field: filter.field } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    page: String(filter.page),
  });
  const fields = useQuery({
    queryKey: ['fields'],
    queryFn: () => api.get<{ field: string; services: number }[]>('/api/v1/catalog/fields'),
  });
  const agencies = useQuery({
    queryKey: ['agencies', 'current'],
    queryFn: () => api.get<Agency[]>('/api/v1/catalog/agencies?current=true'),
  });

  return (
    <div className="stack stack-large">
      <div>
        <PageTitle style={{ marginBottom: 4 }}>{t('home.title')}</PageTitle>
        <p className="muted">{t('home.subtitle')}</p>
      </div>
      {/* A plain search form: it submits on Enter or the button, and costs the first download
          none of Ant Design's input code. */}
      <form
        role="search"
        className="catalog-search"
        onSubmit={(event) => {
          event.preventDefault();
          const q = new FormData(event.currentTarget).get('q');
          update({ q: typeof q === 'string' ? q.trim() : '', 'thu-tuc': '' });
        }}
      >
        <input
          type="search"
          name="q"
          key={filter.q}
          defaultValue={filter.q}
          placeholder={t('home.search')}
          aria-label={t('home.search')}
          enterKeyHint="search"
        />
        <button type="submit">{t('home.searchButton')}</button>
      </form>
      {!filter.q &&
        !filter.agency &&
        !filter.field &&
        !filter.level &&
        !procedure &&
        filter.page === 1 && <PopularProcedures />}
      <CatalogFilters
        filter={filter}
        update={update}
        agencies={agencies.data ?? []}
        fields={fields.data ?? []}
      />
      {procedure ? (
        <ProcedureOffers
          query={new URLSearchParams([...query, ['procedure', procedure]])}
          backLink={`?${without(params, 'thu-tuc', 'trang')}`}
        />
      ) : (
        <ProcedureResults
          query={query}
          offersLink={(procedure) =>
            `?${new URLSearchParams([...without(params, 'trang'), ['thu-tuc', procedure.code]])}`
          }
        />
      )}
    </div>
  );
}

/** The address's parameters without the given ones. */
function without(params: URLSearchParams, ...names: string[]) {
  return new URLSearchParams([...params].filter(([name]) => !names.includes(name)));
}

/** What people use most, each procedure once with how many agencies offer it: the page leads with it. */
function PopularProcedures() {
  const { t, formatNumber } = useI18n();
  const popular = useQuery({
    queryKey: ['popular-procedures'],
    queryFn: () => api.get<PopularProcedure[]>('/api/v1/stats/popular-procedures'),
  });
  const items = popular.data?.slice(0, 6) ?? [];
  if (items.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="popular-title">
      <h2 id="popular-title" className="panel-title">
        {t('home.popular')}
      </h2>
      <ul className="service-list" data-testid="popular-procedures">
        {items.map((procedure) => (
          <li key={procedure.code} className="service-card">
            <h3 className="service-card-title">
              <Link to={`?${new URLSearchParams({ 'thu-tuc': procedure.code }).toString()}`}>
                {procedure.name}
              </Link>
            </h3>
            <div className="muted">
              {procedure.field} ·{' '}
              {t('home.popularFacts', {
                agencies: formatNumber(procedure.services),
                dossiers: formatNumber(procedure.received),
              })}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
