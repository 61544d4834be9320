import { useQuery } from '@tanstack/react-query';
import { Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, type DossierStatus, type DossierSummary } from '../api.ts';
import { DossierTable } from '../ui/DossierTable.tsx';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';
import { statusLabel } from '../ui/labels.ts';

const FILTERS: (DossierStatus | 'all')[] = ['all', 'submitted', 'received'];

function Inbox() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<DossierStatus | 'all'>('submitted');
  const inbox = useQuery({
    queryKey: ['inbox', filter],
    queryFn: () =>
      api.get<DossierSummary[]>(
        `/api/v1/officer/inbox${filter === 'all' ? '' : `?status=${filter}`}`,
      ),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented
        value={filter}
        onChange={(value) => setFilter(value)}
        options={FILTERS.map((f) => ({
          value: f,
          label: f === 'all' ? t('officer.filter.all') : statusLabel(f, locale),
        }))}
      />
      <QueryState query={inbox}>
        {(rows) => (
          <DossierTable rows={rows} showApplicant href={(row) => `/can-bo/ho-so/${row.id}`} />
        )}
      </QueryState>
    </Space>
  );
}

export function InboxPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>{t('officer.inbox')}</Typography.Title>
      <RequireSignIn kind="officer">{() => <Inbox />}</RequireSignIn>
    </>
  );
}
