import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatMoney } from '../../domain/vietnam-time.ts';
import { onlineLevelLabel } from '../../domain/online-level.ts';
import { api, type ProcedurePage, type ProcedureSummary, type ServicePage } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { Pager } from '../ui/Pager.tsx';

/**
 * The catalog one procedure at a time: a procedure offered by the 34 provinces is one card saying
 * so, not 34 cards with the same title. Its card opens the agencies that offer it (`offersLink`),
 * or the service itself when a single agency does.
 */
export function ProcedureResults({
  query,
  offersLink,
}: {
  query: URLSearchParams;
  offersLink: (procedure: ProcedureSummary) => string;
}) {
  const { t } = useI18n();
  const procedures = useQuery({
    queryKey: ['procedures', query.toString()],
    queryFn: () => api.get<ProcedurePage>(`/api/v1/catalog/procedures?${query.toString()}`),
  });
  return (
    <QueryState query={procedures}>
      {(result) =>
        result.total === 0 ? (
          <NothingFound suggestions={result.suggestions} />
        ) : (
          <>
            <p className="muted" role="status">
              {t('catalog.foundProcedures', { n: result.total })}
            </p>
            <ul className="service-list">
              {result.items.map((procedure) => (
                <ProcedureCard
                  key={procedure.code}
                  procedure={procedure}
                  to={
                    procedure.onlyService
                      ? `/dich-vu/${procedure.onlyService.id}`
                      : offersLink(procedure)
                  }
                />
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
  );
}

function ProcedureCard({ procedure, to }: { procedure: ProcedureSummary; to: string }) {
  const { t, locale } = useI18n();
  const { services, fullOnlineServices: full } = procedure;
  const days = procedure.processingDays;
  const fee = procedure.feeVnd;
  return (
    <li className="service-card">
      <h2 className="service-card-title">
        <Link to={to}>{procedure.name}</Link>
      </h2>
      <span className={full === services ? 'level-tag level-full' : 'level-tag'}>
        {full === services || full === 0
          ? onlineLevelLabel(full === 0 ? 'partial' : 'full', locale)
          : t('catalog.fullAt', { full, services })}
      </span>
      <div>{procedure.onlyService?.agencyName ?? t('catalog.offeredBy', { n: services })}</div>
      <div className="muted">
        {procedure.field} ·{' '}
        {days.min === days.max
          ? t('service.daysValue', { n: days.min })
          : t('catalog.daysRange', { min: days.min, max: days.max })}{' '}
        ·{' '}
        {fee.max === 0
          ? t('service.free')
          : fee.min === fee.max
            ? formatMoney(fee.max)
            : `${formatMoney(fee.min)} – ${formatMoney(fee.max)}`}
      </div>
    </li>
  );
}

/**
 * The agencies that offer one procedure, each card titled with the agency: the citizen picks where
 * to apply. `backLink` returns to the procedures.
 */
export function ProcedureOffers({ query, backLink }: { query: URLSearchParams; backLink: string }) {
  const { t, locale } = useI18n();
  const services = useQuery({
    queryKey: ['services', query.toString()],
    queryFn: () => api.get<ServicePage>(`/api/v1/catalog/services?${query.toString()}`),
  });
  return (
    <QueryState query={services}>
      {(result) => (
        <section className="stack" aria-labelledby="offers-title">
          <Link to={backLink}>← {t('catalog.allProcedures')}</Link>
          {result.total === 0 ? (
            <NothingFound suggestions={[]} />
          ) : (
            <>
              <h2 id="offers-title" className="panel-title">
                {result.items[0]?.procedureName}
              </h2>
              <p className="muted" role="status">
                {t('catalog.chooseAgency', { n: result.total })}
              </p>
              <ul className="service-list">
                {result.items.map((service) => (
                  <li key={service.id} className="service-card">
                    <h3 className="service-card-title">
                      <Link to={`/dich-vu/${service.id}`}>{service.agency.name}</Link>
                    </h3>
                    <span
                      className={
                        service.onlineLevel === 'full' ? 'level-tag level-full' : 'level-tag'
                      }
                    >
                      {onlineLevelLabel(service.onlineLevel, locale)}
                    </span>
                    <div className="muted">
                      {t('service.daysValue', { n: service.processingDays })} ·{' '}
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
          )}
        </section>
      )}
    </QueryState>
  );
}

function NothingFound({ suggestions }: { suggestions: string[] }) {
  const { t } = useI18n();
  return (
    <div className="empty-state" role="status">
      <p>{t('home.empty')}</p>
      {suggestions.length > 0 && (
        <>
          <p>{t('home.didYouMean')}</p>
          <ul className="suggestions">
            {suggestions.map((name) => (
              <li key={name}>
                <Link to={`?${new URLSearchParams({ q: name }).toString()}`}>{name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
