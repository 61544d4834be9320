import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  RANKING_INDICATORS,
  RANKING_RATIO,
  type Indicators,
  type RankingIndicator,
  type Ratio,
} from '../../domain/indicators.ts';
import { vietnamDate } from '../../domain/vietnam-time.ts';
import { api, type AgencyStats, type StatsRanking } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { Chart } from '../ui/Chart.tsx';
import { downloadCsv } from '../ui/csv.ts';
import { QueryState } from '../ui/QueryState.tsx';

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
  const { locale } = useI18n();
  return useMemo(() => {
    const format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
      maximumFractionDigits: 2,
    });
    return (ratio: Ratio) => (ratio.percent === null ? '—' : `${format.format(ratio.percent)}%`);
  }, [locale]);
}

function RatioCell({ ratio }: { ratio: Ratio }) {
  const percent = usePercent();
  return (
    <span title={`${String(ratio.numerator)}/${String(ratio.denominator)}`}>
      {percent(ratio)}{' '}
      <Typography.Text type="secondary">
        ({ratio.numerator}/{ratio.denominator})
      </Typography.Text>
    </span>
  );
}

/** The headline figures of one scope (the nation, an agency). */
function Headline({ indicators }: { indicators: Indicators }) {
  const { t } = useI18n();
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
      value: `${String(indicators.dossiers.open.total)} / ${String(indicators.dossiers.open.overdue)}`,
      testId: 'stat-open',
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.key} xs={12} md={8} lg={4}>
          <Card size="small">
            <Statistic title={t(card.key)} value={card.value} />
            <span data-testid={card.testId} hidden>
              {card.value}
            </span>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function PeriodSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <Select
      value={value}
      onChange={onChange}
      options={periodOptions(t)}
      style={{ minWidth: 220 }}
      aria-label={t('stats.period')}
    />
  );
}

