import { Col, Row, Segmented, Select, TreeSelect } from 'antd';
import type { Agency } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export type CatalogFilter = {
  q: string;
  agency: string;
  field: string;
  level: string;
  page: number;
};

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

/** The catalogue's filters: the agency (a tree), the field and the online level. */
export default function CatalogFilters({
  filter,
  update,
  agencies,
  fields,
}: {
  filter: CatalogFilter;
  update: (changes: Partial<Record<'co-quan' | 'linh-vuc' | 'muc-do', string>>) => void;
  agencies: Agency[];
  fields: { field: string; services: number }[];
}) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={10}>
        <TreeSelect
          style={{ width: '100%' }}
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('catalog.byAgency')}
          aria-label={t('catalog.byAgency')}
          value={filter.agency || undefined}
          treeData={agencyTree(agencies)}
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
          options={fields.map((f) => ({
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
  );
}
