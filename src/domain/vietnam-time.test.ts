import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, VIETNAM_TIME_ZONE } from './vietnam-time.ts';

const intlDate = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const intlTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

describe('Vietnam time formatting', () => {
  it('reads as Intl’s vi-VN format in Asia/Ho_Chi_Minh, for any instant since 1976', () => {
    const instants = fc.date({
      min: new Date('1976-01-01T00:00:00Z'),
      max: new Date('2100-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (instant) => {
        expect(formatDate(instant)).toBe(intlDate.format(instant));
        expect(formatDateTime(instant)).toBe(
          `${intlTime.format(instant)} ${intlDate.format(instant)}`,
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('turns the day at 17:00 UTC, and takes the ISO strings the database gives', () => {
    expect(formatDateTime('2026-12-31T16:59:00Z')).toBe('23:59 31/12/2026');
    expect(formatDateTime('2026-12-31T17:00:00Z')).toBe('00:00 01/01/2027');
    expect(formatDate('2025-02-28T17:30:00.000Z')).toBe('01/03/2025');
  });

  it('refuses an instant that is not one', () => {
    expect(() => formatDate('not a date')).toThrow(RangeError);
  });
});
