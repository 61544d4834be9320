import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVietnameseDate, showIsoDate } from './vietnamese-dates.ts';

describe('Vietnamese dates', () => {
  it('reads day, month, year as a Vietnamese types them, and the ISO form', () => {
    expect(parseVietnameseDate('20/11/2026')).toBe('2026-11-20');
    expect(parseVietnameseDate('1/2/2026')).toBe('2026-02-01');
    expect(parseVietnameseDate(' 20-11-2026 ')).toBe('2026-11-20');
    expect(parseVietnameseDate('20.11.2026')).toBe('2026-11-20');
    expect(parseVietnameseDate('2026-11-20')).toBe('2026-11-20');
    expect(parseVietnameseDate('29/02/2024')).toBe('2024-02-29');
  });

  it('refuses what is not a day of the calendar', () => {
    for (const text of [
      '',
      '31/11/2026',
      '29/02/2026',
      '11/20/2026',
      '20/11/26',
      '2026-13-01',
      'hôm nay',
    ])
      expect(parseVietnameseDate(text)).toBeNull();
  });

  it('shows every date it reads back as it was read', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const shown = showIsoDate(iso);
          expect(shown).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
          expect(parseVietnameseDate(shown)).toBe(iso);
        },
      ),
    );
    expect(showIsoDate('not a date')).toBe('not a date');
  });
});
