/**
 * Working days and working time of Vietnamese state agencies.
 *
 * Non-working days are Saturdays and Sundays, the public holidays of the Labour Code 2019
 * (art. 112), the compensation days of art. 111(3) (a holiday on a weekly rest day is made up on
 * the next working day) and the Government's yearly decisions (day swaps), which administrators
 * enter as overrides. Dates are ISO `yyyy-MM-dd` in Vietnam; times are instants.
 */
import { solarFromLunar } from './lunar-calendar.ts';

export type CalendarOverride = {
  date: string;
  /** `day_off`: a weekday the Government gives off; `working_day`: a day worked (e.g. a Saturday swapped). */
  kind: 'day_off' | 'working_day';
  name: string;
};

export type Holiday = { date: string; name: string };

/** Office hours of an agency, `HH:mm` in Vietnam time; the afternoon session ends the day. */
export type OfficeHours = {
  morning: readonly [string, string];
  afternoon: readonly [string, string];
  /** Dossiers received after this time count as received at the next working day's opening. */
  receptionCutoff: string;
};

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  morning: ['07:30', '11:30'],
  afternoon: ['13:00', '17:00'],
  receptionCutoff: '17:00',
};

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

const isWeekend = (iso: string) => weekday(iso) === 0 || weekday(iso) === 6;

/** The adjacent day of National Day that joins a weekend when it can (as the Government has chosen since 2021). */
function nationalDayCompanion(year: number): string {
  const before = `${year}-09-01`;
  const after = `${year}-09-03`;
  const bridges = (iso: string) => weekday(iso) === 1 || weekday(iso) === 5;
  if (bridges(after) && !bridges(before)) return after;
  if (isWeekend(before) && !isWeekend(after)) return after;
  return before;
}

/**
 * The public holidays of art. 112 for a year. The Government picks the five Tết days each year;
 * the default is the last two days of the lunar year and the first three of the new one, which
 * is what it chose for 2020, 2024 and 2025 (and gives the same days off as its choice for 2026).
 */
export function statutoryHolidays(year: number): Holiday[] {
  const newYear = solarFromLunar({ day: 1, month: 1, year });
  const hungKings = solarFromLunar({ day: 10, month: 3, year });
  if (!newYear || !hungKings) throw new Error(`lunar calendar has no date for ${String(year)}`);
  const tet = [-2, -1, 0, 1, 2].map((offset) => addDays(newYear, offset));
  return [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    ...tet.map((date) => ({ date, name: 'Tết Âm lịch' })),
    { date: hungKings, name: 'Giỗ Tổ Hùng Vương' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
    { date: nationalDayCompanion(year), name: 'Quốc khánh' },
  ].sort((a, b) => a.date.localeCompare(b.date));
}

export type NonWorkingDay = { date: string; reason: string };

export type WorkingCalendar = {
  isWorkingDay(iso: string): boolean;
  /** Weekdays off and weekend days worked in a year, in date order: what a published calendar lists. */
  exceptions(year: number): { daysOff: NonWorkingDay[]; workedWeekendDays: NonWorkingDay[] };
};

export function createWorkingCalendar(overrides: readonly CalendarOverride[]): WorkingCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const holidaysByYear = new Map<number, Map<string, string>>();

  /** Holidays and compensation days of one year (a compensation day may fall in early January of the next). */
  function holidaysOf(year: number): Map<string, string> {
    let days = holidaysByYear.get(year);
    if (days) return days;
    days = new Map();
    for (const holiday of statutoryHolidays(year)) days.set(holiday.date, holiday.name);
    for (const holiday of statutoryHolidays(year)) {
      if (!isWeekend(holiday.date)) continue;
      let compensation = addDays(holiday.date, 1);
      while (isWeekend(compensation) || days.has(compensation)) {
        compensation = addDays(compensation, 1);
      }
      days.set(compensation, `Nghỉ bù ${holiday.name}`);
    }
    holidaysByYear.set(year, days);
    return days;
  }

  const holidayName = (iso: string) => {
    const year = Number(iso.slice(0, 4));
    return holidaysOf(year).get(iso) ?? holidaysOf(year - 1).get(iso);
  };

  function isWorkingDay(iso: string): boolean {
    const override = byDate.get(iso);
    if (override) return override.kind === 'working_day';
    return !isWeekend(iso) && holidayName(iso) === undefined;
  }

  return {
    isWorkingDay,
    exceptions(year) {
      const daysOff: NonWorkingDay[] = [];
      const workedWeekendDays: NonWorkingDay[] = [];
      for (let iso = `${year}-01-01`; iso.startsWith(String(year)); iso = addDays(iso, 1)) {
        const working = isWorkingDay(iso);
        const reason = byDate.get(iso)?.name ?? holidayName(iso) ?? '';
        if (!isWeekend(iso) && !working) daysOff.push({ date: iso, reason });
        if (isWeekend(iso) && working) workedWeekendDays.push({ date: iso, reason });
      }
      return { daysOff, workedWeekendDays };
    },
  };
}