/** Public: national figures and the ranking of ministries and provinces, with a CSV download. */
export function StatisticsPage() {
  const { t } = useI18n();
  const percent = usePercent();
  const [period, setPeriod] = useState('live');
  const [indicator, setIndicator] = useState<IndicatorKey>('fullOnlineShare');
  const [level, setLevel] = useState<'province' | 'ministry'>('province');
  const ranking = useQuery({
    queryKey: ['stats', period, indicator, level],
    queryFn: () =>
      api.get<StatsRanking>(
        `/api/v1/stats/agencies?period=${period}&indicator=${indicator}&level=${level}`,
      ),
  });
  const ratioOf = RATIO_OF[indicator];

  const csv = (data: StatsRanking) =>
    downloadCsv(`thong-ke-${level}-${data.period.key}.csv`, [
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
    ]);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('stats.title')}</Typography.Title>
      <Space wrap>
        <PeriodSelect value={period} onChange={setPeriod} />
        <Select
          value={indicator}
          onChange={setIndicator}
          options={INDICATORS.map((key) => ({ value: key, label: t(indicatorLabel(key)) }))}
          style={{ minWidth: 320 }}
          aria-label={t('stats.indicator')}
        />
        <Segmented
          value={level}
          onChange={(value) => setLevel(value as 'province' | 'ministry')}
          options={[
            { value: 'province', label: t('stats.provinces') },
            { value: 'ministry', label: t('stats.ministries') },
          ]}
        />
      </Space>
      <QueryState query={ranking}>
        {(data) => {
          const measured = data.agencies.filter((a) => ratioOf(a.indicators).percent !== null);
          const laggards = data.agencies.filter((a) => a.laggard);
          return (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                {t('stats.national')} · {data.period.label}
              </Typography.Text>
              <Headline indicators={data.national} />
              <Card
                size="small"
                title={`${t('stats.rankingBy')}: ${t(indicatorLabel(indicator))}`}
                extra={
                  <Button onClick={() => csv(data)} data-testid="stats-csv">
                    {t('stats.csv')}
                  </Button>
                }
              >
                {measured.length > 0 && (
                  <Chart
                    testId="stats-ranking-chart"
                    height={Math.max(200, measured.length * 26)}
                    option={{
                      grid: { left: 260, right: 40, top: 10, bottom: 20 },
                      tooltip: { trigger: 'axis' },
                      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                      yAxis: {
                        type: 'category',
                        inverse: true,
                        data: measured.map((a) => a.name),
                      },
                      series: [
                        {
                          type: 'bar',
                          name: t(indicatorLabel(indicator)),
                          data: measured.map((a) => ratioOf(a.indicators).percent),
                        },
                      ],
                    }}
                  />
                )}
                <Table
                  size="small"
                  rowKey="id"
                  pagination={{ pageSize: 20 }}
                  dataSource={data.agencies}
                  columns={[
                    { title: t('stats.rank'), dataIndex: 'rank', width: 70 },
                    {
                      title: t('stats.agency'),
                      render: (_, a) => (
                        <Space>
                          <Link to={`/thong-ke/${a.code ?? a.id}`}>{a.name}</Link>
                          {a.laggard && <Tag color="red">{t('stats.laggard')}</Tag>}
                        </Space>
                      ),
                    },
                    {
                      title: t(indicatorLabel(indicator)),
                      render: (_, a) => <RatioCell ratio={ratioOf(a.indicators)} />,
                    },
                    {
                      title: t('stats.received'),
                      render: (_, a) => a.indicators.dossiers.received,
                    },
                  ]}
                />
              </Card>
              <Card size="small" title={t('stats.laggards')}>
                {laggards.length === 0 ? (
                  <Typography.Text type="secondary">{t('stats.noLaggards')}</Typography.Text>
                ) : (
                  <ul data-testid="stats-laggards">
                    {laggards.map((a) => (
                      <li key={a.id}>
                        {a.name}: {percent(a.indicators.services.fullOnlineShare)}
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </Space>
          );
        }}
      </QueryState>
    </Space>
  );
}

/** Public: one agency's figures, its units, its fields and its last twelve months. */
export function AgencyStatisticsPage() {
  const { t } = useI18n();
  const { agency = '' } = useParams();
  const [period, setPeriod] = useState('live');
  const stats = useQuery({
    queryKey: ['stats-agency', agency, period],
    queryFn: () =>
      api.get<AgencyStats>(`/api/v1/stats/agencies/${encodeURIComponent(agency)}?period=${period}`),
  });
  return (
    <QueryState query={stats}>
      {(data) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Link to="/thong-ke">{t('stats.back')}</Link>
          <Typography.Title level={3}>{data.agency.name}</Typography.Title>
          <Space wrap>
            <PeriodSelect value={period} onChange={setPeriod} />
            <Typography.Text type="secondary">{data.period.label}</Typography.Text>
          </Space>
          <Headline indicators={data.indicators} />
          <Card size="small" title={t('stats.trend')}>
            <Chart
              testId="stats-trend-chart"
              height={300}
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                grid: { left: 50, right: 20, top: 40, bottom: 30 },
                xAxis: { type: 'category', data: data.trend.map((m) => m.month) },
                yAxis: { type: 'value' },
                series: [
                  {
                    type: 'line',
                    name: t('stats.received'),
                    data: data.trend.map((m) => m.received),
                  },
                  {
                    type: 'line',
                    name: t('stats.receivedOnline'),
                    data: data.trend.map((m) => m.receivedOnline),
                  },
                  {
                    type: 'line',
                    name: t('stats.finished'),
                    data: data.trend.map((m) => m.finished),
                  },
                ],
              }}
            />
          </Card>
          {(
            [
              {
                title: t('stats.units'),
                rows: data.units.map((u) => ({
                  key: u.id,
                  name: <Link to={`/thong-ke/${u.code ?? u.id}`}>{u.name}</Link>,
                  indicators: u.indicators,
                })),
              },
              {
                title: t('stats.fields'),
                rows: data.fields.map((f) => ({
                  key: f.field,
                  name: f.field,
                  indicators: f.indicators,
                })),
              },
            ] as {
              title: string;
              rows: { key: string; name: ReactNode; indicators: Indicators }[];
            }[]
          ).map((section) => (
            <Card key={section.title} size="small" title={section.title}>
              <Table
                size="small"
                pagination={false}
                dataSource={section.rows}
                columns={[
                  { title: t('stats.agency'), render: (_, row) => row.name },
                  {
                    title: t('stats.indicator.fullOnlineShare'),
                    render: (_, row) => (
                      <RatioCell ratio={row.indicators.services.fullOnlineShare} />
                    ),
                  },
                  {
                    title: t('stats.indicator.onlineRate'),
                    render: (_, row) => <RatioCell ratio={row.indicators.dossiers.onlineRate} />,
                  },
                  {
                    title: t('stats.indicator.onTimeRate'),
                    render: (_, row) => <RatioCell ratio={row.indicators.dossiers.onTimeRate} />,
                  },
                  {
                    title: t('stats.open'),
                    render: (_, row) => row.indicators.dossiers.open.total,
                  },
                ]}
              />
            </Card>
          ))}
        </Space>
      )}
    </QueryState>
  );
}
