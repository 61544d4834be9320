import { agenciesAllowed, rolesFor } from '../../domain/access.ts';
import { useQuery } from '@tanstack/react-query';
import { Button, Grid, Input, Segmented, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import {
  api,
  type Agency,
  type DossierStatus,
  type DossierSummary,
  type InboxPage as Page,
} from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { NoticesCard } from '../ui/NoticesCard.tsx';
import { DeadlineTag } from '../ui/DeadlineTag.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { useMe } from '../session.ts';
import { useKeyboardScrollable } from '../ui/keyboard-scrollable.ts';
import { StatusTag } from '../ui/StatusTag.tsx';
import { statusLabel } from '../ui/labels.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { RegisterExport } from './RegisterExport.tsx';

const STATUSES: (DossierStatus | 'all')[] = [
  'all',
  'submitted',
  'received',
  'processing',
  'supplement_requested',
  'transferred',
  'result_ready',
];
const DEADLINES = ['overdue', 'due_soon', 'on_time'] as const;
const PAGE_SIZE = 20;

function Inbox() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<DossierStatus | 'all'>('all');
  const [deadline, setDeadline] = useState<(typeof DEADLINES)[number] | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [view, setView] = useState<'held' | 'center'>('held');
  const me = useMe();
  const deskAgencies = new Set(agenciesAllowed(me.data?.roles ?? [], 'dossier.register'));
  const agencies = useQuery({
    queryKey: ['agencies', 'current'],
    queryFn: () => api.get<Agency[]>('/api/v1/catalog/agencies?current=true'),
    enabled: deskAgencies.size > 0,
  });
  // a service center's desk also receives and returns for other agencies of its province
  const atCenter = (agencies.data ?? []).some((a) => a.serviceCenter && deskAgencies.has(a.id));
  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (view === 'center') params.set('view', 'center');
  if (status !== 'all') params.set('status', status);
  if (deadline) params.set('deadline', deadline);
  if (q) params.set('q', q);
  if (deadline) params.set('sort', 'due_asc');
  const inbox = useQuery({
    queryKey: ['inbox', params.toString()],
    queryFn: () => api.get<Page>(`/api/v1/officer/inbox?${params.toString()}`),
  });
  const reset = () => setPage(1);
  const wide = Grid.useBreakpoint().md ?? true;
  const scrollable = useKeyboardScrollable(t('dossier.list'));
  const viewOptions = [
    { value: 'held' as const, label: t('officer.view.held') },
    { value: 'center' as const, label: t('officer.view.center') },
  ];
  const statusOptions = STATUSES.map((s) => ({
    value: s,
    label: s === 'all' ? t('officer.filter.all') : statusLabel(s, locale),
  }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {atCenter &&
        (wide ? (
          <Segmented<'held' | 'center'>
            value={view}
            onChange={(value) => {
              setView(value);
              reset();
            }}
            options={viewOptions}
          />
        ) : (
          <Select
            value={view}
            style={{ width: '100%' }}
            aria-label={t('officer.view')}
            onChange={(value) => {
              setView(value);
              reset();
            }}
            options={viewOptions}
          />
        ))}
      {wide ? (
        <Segmented
          value={status}
          onChange={(value) => {
            setStatus(value);
            reset();
          }}
          options={statusOptions}
        />
      ) : (
        // A phone has no room for every status side by side: one of them is picked from a list.
        <Select
          value={status}
          style={{ width: '100%' }}
          aria-label={t('dossier.status')}
          onChange={(value) => {
            setStatus(value);
            reset();
          }}
          options={statusOptions}
        />
      )}
      <Space wrap>
        <Input.Search
          allowClear
          style={{ width: 'min(360px, calc(100vw - 32px))' }}
          placeholder={t('officer.search')}
          aria-label={t('officer.search')}
          onSearch={(value) => {
            setQ(value.trim());
            reset();
          }}
        />
        <Select
          allowClear
          style={{ width: 'min(260px, calc(100vw - 32px))' }}
          placeholder={t('officer.filter.deadline')}
          aria-label={t('officer.filter.deadline')}
          value={deadline}
          onChange={(value) => {
            setDeadline(value);
            reset();
          }}
          options={DEADLINES.map((d) => ({ value: d, label: t(`deadline.${d}`) }))}
        />
      </Space>
      <RegisterExport filters={params} />
      <QueryState query={inbox}>
        {(result) => (
          <div ref={scrollable}>
            <Table<DossierSummary>
              rowKey="id"
              dataSource={result.items}
              pagination={false}
              locale={{ emptyText: t('dossier.none') }}
              scroll={{ x: 900 }}
              columns={[
                {
                  title: t('dossier.code'),
                  dataIndex: 'code',
                  render: (code: string, row) => <Link to={`/can-bo/ho-so/${row.id}`}>{code}</Link>,
                },
                { title: t('dossier.procedure'), dataIndex: 'procedureName' },
                { title: t('dossier.applicant'), dataIndex: 'applicantName' },
                {
                  title: t('dossier.status'),
                  dataIndex: 'status',
                  render: (s: DossierStatus, row) => (
                    <>
                      <StatusTag status={s} />
                      {row.stepName && <div>{row.stepName}</div>}
                    </>
                  ),
                },
                {
                  title: t('dossier.dueAt'),
                  dataIndex: 'dueAt',
                  render: (due: string | null, row) => (
                    <>
                      {due ? formatDateTime(due) : '—'} <DeadlineTag deadline={row.deadline} />
                    </>
                  ),
                },
                {
                  title: t('dossier.submittedAt'),
                  dataIndex: 'submittedAt',
                  render: (v: string) => formatDateTime(v),
                },
              ]}
            />
            <Space>
              <Button disabled={page === 1} onClick={() => setPage(page - 1)}>
                {t('officer.previous')}
              </Button>
              <Typography.Text>{page}</Typography.Text>
              <Button disabled={!result.hasMore} onClick={() => setPage(page + 1)}>
                {t('officer.next')}
              </Button>
            </Space>
          </div>
        )}
      </QueryState>
    </Space>
  );
}

/** The agency's own dashboard, for those who answer for its figures (the server checks the same). */
function OwnStatisticsLinks() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const agencies = new Map(
    (me?.roles ?? [])
      .filter((r) => rolesFor('stats.drill').includes(r.role))
      .map((r) => [r.agencyId, r.agencyName]),
  );
  return [...agencies].map(([id, name]) => (
    <Link key={id} to={`/thong-ke/${id}`} title={name}>
      {agencies.size > 1 ? `${t('stats.own')}: ${name}` : t('stats.own')}
    </Link>
  ));
}

export function InboxPage() {
  const { t } = useI18n();
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <PageTitle>{t('officer.inbox')}</PageTitle>
        <Space>
          <Link to="/can-bo/nhap-ho-so">{t('register.link')}</Link>
          <Link to="/can-bo/doi-soat">{t('reconciliation.link')}</Link>
          <Link to="/can-bo/bao-cao-thang">{t('report.link')}</Link>
          <Link to="/can-bo/phan-anh">{t('feedback.desk.title')}</Link>
          <OwnStatisticsLinks />
        </Space>
      </Space>
      <RequireSignIn kind="officer">
        {() => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <NoticesCard />
            <Inbox />
          </Space>
        )}
      </RequireSignIn>
    </>
  );
}
