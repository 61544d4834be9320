import { allowedAt, allowedEverywhere, rolesFor } from '../../domain/access.ts';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  RANKING_INDICATORS,
  RANKING_RATIO,
  type Indicators,
  type RankingIndicator,
  type Ratio,
} from '../../domain/indicators.ts';
import { DRILL_MEASURES, MEASURE_FIGURE, type DrillMeasure } from '../../domain/stats-drill.ts';
import { vietnamDate } from '../../domain/vietnam-time.ts';
import { STATS_STRUCTURES, type StatsStructure } from '../../domain/stats-period.ts';
import { api, type AgencyStats, type StatsRanking } from '../api.ts';
import { FeedbackFigures } from './FeedbackFigures.tsx';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { BarList, LineChart } from '../ui/charts.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { FactList } from '../ui/DossierFacts.tsx';
import { downloadCsv, localised } from '../ui/csv.ts';
import { QueryState } from '../ui/QueryState.tsx';
import { useMe } from '../session.ts';
import { PageTitle } from '../ui/PageTitle.tsx';

type IndicatorKey = RankingIndicator;
const INDICATORS = RANKING_INDICATORS;
const RATIO_OF = RANKING_RATIO;

const indicatorLabel = (key: IndicatorKey): MessageKey => `stats.indicator.${key}`;

/** Periods offered: this year so far, the last twelve months, this year's quarters, last year. */
function periodOptions(t: (key: MessageKey, values?: Record<string, string>) => string) {
  const today = vietnamDate(new Date());
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const months = Array.from({ length: 12 }, (_, back) => {
    const index = year * 12 + month - 1 - back;
    const y = Math.floor(index / 12);
    const m = String((index % 12) + 1).padStart(2, '0');
    return { value: `${String(y)}-${m}`, label: t('stats.month', { month: `${m}/${String(y)}` }) };
  });
  const quarters = Array.from({ length: Math.ceil(month / 3) }, (_, q) => ({
    value: `${String(year)}-Q${String(q + 1)}`,
    label: t('stats.quarter', { quarter: ['I', 'II', 'III', 'IV'][q] ?? '', year: String(year) }),
  }));
  return [
    { value: 'live', label: t('stats.live') },
    ...months,
    ...quarters,
    { value: String(year - 1), label: t('stats.year', { year: String(year - 1) }) },
  ];
}

function usePercent() {
  const { formatNumber } = useI18n();
  return (ratio: Ratio) => (ratio.percent === null ? '—' : `${formatNumber(ratio.percent)}%`);
}

function RatioCell({ ratio }: { ratio: Ratio }) {
  const percent = usePercent();
  const { formatNumber } = useI18n();
  return (
    <span title={`${String(ratio.numerator)}/${String(ratio.denominator)}`}>
      {percent(ratio)}{' '}
      <span className="muted">
        ({formatNumber(ratio.numerator)}/{formatNumber(ratio.denominator)})
      </span>
    </span>
  );
}

