import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, List, Pagination, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatMoney } from '../../domain/vietnam-time.ts';
import { api, type Agency, type ServicePage } from '../api.ts';
import type { CatalogFilter } from './CatalogFilters.tsx';
import { onlineLevelLabel } from '../../domain/online-level.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

const CatalogFilters = lazy(() => import('./CatalogFilters.tsx'));

export function HomePage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter: CatalogFilter = {
    q: params.get('q') ?? '',
    agency: params.get('co-quan') ?? '',
    field: params.get('linh-vuc') ?? '',
    level: params.get('muc-do') ?? '',
    page: Number(params.get('trang') ?? '1') || 1,
  };
  const update = (
    changes: Partial<Record<'q' | 'co-quan' | 'linh-vuc' | 'muc-do' | 'trang', string>>,
  ) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('trang' in changes)) next.delete('trang');
    setParams(next);
  };

  const query = new URLSearchParams({
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.agency ? { agency: filter.agency } : {}),
    ...(filter.field ? { field: filter.field } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    page: String(filter.page),
  });
  const services = useQuery({
    queryKey: ['services', query.toString()],
    queryFn: () => api.get<ServicePage>(`/api/v1/catalog/services?${query.toString()}`),
  });
  const fields = useQuery({
    queryKey: ['fields'],
    queryFn: () => api.get<{ field: string; services: number }[]>('/api/v1/catalog/fields'),
  });
  const agencies = useQuery({
    queryKey: ['agencies', 'current'],
    queryFn: () => api.get<Agency[]>('/api/v1/catalog/agencies?current=true'),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <PageTitle style={{ marginBottom: 4 }}>{t('home.title')}</PageTitle>
        <Typography.Text type="secondary">{t('home.subtitle')}</Typography.Text>
      </div>
      <Input.Search
        size="large"
        allowClear
        defaultValue={filter.q}
        placeholder={t('home.search')}
        aria-label={t('home.search')}
        onSearch={(q) => update({ q: q.trim() })}
        enterButton
      />
      {/* The filters (a tree of every agency, a list of fields) load just after the search box:
          a phone shows the catalogue before it has their code. */}
      <Suspense fallback={<div className="catalog-filters-placeholder" />}>
        <CatalogFilters
          filter={filter}
          update={update}
          agencies={agencies.data ?? []}
          fields={fields.data ?? []}
        />
      </Suspense>
      <QueryState query={services}>
        {(result) =>
          result.total === 0 ? (
            <Empty description={t('home.empty')} />
          ) : (
            <>
              <Typography.Text type="secondary">
                {t('catalog.found', { n: result.total })}
              </Typography.Text>
              <List
                grid={{ gutter: 16, xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }}
                dataSource={result.items}
                renderItem={(service) => (
                  <List.Item>
                    <Card
                      title={<Link to={`/dich-vu/${service.id}`}>{service.procedureName}</Link>}
                      size="small"
                      extra={
                        <Tag color={service.onlineLevel === 'full' ? 'green' : 'blue'}>
                          {onlineLevelLabel(service.onlineLevel, locale)}
                        </Tag>
                      }
                    >
                      <div>{service.agency.name}</div>
                      <Typography.Text type="secondary">
                        {service.field} · {t('service.daysValue', { n: service.processingDays })} ·{' '}
                        {service.feeVnd === 0 ? t('service.free') : formatMoney(service.feeVnd)}
                      </Typography.Text>
                    </Card>
                  </List.Item>
                )}
              />
              <Pagination
                align="center"
                current={result.page}
                pageSize={result.pageSize}
                total={result.total}
                showSizeChanger={false}
                onChange={(page) => update({ trang: String(page) })}
              />
            </>
          )
        }
      </QueryState>
    </Space>
  );
}
