import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { formatMoney } from '../../domain/vietnam-time.ts';
import { api, type Agency, type PopularProcedure, type ServicePage } from '../api.ts';
import { CatalogFilters, type CatalogFilter } from './CatalogFilters.tsx';
import { onlineLevelLabel } from '../../domain/online-level.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { Pager } from '../ui/Pager.tsx';

export function HomePage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter: CatalogFilter = {
    q: params.get('q') ?? '',
    agency: params.get('co-quan') ?? '',
    field: params.get('linh-vuc') ?? '',
    level: params.get('muc-do') ?? '',
    page: Number(params.get('trang') ?? '1') || 1,
  };
  const update = (
    changes: Partial<Record<'q' | 'co-quan' | 'linh-vuc' | 'muc-do' | 'trang', string>>,
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
  const services = useQuery({
    queryKey: ['services', query.toString()],
    queryFn: () => api.get<ServicePage>(`/api/v1/catalog/services?${query.toString()}`),
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
          update({ q: typeof q === 'string' ? q.trim() : '' });
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
      {!filter.q && !filter.agency && !filter.field && !filter.level && filter.page === 1 && (
        <PopularProcedures />
      )}
      <CatalogFilters
        filter={filter}
        update={update}
        agencies={agencies.data ?? []}
        fields={fields.data ?? []}
      />
      <QueryState query={services}>
        {(result) =>
          result.total === 0 ? (
            <div className="empty-state" role="status">
              <p>{t('home.empty')}</p>
              {result.suggestions.length > 0 && (
                <>
                  <p>{t('home.didYouMean')}</p>
                  <ul className="suggestions">
                    {result.suggestions.map((name) => (
                      <li key={name}>
                        <Link to={`?${new URLSearchParams({ q: name }).toString()}`}>{name}</Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : (
            <>
              <p className="muted" role="status">
                {t('catalog.found', { n: result.total })}
              </p>
              <ul className="service-list">
                {result.items.map((service) => (
                  <li key={service.id} className="service-card">
                    <h2 className="service-card-title">
                      <Link to={`/dich-vu/${service.id}`}>{service.procedureName}</Link>
                    </h2>
                    <span
                      className={
                        service.onlineLevel === 'full' ? 'level-tag level-full' : 'level-tag'
                      }
                    >
                      {onlineLevelLabel(service.onlineLevel, locale)}
                    </span>
                    <div>{service.agency.name}</div>
                    <div className="muted">
                      {service.field} · {t('service.daysValue', { n: service.processingDays })} ·{' '}
                      {service.feeVnd === 0 ? t('service.free') : formatMoney(service.feeVnd)}
                    </div>
                  </li>
                ))}
              </ul>
              <Pager
                current={result.page}
                pageSize={result.pageSize}
                total={result.total}
                param="trang"
              />
            </>
          )
        }
      </QueryState>
    </div>
  );
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
              <Link to={`?${new URLSearchParams({ q: procedure.name }).toString()}`}>
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
