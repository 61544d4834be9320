import { describe, expect, it } from 'vitest';
import { centerReceivingFor, provinceOf } from './agency-tree.ts';

const registry = [
  { id: 'hcm', parentId: null, level: 'province' },
  { id: 'sai-gon', parentId: 'hcm', level: 'commune' },
  { id: 'ben-thanh', parentId: 'hcm', level: 'commune' },
  { id: 'police', parentId: 'hcm', level: 'province_unit' },
  { id: 'nghe-an', parentId: null, level: 'province' },
  { id: 'truong-vinh', parentId: 'nghe-an', level: 'commune' },
  { id: 'ministry', parentId: null, level: 'ministry' },
];

describe('the agency tree', () => {
  it('finds the province of an agency, itself for a province, none for a ministry', () => {
    expect(provinceOf(registry, 'ben-thanh')).toBe('hcm');
    expect(provinceOf(registry, 'hcm')).toBe('hcm');
    expect(provinceOf(registry, 'ministry')).toBeUndefined();
    expect(provinceOf(registry, 'unknown')).toBeUndefined();
  });

  it('names the center of the same province, and none across provinces', () => {
    const centers = [registry[5]!, registry[1]!];
    expect(centerReceivingFor(registry, centers, 'ben-thanh')?.id).toBe('sai-gon');
    expect(centerReceivingFor(registry, centers, 'police')?.id).toBe('sai-gon');
    expect(centerReceivingFor(registry, [registry[5]!], 'ben-thanh')).toBeUndefined();
    expect(centerReceivingFor(registry, centers, 'ministry')).toBeUndefined();
  });
});
