import { describe, expect, it } from 'vitest';
import { legacyLevel, onlineLevelLabel } from './online-level.ts';

describe('online levels', () => {
  it('derives the level of Decree 43/2011 from the classification of Decree 42/2022', () => {
    expect(legacyLevel('full')).toBe(4);
    expect(legacyLevel('partial')).toBe(3);
    expect(onlineLevelLabel('full', 'vi')).toBe('Toàn trình (mức độ 4)');
    expect(onlineLevelLabel('partial', 'en')).toBe('Partial online (level 3)');
  });
});
