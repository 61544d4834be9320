import { useQuery } from '@tanstack/react-query';
import { Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import type { DossierChannel } from '../../domain/dossier-lifecycle.ts';
import { DRILL_MEASURES, type DrillMeasure } from '../../domain/stats-drill.ts';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { api, type DossierStatus, type DossiersBehind } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { channelLabel, statusColor, statusLabel } from '../ui/labels.ts';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

const isMeasure = (value: string | null): value is DrillMeasure =>
  DRILL_MEASURES.some((m) => m === value);

const when = (instant: string | null) => (instant ? formatDateTime(instant) : '—');

function DossiersList() {
  const { t, locale } = useI18n();
  const { agency = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const measureParam = params.get('measure');
  const measure: DrillMeasure = isMeasure(measureParam) ? measureParam : 'received';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const query = new URLSearchParams(params);
  query.set('measure', measure);
  query.set('page', String(page));
  const behind = useQuery({
    queryKey: ['stats-behind', agency, query.toString()],
    queryFn: () =>
      api.get<DossiersBehind>(
        `/api/v1/stats/agencies/${encodeURIComponent(agency)}/dossiers?${query.toString()}`,
      ),
  });
  const change = (next: { measure?: DrillMeasure; page?: number }) => {
    const updated = new URLSearchParams(query);
    if (next.measure) updated.set('measure', next.measure);
    updated.set('page', String(next.page ?? 1));
    setParams(updated);
  };
  const back = new URLSearchParams({ period: params.get('period') ?? 'live' });
  const field = params.get('field');
  if (field) back.set('field', field);

  return (
    <QueryState query={behind}>
      {(data) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Link to={`/thong-ke/${encodeURIComponent(agency)}?${back.toString()}`}>
            {t('stats.behind.back')}
          </Link>
          <PageTitle>
            {t('stats.behind.title')}: {data.agency.name}
          </PageTitle>
          <Space wrap>
            <Select
              aria-label={t('stats.measure')}
              style={{ minWidth: 280 }}
              value={measure}
              onChange={(value) => change({ measure: value })}
              options={DRILL_MEASURES.map((m) => ({ value: m, label: t(`stats.measure.${m}`) }))}
            />
            <Tag>{data.period.label}</Tag>
            {data.field && <Tag color="blue">{t('stats.field', { field: data.field })}</Tag>}
          </Space>
          <Typography.Text data-testid="behind-total">
            {t('stats.behind.total', { total: data.total })}
          </Typography.Text>
          <Table
            rowKey={(row) => `${row.id}-${row.countedAt ?? ''}`}
            size="small"
            dataSource={data.dossiers}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('dossier.none') }}
            pagination={{
              current: data.page,
              pageSize: data.pageSize,
              total: data.total,
              showSizeChanger: false,
              onChange: (next) => change({ page: next }),
            }}
            columns={[
              { title: t('dossier.code'), dataIndex: 'code' },
              {
                title: t('dossier.procedure'),
                render: (_, row) => `${row.procedureCode} · ${row.procedureName}`,
              },
              { title: t('dossier.agency'), dataIndex: 'agencyName' },
              {
                title: t('dossier.channel'),
                dataIndex: 'channel',
                render: (channel: DossierChannel) => channelLabel(channel, locale),
              },
              {
                title: t('dossier.status'),
                dataIndex: 'status',
                render: (status: DossierStatus) => (
                  <Tag color={statusColor(status)}>{statusLabel(status, locale)}</Tag>
                ),
              },
              { title: t('dossier.receivedAt'), render: (_, row) => when(row.receivedAt) },
              { title: t('dossier.dueAt'), render: (_, row) => when(row.dueAt) },
              { title: t('stats.behind.finishedAt'), render: (_, row) => when(row.finishedAt) },
              { title: t('stats.behind.countedAt'), render: (_, row) => when(row.countedAt) },
            ]}
          />
        </Space>
      )}
    </QueryState>
  );
}

/**
 * The dossiers behind one figure of an agency, for its leaders and administrators and the national
 * office: the list's length is the figure. Dossiers and dates only, never the applicants.
 */
export function DossiersBehindPage() {
  return <RequireSignIn kind="officer">{() => <DossiersList />}</RequireSignIn>;
}
