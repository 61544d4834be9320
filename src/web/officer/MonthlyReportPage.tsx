import { allowedAt, allowedEverywhere } from '../../domain/access.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatReportValue, REPORT_COLUMNS, type ReportRow } from '../../domain/monthly-report.ts';
import { monthKey } from '../../domain/stats-period.ts';
import { formatDate, formatDateTime } from '../../domain/vietnam-time.ts';
import { ApiError, api, type Me, type MonthlyReport } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

type Scope = { key: string; label: string; maySubmit: boolean };

/** The reports the officer may read: their agencies' (as leader or administrator), the nation's. */
function scopesOf(me: Me, nationalLabel: string): Scope[] {
  const national = allowedEverywhere(me.roles, 'report.read');
  const agencies = new Map<string, Scope>();
  for (const role of me.roles) {
    if (!allowedAt(me.roles, 'report.read', role.agencyId)) continue;
    agencies.set(role.agencyId, {
      key: role.agencyId,
      label: role.agencyName,
      maySubmit: allowedAt(me.roles, 'report.submit', role.agencyId),
    });
  }
  return [
    ...(national
      ? [
          {
            key: 'national',
            label: nationalLabel,
            maySubmit: allowedEverywhere(me.roles, 'report.submit'),
          },
        ]
      : []),
    ...agencies.values(),
  ];
}

function Report({ me }: { me: Me }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const scopes = scopesOf(me, t('report.national'));
  const [scopeKey, setScopeKey] = useState(scopes[0]?.key);
  // The report usually prepared is last month's.
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const monthText = month.format('YYYY-MM');
  const scope = scopes.find((s) => s.key === scopeKey);
  const params = new URLSearchParams({ agency: scopeKey ?? '', month: monthText });
  const queryKey = ['monthly-report', params.toString()];
  const report = useQuery({
    queryKey,
    queryFn: () => api.get<MonthlyReport>(`/api/v1/reports/monthly?${params.toString()}`),
    enabled: scope !== undefined,
  });
  const submit = useMutation({
    mutationFn: () =>
      api.post<MonthlyReport>('/api/v1/reports/monthly', { agency: scopeKey, month: monthText }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey });
      void message.success(t('report.sent'));
    },
  });
  if (!scope) return <Alert type="info" showIcon title={t('report.noScope')} />;
  const fileHref = (format: 'xlsx' | 'pdf') =>
    `/api/v1/reports/monthly/file?${params.toString()}&format=${format}`;
  const monthOver = monthText < monthKey(new Date());

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('reconciliation.agency')}
          style={{ minWidth: 320 }}
          value={scopeKey}
          onChange={setScopeKey}
          options={scopes.map((s) => ({ value: s.key, label: s.label }))}
        />
        <DatePicker
          aria-label={t('report.month')}
          picker="month"
          format="MM/YYYY"
          allowClear={false}
          value={month}
          onChange={(value) => value && setMonth(value)}
        />
        <a href={fileHref('xlsx')} download>
          {t('report.xlsx')}
        </a>
        <a href={fileHref('pdf')} download>
          {t('report.pdf')}
        </a>
      </Space>
      {submit.error instanceof ApiError && (
        <Alert type="error" showIcon title={submit.error.problem.title} />
      )}
      <QueryState query={report}>
        {(r) => (
          <>
            <Space wrap>
              {r.status === 'submitted' ? (
                <Tag color={r.late ? 'orange' : 'green'} data-testid="report-status">
                  {t(r.late ? 'report.sentLate' : 'report.sentOn', {
                    at: r.submittedAt ? formatDateTime(r.submittedAt) : '',
                  })}
                </Tag>
              ) : (
                <Tag data-testid="report-status">{t('report.draft')}</Tag>
              )}
              <Typography.Text type="secondary">
                {t('report.deadline', { date: formatDate(`${r.deadline}T12:00:00+07:00`) })}
              </Typography.Text>
              {r.status === 'draft' && scope.maySubmit && (
                <Popconfirm
                  title={t('report.confirm')}
                  okText={t('action.confirm')}
                  onConfirm={() => submit.mutate()}
                  disabled={!monthOver}
                >
                  <Button type="primary" disabled={!monthOver} loading={submit.isPending}>
                    {t('report.send')}
                  </Button>
                </Popconfirm>
              )}
              {r.status === 'draft' && !monthOver && (
                <Typography.Text type="secondary">{t('report.monthNotOver')}</Typography.Text>
              )}
            </Space>
            <Table<ReportRow & { key: string }>
              size="small"
              bordered
              pagination={false}
              scroll={{ x: 2600 }}
              dataSource={[
                { ...r.total, name: `${t('report.total')} (${r.total.name})`, key: 'total' },
                ...r.rows.map((row, i) => ({ ...row, key: `${row.code ?? ''}-${String(i)}` })),
              ]}
              columns={[
                { title: t('report.unit'), dataIndex: 'name', fixed: 'left', width: 260 },
                ...REPORT_COLUMNS.map((column) => ({
                  title: column.title,
                  key: column.key,
                  align: 'right' as const,
                  render: (_: unknown, row: ReportRow) =>
                    formatReportValue(column.value(row.indicators), column.format),
                })),
              ]}
            />
          </>
        )}
      </QueryState>
    </Space>
  );
}

/** The monthly report on procedures and online services: read the figures, download, send it. */
export function MonthlyReportPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>
        <Link to="/can-bo">{t('officer.inbox')}</Link> / {t('report.title')}
      </PageTitle>
      <RequireSignIn kind="officer">{(me) => <Report me={me} />}</RequireSignIn>
    </>
  );
}
