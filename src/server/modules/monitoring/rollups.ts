import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { COUNTED_ACTIONS, EVENT_MEASURES, sharedCounters, vietnamDay } from './measures.ts';

/**
 * The job, the recount and an agency's move take this lock, so one sees all of what the other
 * committed (the migration 0023's trigger names it too).
 */
export const ROLLUP_LOCK_KEY = 7_240_115;

const COUNTERS = [
  'submitted_online',
  'received',
  'received_with_fee',
  'paid_online',
  'finished',
  'finished_early',
  'finished_on_time',
  'processing_seconds',
  'finished_electronic_result',
  'rated',
  'rated_dissatisfied',
  'rating_sum',
  'withdrawn',
] as const;

/**
 * What events add to the daily rollups, per Vietnam day, acting agency, procedure and channel.
 * `events` is the `from` clause naming the events as `e`. The one definition the job and the
 * recount share, built from the measures the drill-down lists (measures.ts):
 * - an online submission counts as submitted online; a reception (tiếp nhận) as received, with a fee
 *   when the dossier owes one; a gateway's payment as paid online;
 * - a settled dossier (đã giải quyết) counts as on time when at or before the appointment, early
 *   (trước hạn) when on an earlier day; its processing time runs from reception; it has an
 *   electronic result when the agency signed one;
 * - a rating counts, as dissatisfied at 1 or 2 of 5.
 */
function contribution(events: RawBuilder<unknown>) {
  const m = EVENT_MEASURES;
  const rating = sql`(e.details ->> 'rating')::integer`;
  return sql`
    select ${vietnamDay(sql`e.occurred_at`)} as day, e.agency_id, s.procedure_id, d.channel,
      count(*) filter (where ${m.submittedOnline}) as submitted_online,
      count(*) filter (where ${m.received}) as received,
      count(*) filter (where ${m.received} and d.fee_due_vnd > 0) as received_with_fee,
      ${sharedCounters(rating, sql`r.signed_at is not null`)}
    from ${events}
    join dossier d on d.id = e.dossier_id
    join service s on s.id = d.service_id
    left join result_document r on r.dossier_id = d.id
    where e.action in (${sql.join(COUNTED_ACTIONS)})
    group by 1, 2, 3, 4`;
}

const refs = (names: readonly string[]) => sql.join(names.map((c) => sql.ref(c)));
const sums = sql.join(COUNTERS.map((c) => sql`sum(${sql.ref(c)})`));
const addExcluded = (table: string) =>
  sql.join(
    COUNTERS.map((c) => sql`${sql.ref(c)} = ${sql.ref(`${table}.${c}`)} + excluded.${sql.ref(c)}`),
  );
const month = sql`date_trunc('month', day)::date`;

/**
 * One statement that adds `contributions` (rows of `contribution`, per day) to every grain: the
 * daily rollup; the monthly ones per agency with its units (added to every ancestor of the acting
 * agency), the same per field, and per agency and procedure; and each service's months with an
 * online dossier (a new month moves `stats_version.services` on). `prefix` are the statement's own
 * CTEs (the queue's batch); the statement answers `taken` (the batch's size) when `taken` names a
 * CTE.
 */