// ---- Working time ----------------------------------------------------------------------------

const minuteOfDay = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Minutes of office time in one working day (480 for 07:30–11:30 and 13:00–17:00). */
export function workingMinutesPerDay(hours: OfficeHours): number {
  return (
    minuteOfDay(hours.morning[1]) -
    minuteOfDay(hours.morning[0]) +
    minuteOfDay(hours.afternoon[1]) -
    minuteOfDay(hours.afternoon[0])
  );
}

const localDate = (instant: Date) =>
  new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
const localMinute = (instant: Date) => {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
};
const instantAt = (iso: string, minute: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - VIETNAM_OFFSET_MS + Math.round(minute * 60_000));

/** Office sessions from the first working day on or after `iso`, in order. */
function* sessionsFrom(iso: string, calendar: WorkingCalendar, hours: OfficeHours) {
  for (let date = iso; ; date = addDays(date, 1)) {
    if (!calendar.isWorkingDay(date)) continue;
    yield { date, start: minuteOfDay(hours.morning[0]), end: minuteOfDay(hours.morning[1]) };
    yield { date, start: minuteOfDay(hours.afternoon[0]), end: minuteOfDay(hours.afternoon[1]) };
  }
}

/**
 * The moment the processing clock starts for a dossier received at `receivedAt`: that moment
 * during office hours on a working day; the next opening when received in a break, at night, on
 * a day off, or after the agency's reception cut-off.
 */
export function clockStart(receivedAt: Date, calendar: WorkingCalendar, hours: OfficeHours): Date {
  const date = localDate(receivedAt);
  const minute = localMinute(receivedAt);
  const afterCutoff = minute >= minuteOfDay(hours.receptionCutoff);
  for (const session of sessionsFrom(date, calendar, hours)) {
    if (session.date === date && (afterCutoff || minute >= session.end)) continue;
    return instantAt(
      session.date,
      session.date === date ? Math.max(minute, session.start) : session.start,
    );
  }
  throw new Error('unreachable: a calendar always has another working day');
}

/** `start` moved forward by `minutes` of office time (start must be a clock start). */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  calendar: WorkingCalendar,
  hours: OfficeHours,
): Date {
  let remaining = minutes;
  const date = localDate(start);
  const minute = localMinute(start);
  for (const session of sessionsFrom(date, calendar, hours)) {
    const from = session.date === date ? Math.max(minute, session.start) : session.start;
    if (from >= session.end) continue;
    if (remaining <= session.end - from) return instantAt(session.date, from + remaining);
    remaining -= session.end - from;
  }
  throw new Error('unreachable: a calendar always has another working day');
}

/** Office minutes between two instants (negative when `to` is before `from`). */
export function workingMinutesBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendar,
  hours: OfficeHours,
): number {
  if (to < from) return -workingMinutesBetween(to, from, calendar, hours) || 0;
  let total = 0;
  const fromDate = localDate(from);
  const toDate = localDate(to);
  for (const session of sessionsFrom(fromDate, calendar, hours)) {
    if (session.date > toDate) break;
    const start =
      session.date === fromDate ? Math.max(localMinute(from), session.start) : session.start;
    const end = session.date === toDate ? Math.min(localMinute(to), session.end) : session.end;
    if (end > start) total += end - start;
  }
  return Math.round(total);
}

/**
 * The appointment for a dossier: its processing days (halves allowed) of office time after the
 * clock start. One working day is one day's office hours, so a dossier received at 09:00 with 3
 * days is due at 09:00 three working days later, and half a day is half of the office hours.
 */
export function dueTime(
  receivedAt: Date,
  processingDays: number,
  calendar: WorkingCalendar,
  hours: OfficeHours,
): Date {
  const start = clockStart(receivedAt, calendar, hours);
  return addWorkingMinutes(start, processingDays * workingMinutesPerDay(hours), calendar, hours);
}

/**
 * One working day of office time from `now` (default office hours): what "due within one working
 * day" means for the inbox colours and the deadline warnings.
 */
export function oneWorkingDayFrom(now: Date, calendar: WorkingCalendar): Date {
  const hours = DEFAULT_OFFICE_HOURS;
  return addWorkingMinutes(
    clockStart(now, calendar, hours),
    workingMinutesPerDay(hours),
    calendar,
    hours,
  );
}
