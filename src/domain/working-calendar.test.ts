import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GOVERNMENT_CALENDAR_DECISIONS } from './calendar-decisions.ts';
import {
  addWorkingMinutes,
  clockStart,
  createWorkingCalendar,
  DEFAULT_OFFICE_HOURS,
  dueTime,
  statutoryHolidays,
  workingMinutesBetween,
  type OfficeHours,
} from './working-calendar.ts';

const calendar = createWorkingCalendar(GOVERNMENT_CALENDAR_DECISIONS);
const hours = DEFAULT_OFFICE_HOURS;
/** An instant given in Vietnam time, `yyyy-MM-ddTHH:mm`. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
const dates = (days: { date: string }[]) => days.map((d) => d.date);

describe('the published holiday calendars of civil servants', () => {
  it('2024: Tết 08–14/02, Hùng Kings 18/04, 27/04–01/05 with Saturday 04/05 worked, 31/08–03/09', () => {
    const { daysOff, workedWeekendDays } = calendar.exceptions(2024);
    expect(dates(daysOff)).toEqual([
      '2024-01-01',
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-04-18',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-09-02',
      '2024-09-03',
    ]);
    expect(dates(workedWeekendDays)).toEqual(['2024-05-04']);
  });

  it('2025: Tết 25/01–02/02, Hùng Kings 07/04, 30/04–04/05 with Saturday 26/04 worked, 30/08–02/09', () => {
    const { daysOff, workedWeekendDays } = calendar.exceptions(2025);
    expect(dates(daysOff)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ]);
    expect(dates(workedWeekendDays)).toEqual(['2025-04-26']);
  });

  it('2026: 01–04/01 with Saturday 10/01 worked, Tết 14–22/02, Hùng Kings on Sunday 26/04 made up on 27/04, 30/04–03/05', () => {
    const { daysOff, workedWeekendDays } = calendar.exceptions(2026);
    expect(dates(daysOff).filter((d) => d < '2026-06-01')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
    ]);
    expect(daysOff.find((d) => d.date === '2026-04-27')?.reason).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(dates(workedWeekendDays)).toEqual(['2026-01-10']);
  });

  it('has the eleven statutory days of art. 112 every year, Tết and Hùng Kings from the lunar calendar', () => {
    for (let year = 2000; year <= 2060; year++) {
      const holidays = statutoryHolidays(year);
      expect(holidays).toHaveLength(11);
      expect(new Set(dates(holidays)).size).toBe(11);
    }
    expect(
      statutoryHolidays(2027)
        .filter((h) => h.name === 'Tết Âm lịch')
        .map((h) => h.date),
    ).toEqual(['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
  });

  it('administrators can add a day off and make a weekend day a working day', () => {
    const swapped = createWorkingCalendar([
      { date: '2027-04-30', kind: 'working_day', name: 'thử' },
      { date: '2027-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam' },
    ]);
    expect(swapped.isWorkingDay('2027-04-30')).toBe(true);
    expect(swapped.isWorkingDay('2027-11-24')).toBe(false);
    expect(calendar.isWorkingDay('2027-11-24')).toBe(true);
  });
});

describe('due times', () => {
  it('a dossier received on the eve of Tết 2026 with 5 working days is due after the break', () => {
    // Friday 13/02/2026 is the last working day before the 9-day break.
    expect(dueTime(vn('2026-02-13T09:00'), 5, calendar, hours)).toEqual(vn('2026-02-27T09:00'));
  });

  it('a dossier received after the cut-off starts the next working day and is due at closing', () => {
    const cutoff1600: OfficeHours = { ...hours, receptionCutoff: '16:00' };
    expect(dueTime(vn('2026-02-13T16:30'), 5, calendar, cutoff1600)).toEqual(
      vn('2026-02-27T17:00'),
    );
    expect(clockStart(vn('2026-02-13T16:30'), calendar, cutoff1600)).toEqual(
      vn('2026-02-23T07:30'),
    );
    // The default cut-off is the close of office: 16:30 still counts that day.
    expect(dueTime(vn('2026-02-13T16:30'), 5, calendar, hours)).toEqual(vn('2026-02-27T16:30'));
  });

  it('counts half days in office hours, over the lunch break', () => {
    expect(dueTime(vn('2025-03-03T09:00'), 0.5, calendar, hours)).toEqual(vn('2025-03-03T14:30'));
    expect(dueTime(vn('2025-03-03T12:15'), 0.5, calendar, hours)).toEqual(vn('2025-03-03T17:00'));
  });

  it('skips a swapped weekday and works the swapped Saturday (30/04/2025)', () => {
    // Friday 25/04/2025 10:00 + 1 day: Saturday 26/04 is worked that year.
    expect(dueTime(vn('2025-04-25T10:00'), 1, calendar, hours)).toEqual(vn('2025-04-26T10:00'));
    // Tuesday 29/04/2025 10:00 + 1 day: 30/04 to 04/05 off.
    expect(dueTime(vn('2025-04-29T10:00'), 1, calendar, hours)).toEqual(vn('2025-05-05T10:00'));
  });

  it('a dossier received at night, on a weekend or a holiday starts at the next opening', () => {
    expect(clockStart(vn('2024-02-10T10:00'), calendar, hours)).toEqual(vn('2024-02-15T07:30'));
    expect(clockStart(vn('2024-02-07T22:00'), calendar, hours)).toEqual(vn('2024-02-15T07:30'));
    expect(clockStart(vn('2024-02-07T06:00'), calendar, hours)).toEqual(vn('2024-02-07T07:30'));
    expect(clockStart(vn('2024-02-07T12:00'), calendar, hours)).toEqual(vn('2024-02-07T13:00'));
  });

  it('working time between two moments is what adding it gives back', () => {
    const instant = fc
      .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') })
      .map((ms) => new Date(ms - (ms % 60_000)));
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 480 * 40 }), (at, minutes) => {
        const start = clockStart(at, calendar, hours);
        const end = addWorkingMinutes(start, minutes, calendar, hours);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(workingMinutesBetween(start, end, calendar, hours)).toBe(minutes);
        expect(workingMinutesBetween(end, start, calendar, hours)).toBe(0 - minutes);
      }),
      { numRuns: 300 },
    );
  });
});
