import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type PopularProcedure = {
  code: string;
  name: string;
  field: string;
  /** Dossiers received in the last twelve whole months and this one. */
  received: number;
  /** Services publishing it now: the agencies that offer it. */
  services: number;
};

/** How long the list is kept: it reads a year of the monthly grain, and changes slowly. */
const KEPT_MS = 10 * 60_000;

/**
 * The procedures people use most, by dossiers received over the last year, among those offered
 * now: what the portal's home page leads with. Kept in the process for ten minutes, refreshed in
 * the background once stale, so no visitor waits on the year's sum but the first.
 */
export function createPopularProcedures(db: Kysely<Database>, limit = 12) {
  let kept: { at: number; list: Promise<PopularProcedure[]> } | undefined;

  async function compute(): Promise<PopularProcedure[]> {
    const { rows } = await sql<PopularProcedure>`
      with used as (
        select procedure_id, sum(received)::integer as received from stats_month
        where month >= (date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh') - interval '12 months')::date
        group by procedure_id
      ), offered as (
        select procedure_id, count(*)::integer as services from service
        where status = 'published' group by procedure_id
      )
      select p.national_code as code, p.name, p.field, used.received, offered.services
      from used
      join offered on offered.procedure_id = used.procedure_id
      join procedure p on p.id = used.procedure_id
      where used.received > 0
      order by used.received desc, p.name
      limit ${limit}`.execute(db);
    return rows;
  }

  return {
    list(now = Date.now()): Promise<PopularProcedure[]> {
      if (!kept) {
        kept = { at: now, list: compute() };
        // a failed sum is not kept: the next visitor asks again
        kept.list.catch(() => (kept = undefined));
      } else if (now - kept.at > KEPT_MS) {
        const previous = kept.list;
        const next = compute();
        kept = { at: now, list: previous };
        next.then(
          (list) => (kept = { at: now, list: Promise.resolve(list) }),
          () => undefined,
        );
      }
      return kept.list;
    },
  };
}
