import { useQuery } from '@tanstack/react-query';
import { Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { FEEDBACK_MEASURES, type FeedbackMeasure } from '../../domain/feedback.ts';
import { isOneOf } from '../../domain/one-of.ts';
import { formatDate } from '../../domain/vietnam-time.ts';
import { api, type FeedbackBehindPage as Page } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useKeyboardScrollable } from '../ui/keyboard-scrollable.ts';
import { PageTitle } from '../ui/PageTitle.tsx';
import { PageButtons } from '../ui/PageButtons.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { RequireSignIn } from '../ui/RequireSignIn.tsx';

type Item = Page['items'][number];

/** The feedback items counted in one figure of the statistics pages. */
function Behind() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const given = params.get('measure') ?? '';
  const measure: FeedbackMeasure = isOneOf(FEEDBACK_MEASURES, given) ? given : 'received';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const query = new URLSearchParams({
    period: params.get('period') ?? 'live',
    measure,
    page: String(page),
  });
  const agencyCode = params.get('agencyCode');
  if (agencyCode) query.set('agencyCode', agencyCode);
  const items = useQuery({
    queryKey: ['feedback-behind', query.toString()],
    queryFn: () => api.get<Page>(`/api/v1/stats/feedback/items?${query.toString()}`),
  });
  const scrollable = useKeyboardScrollable(t('feedback.behind.title'));
  const goTo = (next: number) => {
    const copy = new URLSearchParams(params);
    copy.set('page', String(next));
    setParams(copy);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t(`feedback.behind.${measure}`)}</Typography.Text>
      <QueryState query={items}>
        {(result) => (
          <div ref={scrollable}>
            <Table<Item>
              rowKey="code"
              dataSource={result.items}
              pagination={false}
              locale={{ emptyText: t('feedback.desk.none') }}
              scroll={{ x: 800 }}
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
                  render: (state: Item['state']) => t(`feedback.state.${state}`),
                },
                {
                  title: t('feedback.receivedAt'),
                  dataIndex: 'receivedAt',
                  render: (v: string) => formatDate(v),
                },
                {
                  title: t('feedback.answeredAt'),
                  dataIndex: 'answeredAt',
                  render: (v: string | null) => (v ? formatDate(v) : '—'),
                },
              ]}
            />
            <PageButtons page={page} hasMore={result.hasMore} onPage={goTo} />
          </div>
        )}
      </QueryState>
    </Space>
  );
}

export function FeedbackBehindPage() {
  const { t } = useI18n();
  return (
    <>
      <Link to="/thong-ke" className="back-link">
        {t('nav.statistics')}
      </Link>
      <PageTitle>{t('feedback.behind.title')}</PageTitle>
      <RequireSignIn kind="officer">{() => <Behind />}</RequireSignIn>
    </>
  );
}
