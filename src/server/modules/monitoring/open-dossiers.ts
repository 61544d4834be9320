import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { OPEN_DOSSIER, overdueAt } from './measures.ts';
import { ROLLUP_LOCK_KEY } from './rollups.ts';

/**
 * Counts the dossiers received and not yet settled, on time or overdue at `now`, per holding
 * agency and procedure and per agency with its units: the dashboards' "still open" figures.
 * Counted live, every figure was a pass over every open dossier (315,000 nationally at 20 million
 * dossiers); the statistics job counts them when they may have changed instead (decision 0013).
 * Only rows whose figures changed are written. Answers the next appointment to pass, when an open
 * dossier on time turns overdue.
 */
export async function countOpenDossiers(
  db: Kysely<Database>,
  now = new Date(),
): Promise<Date | null> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`.execute(tx);
    const { rows } = await sql<{ next_due: Date | null }>`
      with counted as materialized (
        select d.holder_agency_id as agency_id, s.procedure_id,
          count(*) filter (where not ${overdueAt(now)}) as on_time,
          count(*) filter (where ${overdueAt(now)}) as overdue,
          min(d.due_at) filter (where d.due_at >= ${now} and d.clock_stopped_at is null) as next_due
        from dossier d join service s on s.id = d.service_id
        where ${OPEN_DOSSIER}
        group by 1, 2),
      written as (
        insert into stats_open (agency_id, procedure_id, on_time, overdue)
        select agency_id, procedure_id, on_time, overdue from counted
        on conflict (agency_id, procedure_id) do update
          set on_time = excluded.on_time, overdue = excluded.overdue
          where (stats_open.on_time, stats_open.overdue)
            is distinct from (excluded.on_time, excluded.overdue)),
      removed as (
        delete from stats_open o where not exists (select 1 from counted c
          where c.agency_id = o.agency_id and c.procedure_id = o.procedure_id))
      select min(next_due) as next_due from counted`.execute(tx);
    await sql`
      with counted as (
        select c.ancestor_id as agency_id, sum(o.on_time) as on_time, sum(o.overdue) as overdue
        from stats_open o join agency_closure c on c.agency_id = o.agency_id
        group by 1),
      written as (
        insert into stats_open_subtree (agency_id, on_time, overdue)
        select * from counted
        on conflict (agency_id) do update
          set on_time = excluded.on_time, overdue = excluded.overdue
          where (stats_open_subtree.on_time, stats_open_subtree.overdue)
            is distinct from (excluded.on_time, excluded.overdue))
      delete from stats_open_subtree o
      where not exists (select 1 from counted c where c.agency_id = o.agency_id)`.execute(tx);
    return rows[0]?.next_due ?? null;
  });
}
