import { sql, type RawBuilder } from 'kysely';
import type { CurrentMeasure, EventMeasure } from '../../../domain/stats-drill.ts';

/**
 * What each counted event means, as conditions on an event `e` of a dossier `d`: the rollups count
 * them and the drill-down lists them, from this one definition.
 */

/** An approval, or a refusal after reception, settles the dossier (đã giải quyết). */
export const SETTLED = sql`(e.action = 'approve' or (e.action = 'refuse' and d.received_at is not null))`;
const ON_TIME = sql`coalesce(e.occurred_at <= d.due_at, false)`;

export const EVENT_MEASURES: Record<EventMeasure, RawBuilder<unknown>> = {
  submittedOnline: sql`(e.action = 'submit' and d.channel = 'online')`,
  received: sql`(e.action = 'receive')`,
  receivedOnline: sql`(e.action = 'receive' and d.channel = 'online')`,
  receivedCounter: sql`(e.action = 'receive' and d.channel = 'counter')`,
  receivedPost: sql`(e.action = 'receive' and d.channel = 'post')`,
  paidOnline: sql`(e.action = 'pay')`,
  finished: SETTLED,
  finishedOnTime: sql`(${SETTLED} and ${ON_TIME})`,
  finishedLate: sql`(${SETTLED} and not ${ON_TIME})`,
  withdrawn: sql`(e.action = 'withdraw')`,
};

/** Actions that move a figure; the others (claims, hand-overs…) count for nothing. */
export const COUNTED_ACTIONS = [
  'submit',
  'receive',
  'pay',
  'approve',
  'refuse',
  'withdraw',
  'rate',
] as const;

/** A dossier `d` received and not yet settled or withdrawn. */
export const OPEN_DOSSIER = sql`(d.received_at is not null and d.finished_at is null and d.status <> 'withdrawn')`;

/**
 * Past the appointment with the clock running; while it is stopped (the agency waits for the
 * applicant's supplement or fee) the appointment will move, so the dossier is not late.
 */
export const overdueAt = (now: Date) =>
  sql`coalesce(d.due_at < ${now} and d.clock_stopped_at is null, false)`;

export const currentMeasure = (measure: CurrentMeasure, now: Date) =>
  measure === 'openOverdue' ? overdueAt(now) : sql`not ${overdueAt(now)}`;

/** The Vietnam day of a timestamp, the rollups' day. */
export const vietnamDay = (column: RawBuilder<unknown>) =>
  sql`(${column} at time zone 'Asia/Ho_Chi_Minh')::date`;

/** The instant a Vietnam day (yyyy-MM-dd) begins. */
export const vietnamMidnight = (day: string) =>
  sql`(${day}::date::timestamp at time zone 'Asia/Ho_Chi_Minh')`;

/**
 * The counters every reading of events `e` of dossiers `d` shares (the rollups, the national
 * portal's figures): `rating` reads an event's rating, `signed` says a settled dossier's result
 * was signed electronically. Columns of the select list, named and ordered as the rollups' counters
 * from `paid_online` on (the rollups insert by position).
 */
export function sharedCounters(rating: RawBuilder<unknown>, signed: RawBuilder<unknown>) {
  const m = EVENT_MEASURES;
  return sql`
      count(*) filter (where ${m.paidOnline}) as paid_online,
      count(*) filter (where ${SETTLED}) as finished,
      count(*) filter (where ${SETTLED}
        and ${vietnamDay(sql`e.occurred_at`)} < ${vietnamDay(sql`d.due_at`)}) as finished_early,
      count(*) filter (where ${m.finishedOnTime}) as finished_on_time,
      coalesce(sum(extract(epoch from e.occurred_at - d.received_at)::bigint)
        filter (where ${SETTLED}), 0) as processing_seconds,
      count(*) filter (where ${SETTLED} and ${signed}) as finished_electronic_result,
      count(*) filter (where e.action = 'rate') as rated,
      count(*) filter (where e.action = 'rate' and ${rating} <= 2) as rated_dissatisfied,
      coalesce(sum(${rating}) filter (where e.action = 'rate'), 0) as rating_sum,
      count(*) filter (where ${m.withdrawn}) as withdrawn`;
}
