import { allowedEverywhere } from '../../domain/access.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { ApiError, api, type Me } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { isOneOf } from '../../domain/one-of.ts';

type AuditRecord = {
  seq: number;
  occurredAt: string;
  actorName: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  agencyName: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/** The actions an administrator filters the log by; each is named in the locale files. */
const ACTIONS = [
  'identity.signed_in',
  'identity.sign_in_failed',
  'identity.account_locked',
  'identity.signed_out',
  'identity.session_revoked',
  'identity.password_changed',
  'identity.password_reset',
  'identity.profile_updated',
  'identity.totp_enrolled',
  'identity.officer_created',
  'identity.role_granted',
  'identity.role_revoked',
  'dossier.transition',
  'dossier.opened',
  'dossier.file_opened',
  'catalog.exported',
  'catalog.imported',
  'catalog.draft_saved',
  'catalog.published',
  'catalog.unpublished',
  'agency.settings_changed',
  'access.refused',
] as const;

/** The audit log: who did what, when, from where; the system administrator checks the chain. */
export function AuditLogPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const actionName = (action: string) =>
    isOneOf(ACTIONS, action) ? t(`audit.action.${action}`) : action;
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<string>();
  const records = useQuery({
    queryKey: ['audit', page, action],
    queryFn: () =>
      api.get<AuditRecord[]>(
        `/api/v1/admin/audit?page=${String(page)}${action ? `&action=${action}` : ''}`,
      ),
  });
  const verify = useMutation({
    mutationFn: () =>
      api.get<{ intact: boolean; records: number; brokenAt?: number; brokenThrough?: number }>(
        '/api/v1/admin/audit/verify',
      ),
  });
  const mayVerify = allowedEverywhere(me.roles, 'audit.verify');

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('audit.filter')}
          style={{ minWidth: 260 }}
          options={ACTIONS.map((value) => ({ value, label: actionName(value) }))}
          value={action}
          onChange={(value: string | undefined) => {
            setAction(value);
            setPage(1);
          }}
        />
        {mayVerify && (
          <Button onClick={() => verify.mutate()} loading={verify.isPending}>
            {t('audit.verify')}
          </Button>
        )}
      </Space>
      {verify.data && (
        <Alert
          type={verify.data.intact ? 'success' : 'error'}
          showIcon
          title={
            verify.data.intact
              ? t('audit.intact', { records: verify.data.records })
              : verify.data.brokenAt === verify.data.brokenThrough
                ? t('audit.broken', { seq: String(verify.data.brokenAt) })
                : t('audit.brokenBlock', {
                    from: String(verify.data.brokenAt),
                    to: String(verify.data.brokenThrough),
                  })
          }
        />
      )}
      {verify.error instanceof ApiError && (
        <Alert type="error" showIcon title={verify.error.problem.title} />
      )}
      <QueryState query={records}>
        {(rows) => (
          <>
            <Table
              rowKey="seq"
              size="small"
              dataSource={rows}
              pagination={false}
              scroll={{ x: true }}
              columns={[
                { title: '#', dataIndex: 'seq' },
                {
                  title: t('audit.at'),
                  render: (_, r) => formatDateTime(r.occurredAt),
                },
                { title: t('audit.actor'), dataIndex: 'actorName' },
                { title: t('audit.action'), render: (_, r) => actionName(r.action) },
                { title: t('audit.agency'), dataIndex: 'agencyName' },
                {
                  title: t('audit.details'),
                  render: (_, r) => (
                    <Typography.Text type="secondary">
                      {Object.entries(r.details)
                        .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
                        .join(' · ')}
                    </Typography.Text>
                  ),
                },
                { title: t('audit.ip'), dataIndex: 'ip' },
              ]}
            />
            <Space>
              <Button disabled={page === 1} onClick={() => setPage(page - 1)}>
                {t('pager.previous')}
              </Button>
              <span>{t('pager.page', { n: page })}</span>
              <Button disabled={rows.length < 50} onClick={() => setPage(page + 1)}>
                {t('pager.next')}
              </Button>
            </Space>
          </>
        )}
      </QueryState>
    </Space>
  );
}
