import { useQuery } from '@tanstack/react-query';
import { Grid, Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../domain/vietnam-time.ts';
import { api, type FeedbackDeskPage as Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useKeyboardScrollable } from '../ui/keyboard-scrollable.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { PageButtons } from '../ui/PageButtons.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';

const VIEWS = ['desk', 'mine', 'approval', 'overdue'] as const;
type View = (typeof VIEWS)[number];
type Item = Page['items'][number];

function FeedbackDesk() {
  const { t } = useI18n();
  const [view, setView] = useState<View>('desk');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['feedback-desk', view, page],
    queryFn: () => api.get<Page>(`/api/v1/officer/feedback?view=${view}&page=${String(page)}`),
  });
  const scrollable = useKeyboardScrollable(t('feedback.desk.title'));
  const wide = Grid.useBreakpoint().md ?? true;
  const options = VIEWS.map((v) => ({ value: v, label: t(`feedback.desk.view.${v}`) }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {wide ? (
        <Segmented
          value={view}
          onChange={(value) => {
            setView(value);
            setPage(1);
          }}
          options={options}
        />
      ) : (
        // A phone has no room for the four views side by side: one is picked from a list.
        <Select
          value={view}
          style={{ width: '100%' }}
          aria-label={t('feedback.desk.title')}
          onChange={(value) => {
            setView(value);
            setPage(1);
          }}
          options={options}
        />
      )}
      <QueryState query={list}>
        {(result) => (
          <div ref={scrollable}>
            <Table<Item>
              rowKey="code"
              dataSource={result.items}
              pagination={false}
              locale={{ emptyText: t('feedback.desk.none') }}
              scroll={{ x: 900 }}
              columns={[
                {
                  title: t('feedback.code'),
                  dataIndex: 'code',
                  render: (code: string) => <Link to={`/can-bo/phan-anh/${code}`}>{code}</Link>,
                },
                { title: t('feedback.title'), dataIndex: 'title' },
                { title: t('feedback.category'), dataIndex: 'categoryName' },
                {
                  title: t('feedback.state'),
                  dataIndex: 'state',
                  render: (state: Item['state'], row) => (
                    <>
                      {t(`feedback.state.${state}`)}
                      {row.overdue && (
                        <Tag color="volcano" style={{ marginInlineStart: 8 }}>
                          {t('feedback.desk.view.overdue')}
                        </Tag>
                      )}
                    </>
                  ),
                },
                { title: t('feedback.desk.holder'), dataIndex: 'holderAgencyName' },
                {
                  title: t('feedback.desk.assignee'),
                  dataIndex: 'assigneeName',
                  render: (name: string | null) => name ?? '—',
                },
                {
                  title: t('feedback.dueAt'),
                  dataIndex: 'dueAt',
                  render: (due: string | null) => (due ? formatDateTime(due) : '—'),
                },
                {
                  title: t('feedback.receivedAt'),
                  dataIndex: 'receivedAt',
                  render: (v: string) => formatDate(v),
                },
              ]}
            />
            <PageButtons page={page} hasMore={result.hasMore} onPage={setPage} />
          </div>
        )}
      </QueryState>
    </Space>
  );
}

export function FeedbackDeskPage() {
  const { t } = useI18n();
  return (
    <>
      <Link to="/can-bo" className="back-link">
        {t('officer.inbox')}
      </Link>
      <PageTitle>{t('feedback.desk.title')}</PageTitle>
      <RequireSignIn kind="officer">{() => <FeedbackDesk />}</RequireSignIn>
    </>
  );
}
