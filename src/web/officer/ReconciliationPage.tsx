import { useQuery } from '@tanstack/react-query';
import { DatePicker, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatMoney, vietnamDate } from '../../domain/vietnam-time.ts';
import { api, type Me, type Reconciliation } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';

/** Who reads an agency's reconciliation (the server checks the same). */
const REPORT_ROLES = ['reception', 'leader', 'agency_admin'];

function Report({ me }: { me: Me }) {
  const { t } = useI18n();
  const agencies = [
    ...new Map(
      me.roles.filter((r) => REPORT_ROLES.includes(r.role)).map((r) => [r.agencyId, r]),
    ).values(),
  ];
  const [agencyId, setAgencyId] = useState(agencies[0]?.agencyId);
  const [day, setDay] = useState<Dayjs>(() => dayjs(vietnamDate(new Date())));
  const date = day.format('YYYY-MM-DD');
  const params = new URLSearchParams({ agencyId: agencyId ?? '', date }).toString();
  const report = useQuery({
    queryKey: ['reconciliation', params],
    queryFn: () => api.get<Reconciliation>(`/api/v1/officer/payments/reconciliation?${params}`),
    enabled: agencyId !== undefined,
  });
  if (!agencyId) return <Typography.Text>{t('reconciliation.noAgency')}</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('reconciliation.agency')}
          style={{ minWidth: 320 }}
          value={agencyId}
          onChange={setAgencyId}
          options={agencies.map((a) => ({ value: a.agencyId, label: a.agencyName }))}
        />
        <DatePicker
          aria-label={t('reconciliation.date')}
          allowClear={false}
          format="DD/MM/YYYY"
          value={day}
          onChange={(value) => value && setDay(value)}
        />
        <a href={`/api/v1/officer/payments/reconciliation/xlsx?${params}`} download>
          {t('reconciliation.xlsx')}
        </a>
      </Space>
      <QueryState query={report}>
        {(r) => (
          <>
            <Space size="large" wrap>
              <Statistic title={t('reconciliation.paidCount')} value={r.paidCount} />
              <Statistic
                title={t('reconciliation.paidTotal')}
                value={formatMoney(r.paidTotalVnd)}
                data-testid="reconciliation-total"
              />
              <Statistic title={t('reconciliation.pendingCount')} value={r.pendingCount} />
              <Statistic title={t('reconciliation.failedCount')} value={r.failedCount} />
            </Space>
            <Table
              rowKey="txnRef"
              size="small"
              dataSource={r.rows}
              pagination={false}
              scroll={{ x: 900 }}
              locale={{ emptyText: t('reconciliation.none') }}
              columns={[
                {
                  title: t('fee.receiptNo'),
                  dataIndex: 'receiptNo',
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('dossier.code'), dataIndex: 'dossierCode' },
                { title: t('dossier.procedure'), dataIndex: 'procedureName' },
                {
                  title: t('fee.amount'),
                  dataIndex: 'amountVnd',
                  align: 'right',
                  render: (v: number) => formatMoney(v),
                },
                {
                  title: t('dossier.status'),
                  dataIndex: 'status',
                  render: (s: Reconciliation['rows'][number]['status']) => (
                    <Tag color={s === 'paid' ? 'green' : s === 'pending' ? 'blue' : 'default'}>
                      {t(`fee.status.${s}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('reconciliation.bank'),
                  dataIndex: 'bankCode',
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('reconciliation.settledAt'),
                  dataIndex: 'settledAt',
                  render: (v: string | null) => (v ? formatDateTime(v) : '—'),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </Space>
  );
}

/** The desk's daily reconciliation of online payments: totals, each payment, the XLSX. */
export function ReconciliationPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>
        <Link to="/can-bo">{t('officer.inbox')}</Link> / {t('reconciliation.title')}
      </Typography.Title>
      <RequireSignIn kind="officer">{(me) => <Report me={me} />}</RequireSignIn>
    </>
  );
}
