import { agenciesAllowed, allowedAt } from '../../domain/access.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatMoney, vietnamDate } from '../../domain/vietnam-time.ts';
import { api, ApiError, type Me, type Reconciliation } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

/** Who reads an agency's reconciliation, and who pays a fee back (the server checks the same). */
/** The server asks for a reason of at least this length. */
const MIN_REASON = 10;

/** Pays a refused or withdrawn dossier's fee back, with the reason the applicant will read. */
function RefundButton({ txnRef, dossierCode }: { txnRef: string; dossierCode: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const refund = useMutation({
    mutationFn: () =>
      api.post(`/api/v1/officer/payments/${encodeURIComponent(txnRef)}/refund`, {
        reason: reason.trim(),
      }),
    onSuccess: async () => {
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['reconciliation'] });
      void message.success(t('refund.done', { code: dossierCode }));
    },
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('refund.button')}
      </Button>
      <Modal
        open={open}
        title={t('refund.title', { code: dossierCode })}
        okText={t('refund.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim().length < MIN_REASON, loading: refund.isPending }}
        onOk={() => refund.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('refund.explain')}</Typography.Text>
          <Input.TextArea
            aria-label={t('refund.reason')}
            placeholder={t('refund.reason')}
            value={reason}
            maxLength={500}
            rows={3}
            onChange={(event) => setReason(event.target.value)}
          />
          {refund.error instanceof ApiError && (
            <Alert type="error" showIcon title={refund.error.problem.title} />
          )}
        </Space>
      </Modal>
    </>
  );
}

function Report({ me }: { me: Me }) {
  const { t, formatNumber } = useI18n();
  const reconciled = agenciesAllowed(me.roles, 'payment.reconcile');
  const agencies = [
    ...new Map(
      me.roles.filter((r) => reconciled.includes(r.agencyId)).map((r) => [r.agencyId, r]),
    ).values(),
  ];
  const [agencyId, setAgencyId] = useState(agencies[0]?.agencyId);
  const mayRefund = agencyId !== undefined && allowedAt(me.roles, 'payment.refund', agencyId);
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
              <Statistic title={t('reconciliation.paidCount')} value={formatNumber(r.paidCount)} />
              <Statistic
                title={t('reconciliation.paidTotal')}
                value={formatMoney(r.paidTotalVnd)}
                data-testid="reconciliation-total"
              />
              <Statistic
                title={t('reconciliation.pendingCount')}
                value={formatNumber(r.pendingCount)}
              />
              <Statistic
                title={t('reconciliation.failedCount')}
                value={formatNumber(r.failedCount)}
              />
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
                ...(mayRefund
                  ? [
                      {
                        title: t('refund.column'),
                        render: (_: unknown, row: Reconciliation['rows'][number]) =>
                          row.refundable ? (
                            <RefundButton txnRef={row.txnRef} dossierCode={row.dossierCode} />
                          ) : row.refundedAt ? (
                            formatDateTime(row.refundedAt)
                          ) : null,
                      },
                    ]
                  : []),
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
      <PageTitle>
        <Link to="/can-bo">{t('officer.inbox')}</Link> / {t('reconciliation.title')}
      </PageTitle>
      <RequireSignIn kind="officer">{(me) => <Report me={me} />}</RequireSignIn>
    </>
  );
}
