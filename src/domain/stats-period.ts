import { vietnamDate } from './vietnam-time.ts';

/**
 * A reporting period in Vietnam dates: `from` inclusive, `to` exclusive, both `yyyy-MM-dd`.
 * Written `2026-11-24` (day), `2026-11` (month), `2026-Q4` (quarter), `2026` (year) or `live`
 * (from the first of January to this moment, as the dashboards say "từ đầu năm đến nay").
 */
export type StatsPeriod = {
  key: string;
  kind: 'day' | 'month' | 'quarter' | 'year' | 'live';
  from: string;
  to: string;
  /** Vietnamese label: "Tháng 11/2026", "Quý IV/2026", "Năm 2026", "Ngày 24/11/2026". */
  label: string;
};

export const PERIOD_PATTERN =
  '^(live|\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?)$';

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');
const firstOfMonth = (year: number, month: number) =>
  month > 12 ? `${String(year + 1)}-01-01` : `${String(year)}-${pad(month)}-01`;

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The period a key names, or null when the key is not one (or names a day that does not exist). */
export function parsePeriod(key: string, now: Date = new Date()): StatsPeriod | null {
  if (!new RegExp(PERIOD_PATTERN).test(key)) return null;
  if (key === 'live') {
    const today = vietnamDate(now);
    return {
      key,
      kind: 'live',
      from: `${today.slice(0, 4)}-01-01`,
      to: nextDay(today),
      label: `Từ đầu năm ${today.slice(0, 4)} đến nay`,
    };
  }
  const year = Number(key.slice(0, 4));
  // Every period ends (exclusively) on a date of four-digit years, and the calendar starts at 1.
  if (year < 1 || year > 9998) return null;
  if (key.length === 4)
    return {
      key,
      kind: 'year',
      from: `${key}-01-01`,
      to: `${String(year + 1)}-01-01`,
      label: `Năm ${key}`,
    };
  if (key[5] === 'Q') {
    const quarter = Number(key[6]);
    return {
      key,
      kind: 'quarter',
      from: firstOfMonth(year, quarter * 3 - 2),
      to: firstOfMonth(year, quarter * 3 + 1),
      label: `Quý ${ROMAN_QUARTERS[quarter - 1] ?? ''}/${String(year)}`,
    };
  }
  const month = Number(key.slice(5, 7));
  if (key.length === 7)
    return {
      key,
      kind: 'month',
      from: firstOfMonth(year, month),
      to: firstOfMonth(year, month + 1),
      label: `Tháng ${pad(month)}/${String(year)}`,
    };
  const day = new Date(`${key}T00:00:00Z`);
  if (day.toISOString().slice(0, 10) !== key) return null;
  return {
    key,
    kind: 'day',
    from: key,
    to: nextDay(key),
    label: `Ngày ${key.slice(8)}/${pad(month)}/${String(year)}`,
  };
}

/** The month key of a Vietnam date or instant: `yyyy-MM`. */
export function monthKey(at: Date): string {
  return vietnamDate(at).slice(0, 7);
}

/** The months a period spans, as keys, oldest first (for trends). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  while (firstOfMonth(year, month) < to) {
    months.push(`${String(year)}-${pad(month)}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * The monthly report on a month is due before the 20th of the next (the seeds' rule): the last
 * day it is on time, `yyyy-MM-dd`.
 */
export function monthlyReportDeadline(month: string): string {
  const year = Number(month.slice(0, 4));
  const next = Number(month.slice(5, 7)) + 1;
  return next > 12 ? `${String(year + 1)}-01-19` : `${String(year)}-${pad(next)}-19`;
}

/**
 * Whose figures a period shows: the agencies as they were then (63 provinces in 2020), or today's,
 * each with the figures of the agencies merged into it.
 */
export const STATS_STRUCTURES = ['then', 'now'] as const;
export type StatsStructure = (typeof STATS_STRUCTURES)[number];