/** The headline figures of one scope (the nation, an agency). */
function Headline({ indicators }: { indicators: Indicators }) {
  const { t, formatNumber } = useI18n();
  const percent = usePercent();
  const cards: { key: MessageKey; value: string | number; testId: string }[] = [
    { key: 'stats.published', value: indicators.services.published, testId: 'stat-published' },
    {
      key: 'stats.indicator.fullOnlineShare',
      value: percent(indicators.services.fullOnlineShare),
      testId: 'stat-full-online',
    },
    {
      key: 'stats.received',
      value: indicators.dossiers.received,
      testId: 'stat-received',
    },
    {
      key: 'stats.indicator.onlineRate',
      value: percent(indicators.dossiers.onlineRate),
      testId: 'stat-online-rate',
    },
    {
      key: 'stats.indicator.onTimeRate',
      value: percent(indicators.dossiers.onTimeRate),
      testId: 'stat-on-time',
    },
    {
      key: 'stats.openOverdue',
      value: `${formatNumber(indicators.dossiers.open.total)} / ${formatNumber(indicators.dossiers.open.overdue)}`,
      testId: 'stat-open',
    },
  ];
  return (
    <ul className="stat-cards">
      {cards.map((card) => (
        <li key={card.key}>
          <span className="muted">{t(card.key)}</span>
          <span className="stat-value" data-testid={card.testId}>
            {typeof card.value === 'number' ? formatNumber(card.value) : card.value}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A native select with its visible label above it. */
function LabelledSelect<T extends string>({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: T;
  onChange: (value: T) => void;
  options: { value: T; label: string }[];
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const MONTH = /^\d{4}-\d{2}$/;

/** The periods offered, and any month since the registry began (the seeds' figures of 2020). */
export function PeriodSelect({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const monthId = useId();
  const options = periodOptions(t);
  if (MONTH.test(value) && !options.some((o) => o.value === value))
    options.push({
      value,
      label: t('stats.month', { month: `${value.slice(5)}/${value.slice(0, 4)}` }),
    });
  return (
    <>
      <LabelledSelect
        label={t('stats.period')}
        value={value}
        onChange={onChange}
        options={options}
      />
      <div className="form-field">
        <label htmlFor={monthId}>{t('stats.otherMonth')}</label>
        <input
          id={monthId}
          type="month"
          min="2018-01"
          max={vietnamDate(new Date()).slice(0, 7)}
          value={MONTH.test(value) ? value : ''}
          onChange={(event) => {
            if (MONTH.test(event.target.value)) onChange(event.target.value);
          }}
        />
      </div>
    </>
  );
}

export type RankedLevel = 'province' | 'ministry';

/** Which are ranked side by side: the provinces, or the ministries. */
export function LevelSwitch({
  value,
  onChange,
}: {
  value: RankedLevel;
  onChange: (value: RankedLevel) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t('stats.level')}</legend>
      {(['province', 'ministry'] as const).map((option) => (
        <label key={option}>
          <input
            type="radio"
            name="stats-level"
            checked={value === option}
            onChange={() => onChange(option)}
          />
          <span>{option === 'province' ? t('stats.provinces') : t('stats.ministries')}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Whose figures: the agencies as they were in the period, or today's with their predecessors'. */
export function StructureSwitch({
  value,
  onChange,
}: {
  value: StatsStructure;
  onChange: (value: StatsStructure) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t('stats.structure')}</legend>
      {STATS_STRUCTURES.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name="stats-structure"
            checked={value === option}
            onChange={() => onChange(option)}
          />
          <span>{t(`stats.structure.${option}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Public: national figures and the ranking of ministries and provinces, with a CSV download. */
export function StatisticsPage() {
  const { t, formatNumber } = useI18n();
  const percent = usePercent();
  const [period, setPeriod] = useState('live');
  const [indicator, setIndicator] = useState<IndicatorKey>('fullOnlineShare');
  const [level, setLevel] = useState<RankedLevel>('province');
  const [structure, setStructure] = useState<StatsStructure>('then');
  const { data: me } = useMe();
  const maySeeNationalItems = me?.kind === 'officer' && allowedEverywhere(me.roles, 'stats.drill');
  const ranking = useQuery({
    queryKey: ['stats', period, indicator, level, structure],
    queryFn: () =>
      api.get<StatsRanking>(
        `/api/v1/stats/agencies?period=${period}&indicator=${indicator}&level=${level}&structure=${structure}`,
      ),
  });
  const ratioOf = RATIO_OF[indicator];

  const csv = (data: StatsRanking) =>
    downloadCsv(
      `thong-ke-${level}-${data.period.key}.csv`,
      localised(formatNumber, [
        [
          t('stats.rank'),
          t('stats.agency'),
          t('stats.published'),
          t('stats.fullOnline'),
          `${t('stats.indicator.fullOnlineShare')} (%)`,
          t('stats.withOnlineDossier'),
          `${t('stats.indicator.usedOnlineShare')} (%)`,
          t('stats.received'),
          t('stats.receivedOnline'),
          `${t('stats.indicator.onlineRate')} (%)`,
          t('stats.finished'),
          t('stats.finishedOnTime'),
          `${t('stats.indicator.onTimeRate')} (%)`,
          t('stats.open'),
          t('stats.overdue'),
        ],
        ...data.agencies.map((a) => {
          const { services: s, dossiers: d } = a.indicators;
          return [
            a.rank,
            a.name,
            s.published,
            s.fullOnline,
            s.fullOnlineShare.percent,
            s.withOnlineDossier,
            s.usedOnlineShare.percent,
            d.received,
            d.receivedByChannel.online,
            d.onlineRate.percent,
            d.finished,
            d.finishedOnTime,
            d.onTimeRate.percent,
            d.open.total,
            d.open.overdue,
          ];
        }),
      ]),
    );

  return (
    <div className="stack stack-large">
      <PageTitle>{t('stats.title')}</PageTitle>
      <Link to="/thong-ke/chi-so-766">{t('evaluation.link')}</Link>
      <div className="stats-controls">
        <PeriodSelect value={period} onChange={setPeriod} />
        <LabelledSelect
          label={t('stats.indicator')}
          value={indicator}
          onChange={setIndicator}
          options={INDICATORS.map((key) => ({ value: key, label: t(indicatorLabel(key)) }))}
        />
        <LevelSwitch value={level} onChange={setLevel} />
        <StructureSwitch value={structure} onChange={setStructure} />
      </div>
      <QueryState query={ranking}>
        {(data) => {
          const measured = data.agencies.filter((a) => ratioOf(a.indicators).percent !== null);
          const laggards = data.agencies.filter((a) => a.laggard);
          const rankingTitle = `${t('stats.rankingBy')}: ${t(indicatorLabel(indicator))}`;
          return (
            <div className="stack stack-large">
              <p className="muted">
                {t('stats.national')} · {data.period.label}
              </p>
              <Headline indicators={data.national} />
              <FeedbackFigures period={period} maySeeItems={maySeeNationalItems} />
              <section className="panel stack">
                <div className="panel-heading">
                  <h2 className="panel-title">{rankingTitle}</h2>
                  <button
                    type="button"
                    className="button"
                    onClick={() => csv(data)}
                    data-testid="stats-csv"
                  >
                    {t('stats.csv')}
                  </button>
                </div>
                {measured.length > 0 && (
                  <BarList
                    testId="stats-ranking-chart"
                    label={rankingTitle}
                    format={(p) => `${formatNumber(p)}%`}
                    bars={measured.map((a) => ({
                      key: a.id,
                      label: a.name,
                      percent: ratioOf(a.indicators).percent ?? 0,
                    }))}
                  />
                )}
                <DataTable
                  label={rankingTitle}
                  rows={data.agencies}
                  rowKey={(a) => a.id}
                  empty={t('stats.noAgencies')}
                  columns={[
                    { title: t('stats.rank'), render: (a) => a.rank, numeric: true },
                    {
                      title: t('stats.agency'),
                      render: (a) => (
                        <>
                          <Link
                            to={`/thong-ke/${a.code ?? a.id}?period=${period}&structure=${structure}`}
                          >
                            {a.name}
                          </Link>
                          {a.laggard && (
                            <>
                              {' '}
                              <span className="tag tag-red">{t('stats.laggard')}</span>
                            </>
                          )}
                        </>
                      ),
                    },
                    {
                      title: t(indicatorLabel(indicator)),
                      render: (a) => <RatioCell ratio={ratioOf(a.indicators)} />,
                      numeric: true,
                    },
                    {
                      title: t('stats.received'),
                      render: (a) => formatNumber(a.indicators.dossiers.received),
                      numeric: true,
                    },
                  ]}
                />
              </section>
              <section className="panel stack">
                <h2 className="panel-title">{t('stats.laggards')}</h2>
                {laggards.length === 0 ? (
                  <p className="muted">{t('stats.noLaggards')}</p>
                ) : (
                  <ul data-testid="stats-laggards">
                    {laggards.map((a) => (
                      <li key={a.id}>
                        {a.name}: {percent(a.indicators.services.fullOnlineShare)}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}

/** Officers who may open the dossiers behind an agency's figures (the server checks the same). */

function useMaySeeDossiers(agencyId: string) {
  const { data: me } = useMe();
  return (
    me?.kind === 'officer' &&
    (allowedAt(me.roles, 'stats.drill', agencyId) ||
      // a role held with the units below reaches them too; the server knows the tree
      me.roles.some((r) => r.includeSubAgencies && rolesFor('stats.drill').includes(r.role)))
  );
}

type Scope = { agency: string; period: string; field?: string; procedure?: string };

/** The back-office page listing the dossiers behind one figure. */
export function dossiersBehindPath(scope: Scope, measure: DrillMeasure) {
  const params = new URLSearchParams({ period: scope.period, measure });
  if (scope.field) params.set('field', scope.field);
  if (scope.procedure) params.set('procedure', scope.procedure);
  return `/can-bo/thong-ke/${encodeURIComponent(scope.agency)}/ho-so?${params.toString()}`;
}

/** Every figure that has dossiers behind it, each a link to them. */
function DossiersBehindCard({ scope, indicators }: { scope: Scope; indicators: Indicators }) {
  const { t, formatNumber } = useI18n();
  return (
    <section className="panel stack" data-testid="stats-behind">
      <h2 className="panel-title">{t('stats.behind')}</h2>
      <p className="muted">{t('stats.behind.hint')}</p>
      <FactList
        facts={DRILL_MEASURES.map((measure) => [
          t(`stats.measure.${measure}`),
          <Link to={dossiersBehindPath(scope, measure)} data-testid={`behind-${measure}`}>
            {formatNumber(MEASURE_FIGURE[measure](indicators))}
          </Link>,
        ])}
      />
    </section>
  );
}

type BreakdownRow = { key: string; name: ReactNode; indicators: Indicators; procedure?: string };

/** Units, fields or procedures side by side by the main rates. */
function Breakdown({
  title,
  nameTitle,
  rows,
  scope,
}: {
  title: string;
  nameTitle: string;
  rows: BreakdownRow[];
  /** When set, each procedure row's received count links to its dossiers. */
  scope?: Scope;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <section className="panel stack">
      <h2 className="panel-title">{title}</h2>
      <DataTable
        label={title}
        rows={rows}
        rowKey={(row) => row.key}
        empty={t('stats.noRows')}
        columns={[
          { title: nameTitle, render: (row) => row.name },
          {
            title: t('stats.indicator.fullOnlineShare'),
            render: (row) => <RatioCell ratio={row.indicators.services.fullOnlineShare} />,
            numeric: true,
          },
          {
            title: t('stats.indicator.onlineRate'),
            render: (row) => <RatioCell ratio={row.indicators.dossiers.onlineRate} />,
            numeric: true,
          },
          {
            title: t('stats.indicator.onTimeRate'),
            render: (row) => <RatioCell ratio={row.indicators.dossiers.onTimeRate} />,
            numeric: true,
          },
          {
            title: t('stats.received'),
            render: (row) =>
              scope && row.procedure ? (
                <Link to={dossiersBehindPath({ ...scope, procedure: row.procedure }, 'received')}>
                  {formatNumber(row.indicators.dossiers.received)}
                </Link>
              ) : (
                formatNumber(row.indicators.dossiers.received)
              ),
            numeric: true,
          },
          {
            title: t('stats.open'),
            render: (row) => formatNumber(row.indicators.dossiers.open.total),
            numeric: true,
          },
        ]}
      />
    </section>
  );
}

/**
 * Public: one agency's figures, its units, its fields (or one field's procedures) and its last
 * twelve months; for those who answer for the agency, the dossiers behind each figure.
 */
export function AgencyStatisticsPage() {
  const { t, formatNumber } = useI18n();
  const { agency = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? 'live';
  const field = params.get('field') ?? undefined;
  const structure: StatsStructure = params.get('structure') === 'now' ? 'now' : 'then';
  const linkTo = (next: { period?: string; field?: string; structure?: StatsStructure }) => {
    const query = new URLSearchParams({ period: next.period ?? period });
    if (next.field) query.set('field', next.field);
    const whose = next.structure ?? structure;
    if (whose === 'now') query.set('structure', whose);
    return `?${query.toString()}`;
  };
  const stats = useQuery({
    queryKey: ['stats-agency', agency, period, field, structure],
    queryFn: () =>
      api.get<AgencyStats>(
        `/api/v1/stats/agencies/${encodeURIComponent(agency)}${linkTo({ field })}`,
      ),
  });
  const maySeeDossiers = useMaySeeDossiers(stats.data?.agency.id ?? '');
  return (
    <QueryState query={stats}>
      {(data) => {
        const scope: Scope = { agency: data.agency.code ?? data.agency.id, period, field };
        return (
          <div className="stack stack-large">
            <Link to="/thong-ke">{t('stats.back')}</Link>
            <PageTitle>{data.agency.name}</PageTitle>
            <div className="stats-controls">
              <PeriodSelect
                value={period}
                onChange={(next) => setParams(linkTo({ period: next, field }))}
              />
              <StructureSwitch
                value={structure}
                onChange={(next) => setParams(linkTo({ field, structure: next }))}
              />
              <span className="muted">{data.period.label}</span>
              {field && (
                <>
                  <span className="tag tag-blue" data-testid="stats-field">
                    {t('stats.field', { field })}
                  </span>
                  <Link to={linkTo({})}>{t('stats.allFields')}</Link>
                </>
              )}
            </div>
            <Headline indicators={data.indicators} />
            {maySeeDossiers && <DossiersBehindCard scope={scope} indicators={data.indicators} />}
            {data.agency.code && (
              <FeedbackFigures
                period={period}
                agencyCode={data.agency.code}
                maySeeItems={maySeeDossiers}
              />
            )}
            <section className="panel stack">
              <h2 className="panel-title">{t('stats.trend')}</h2>
              <LineChart
                testId="stats-trend-chart"
                label={t('stats.trend')}
                categoryLabel={t('stats.monthColumn')}
                tableLabel={t('stats.trendTable')}
                format={formatNumber}
                categories={data.trend.map((m) => `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`)}
                series={[
                  {
                    name: t('stats.received'),
                    color: '#0b3d91',
                    values: data.trend.map((m) => m.received),
                  },
                  {
                    name: t('stats.receivedOnline'),
                    color: '#b3141c',
                    values: data.trend.map((m) => m.receivedOnline),
                  },
                  {
                    name: t('stats.finished'),
                    color: '#1f6b05',
                    values: data.trend.map((m) => m.finished),
                  },
                ]}
              />
            </section>
            <Breakdown
              title={t('stats.units')}
              nameTitle={t('stats.agency')}
              rows={data.units.map((u) => ({
                key: u.id,
                name: <Link to={`/thong-ke/${u.code ?? u.id}${linkTo({ field })}`}>{u.name}</Link>,
                indicators: u.indicators,
              }))}
            />
            {field ? (
              <Breakdown
                title={t('stats.procedures')}
                nameTitle={t('dossier.procedure')}
                scope={maySeeDossiers ? scope : undefined}
                rows={data.procedures.map((p) => ({
                  key: p.id,
                  name: `${p.code} · ${p.name}`,
                  indicators: p.indicators,
                  procedure: p.id,
                }))}
              />
            ) : (
              <Breakdown
                title={t('stats.fields')}
                nameTitle={t('stats.fieldName')}
                rows={data.fields.map((f) => ({
                  key: f.field,
                  name: <Link to={linkTo({ field: f.field })}>{f.field}</Link>,
                  indicators: f.indicators,
                }))}
              />
            )}
          </div>
        );
      }}
    </QueryState>
  );
}
