import type { Agency } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export type CatalogFilter = {
  q: string;
  agency: string;
  field: string;
  level: string;
  page: number;
};

type AgencyOption = { value: string; label: string; depth: number; disabled: boolean };

/**
 * Today's agencies in tree order, each indented under its parent; the value is the agency code,
 * and one without a code offers no service yet.
 */
export function agencyOptions(agencies: Agency[]): AgencyOption[] {
  const children = new Map<string | null, Agency[]>();
  const ids = new Set(agencies.map((a) => a.id));
  for (const agency of agencies) {
    const parent = agency.parentId && ids.has(agency.parentId) ? agency.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), agency]);
  }
  const options: AgencyOption[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const agency of children.get(parent) ?? []) {
      options.push({
        value: agency.code ?? agency.id,
        label: agency.name,
        depth,
        disabled: agency.code === null,
      });
      visit(agency.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}

const LEVELS = ['', 'full', 'partial'] as const;

/**
 * The catalogue's filters: the agency, the field and the online level, as native controls (a
 * phone's own picker for long lists).
 */
export function CatalogFilters({
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
    <div className="catalog-filters">
      <label>
        <span className="visually-hidden">{t('catalog.byAgency')}</span>
        <select
          value={filter.agency}
          onChange={(event) => update({ 'co-quan': event.target.value })}
        >
          <option value="">{t('catalog.byAgency')}</option>
          {agencyOptions(agencies).map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {'\u00a0\u00a0'.repeat(option.depth)}
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">{t('catalog.byField')}</span>
        <select
          value={filter.field}
          onChange={(event) => update({ 'linh-vuc': event.target.value })}
        >
          <option value="">{t('catalog.byField')}</option>
          {fields.map((f) => (
            <option key={f.field} value={f.field}>
              {`${f.field} (${f.services})`}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('catalog.byLevel')}</legend>
        {LEVELS.map((level) => (
          <label key={level}>
            <input
              type="radio"
              name="muc-do"
              checked={filter.level === level}
              onChange={() => update({ 'muc-do': level })}
            />
            <span>{level ? t(`service.level.${level}`) : t('officer.filter.all')}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
