import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lunarFromSolar, solarFromLunar } from './lunar-calendar.ts';

describe('the Vietnamese lunar calendar (UTC+7)', () => {
  it('puts Tết (1/1 lunar) on the dates Vietnam kept', () => {
    const tet: Record<number, string> = {
      1985: '1985-01-21', // Vietnam; China kept 20/02/1985 (UTC+8)
      2007: '2007-02-17', // Vietnam; China kept 18/02/2007
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
    };
    for (const [year, date] of Object.entries(tet)) {
      expect(solarFromLunar({ day: 1, month: 1, year: Number(year) })).toBe(date);
      expect(lunarFromSolar(date)).toEqual({ day: 1, month: 1, year: Number(year), leap: false });
    }
  });

  it('puts Hùng Kings’ commemoration (10/3 lunar) on the public holidays of 2024–2026', () => {
    expect(solarFromLunar({ day: 10, month: 3, year: 2024 })).toBe('2024-04-18');
    expect(solarFromLunar({ day: 10, month: 3, year: 2025 })).toBe('2025-04-07');
    expect(solarFromLunar({ day: 10, month: 3, year: 2026 })).toBe('2026-04-26');
  });

  it('knows leap months: 2023 had a leap 2nd month', () => {
    expect(lunarFromSolar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarFromLunar({ day: 1, month: 2, year: 2023, leap: true })).toBe('2023-03-22');
    expect(solarFromLunar({ day: 1, month: 2, year: 2024, leap: true })).toBeUndefined();
  });

  it('ends a month on its 30th day when the new moon comes late (found by the round trip)', () => {
    expect(lunarFromSolar('2054-05-07')).toEqual({ day: 30, month: 3, year: 2054, leap: false });
    expect(lunarFromSolar('2054-05-08')).toEqual({ day: 1, month: 4, year: 2054, leap: false });
  });

  it('converts any day from 1900 to 2100 to lunar and back to the same day', () => {
    const start = Date.UTC(1900, 1, 1);
    const days = Math.floor((Date.UTC(2100, 0, 1) - start) / 86_400_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: days }), (offset) => {
        const iso = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const lunar = lunarFromSolar(iso);
        expect(lunar.day).toBeGreaterThanOrEqual(1);
        expect(lunar.day).toBeLessThanOrEqual(30);
        expect(solarFromLunar(lunar)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });
});
