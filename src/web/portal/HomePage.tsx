import { useQuery } from '@tanstack/react-query';
import {
  Card,
  Col,
  Empty,
  Input,
  List,
  Pagination,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { Link, useSearchParams } from 'react-router';
import { formatMoney } from '../../domain/vietnam-time.ts';
import { api, type Agency, type ServicePage } from '../api.ts';
import { onlineLevelLabel } from '../../domain/online-level.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';

type TreeNode = { value: string; title: string; disabled: boolean; children: TreeNode[] };

/** Today's agencies as a tree whose values are agency codes; one without a code offers no service yet. */
function agencyTree(agencies: Agency[]): TreeNode[] {
  const nodes = new Map(
    agencies.map((a) => [
      a.id,
      {
        value: a.code ?? a.id,
        title: a.name,
        disabled: a.code === null,
        children: [] as TreeNode[],
      },
    ]),
  );
  const roots: TreeNode[] = [];
  for (const agency of agencies) {
    const node = nodes.get(agency.id);
    if (!node) continue;
    const parent = agency.parentId ? nodes.get(agency.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function HomePage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter = {
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
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('home.title')}
        </Typography.Title>
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
      <Row gutter={[12, 12]}>
        <Col xs={24} md={10}>
          <TreeSelect
            style={{ width: '100%' }}
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('catalog.byAgency')}
            aria-label={t('catalog.byAgency')}
            value={filter.agency || undefined}
            treeData={agencyTree(agencies.data ?? [])}
            onChange={(code?: string) => update({ 'co-quan': code ?? '' })}
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            style={{ width: '100%' }}
            allowClear
            placeholder={t('catalog.byField')}
            aria-label={t('catalog.byField')}
            value={filter.field || undefined}
            options={(fields.data ?? []).map((f) => ({
              value: f.field,
              label: `${f.field} (${f.services})`,
            }))}
            onChange={(field?: string) => update({ 'linh-vuc': field ?? '' })}
          />
        </Col>
        <Col xs={24} md={6}>
          <Segmented
            block
            value={filter.level}
            onChange={(level) => update({ 'muc-do': level })}
            options={[
              { value: '', label: t('officer.filter.all') },
              { value: 'full', label: t('service.level.full') },
              { value: 'partial', label: t('service.level.partial') },
            ]}
          />
        </Col>
      </Row>
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