function addToRollups(
  prefix: RawBuilder<unknown>,
  contributions: RawBuilder<unknown>,
  taken: RawBuilder<unknown>,
) {
  return sql`
    with ${prefix}
    contribution as materialized (${contributions}),
    daily as (
      insert into stats_day (${refs(['day', 'agency_id', 'procedure_id', 'channel', ...COUNTERS])})
      select * from contribution
      on conflict (day, agency_id, procedure_id, channel) do update set ${addExcluded('stats_day')}
      returning 1),
    by_subtree as (
      insert into stats_subtree_month (${refs(['month', 'agency_id', 'channel', ...COUNTERS])})
      select ${month}, a.ancestor_id, channel, ${sums}
      from contribution join agency_closure a on a.agency_id = contribution.agency_id
      group by 1, 2, 3
      on conflict (agency_id, month, channel) do update set ${addExcluded('stats_subtree_month')}
      returning 1),
    by_subtree_field as (
      insert into stats_subtree_field_month (${refs(['month', 'agency_id', 'field', 'channel', ...COUNTERS])})
      select ${month}, a.ancestor_id, p.field, channel, ${sums}
      from contribution join agency_closure a on a.agency_id = contribution.agency_id
        join procedure p on p.id = contribution.procedure_id
      group by 1, 2, 3, 4
      on conflict (agency_id, month, field, channel)
        do update set ${addExcluded('stats_subtree_field_month')}
      returning 1),
    by_procedure as (
      insert into stats_month (${refs(['month', 'agency_id', 'procedure_id', 'channel', ...COUNTERS])})
      select ${month}, agency_id, procedure_id, channel, ${sums} from contribution
      group by 1, 2, 3, 4
      on conflict (month, agency_id, procedure_id, channel)
        do update set ${addExcluded('stats_month')}
      returning 1),
    used_online as (
      insert into stats_service_online (agency_id, procedure_id, months)
      select agency_id, procedure_id, array_agg(distinct ${month} order by ${month})
      from contribution where submitted_online > 0 group by 1, 2
      on conflict (agency_id, procedure_id) do update set months = array(
        select distinct m from unnest(stats_service_online.months || excluded.months) m order by m)
        where not excluded.months <@ stats_service_online.months
      returning 1),
    services_changed as (
      update stats_version set services = services + 1 where exists (select 1 from used_online)
      returning 1)
    select ${taken} as taken,
      (select count(*) from daily) + (select count(*) from by_subtree)
        + (select count(*) from by_subtree_field)
        + (select count(*) from by_procedure) + (select count(*) from used_online)
        + (select count(*) from services_changed) as rows`;
}

const ROLLUP_TABLES = [
  'stats_day',
  'stats_subtree_month',
  'stats_subtree_field_month',
  'stats_month',
  'stats_service_online',
];

type Options = {
  batchSize?: number;
  /** For tests: runs after the batch is written, before it commits (a crash there loses nothing). */
  beforeCommit?: () => void;
};

/**
 * Adds waiting events to the rollups, a batch per transaction, and answers how many it took.
 * Taking an event off the queue and counting it are one statement: an event is counted once.
 */
export async function applyPendingEvents(
  db: Kysely<Database>,
  { batchSize = 5_000, beforeCommit }: Options = {},
): Promise<number> {
  let applied = 0;
  for (;;) {
    const taken = await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`.execute(tx);
      const { rows } = await sql<{ taken: string }>`${addToRollups(
        sql`batch as (
          delete from stats_pending where event_id in (
            select event_id from stats_pending order by event_id limit ${batchSize})
          returning event_id),`,
        // The batch's events by key, whatever the planner believes of the tables' sizes: with
        // statistics behind a growing event table it hashed the whole of it for a hundred events.
        contribution(
          sql`(select * from dossier_event where id = any(array(select event_id from batch))) e`,
        ),
        sql`(select count(*) from batch)`,
      )}`.execute(tx);
      beforeCommit?.();
      return Number(rows[0]?.taken ?? 0);
    });
    applied += taken;
    if (taken < batchSize) return applied;
  }
}

/**
 * Rebuilds the rollups from every event (`npm run stats:recount`). Events committed after the
 * recount's snapshot stay queued for the job, so nothing is lost or counted twice.
 */
export async function recountRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`.execute(tx);
    for (const table of ROLLUP_TABLES) await sql`delete from ${sql.table(table)}`.execute(tx);
    await sql`${addToRollups(
      sql`cleared as (delete from stats_pending returning 1),`,
      contribution(sql`dossier_event e`),
      sql`(select count(*) from cleared)`,
    )}`.execute(tx);
  });
}
