import { sql, type Kysely } from 'kysely';
import type { ServiceCounts } from '../../../domain/indicators.ts';
import type { Database } from '../../db/schema.ts';

/** Per agency (with its units): its figures, and its figures per field. */
type Figures = Map<string, { total: ServiceCounts; byField: Map<string, ServiceCounts> }>;

/** How many periods' figures are kept (each holds a few thousand agencies' figures). */
const PERIODS_KEPT = 48;

/** Per database: the figures computed at one `stats_version.services`, by period. */
const kept = new WeakMap<
  Kysely<Database>,
  { version: string; byPeriod: Map<string, Promise<Figures>> }
>();

/**
 * The service figures of every agency with its units, in all and per field, keyed by the agency's
 * id: the services the catalog listed at `levelsAt`, those at full online, and those with an
 * online dossier in one of `months`. They are one pass over the whole catalog's history, so they
 * are computed once per period and kept until `stats_version.services` moves on (a level changes,
 * or a service receives its first online dossier of a month; decision 0013). A period not over
 * (`periodOver` false) reads the catalog as it is now: the history only holds changes made up to
 * now, so any later moment gives the same figures while the version stands.
 */
export async function subtreeServiceFigures(
  db: Kysely<Database>,
  months: string[],
  levelsAt: Date,
  periodOver: boolean,
): Promise<Figures> {
  const { rows } = await sql<{ services: string }>`select services from stats_version`.execute(db);
  const version = rows[0]?.services ?? '0';
  const current = kept.get(db);
  const entry =
    current?.version === version
      ? current
      : { version, byPeriod: new Map<string, Promise<Figures>>() };
  kept.set(db, entry);
  const key = `${months.join(',')}|${periodOver ? levelsAt.toISOString() : 'now'}`;
  const known = entry.byPeriod.get(key);
  if (known) return known;
  const figures = compute(db, months, periodOver ? levelsAt : null);
  // Periods are many (any month of any year): the least recently computed give way.
  if (entry.byPeriod.size >= PERIODS_KEPT) {
    const [oldest] = entry.byPeriod.keys();
    if (oldest !== undefined) entry.byPeriod.delete(oldest);
  }
  entry.byPeriod.set(key, figures);
  // A failed computation is not kept.
  figures.catch(() => entry.byPeriod.delete(key));
  return figures;
}

/**
 * The rows of `service_level_history s` the catalog listed at `levelsAt`; null, as it is now: the
 * open rows. Comparing them with this process's clock instead would miss a change made a moment
 * ago: the database stamps it with its own clock, in microseconds, a JavaScript date has
 * milliseconds.
 */
export function servicesListedAt(levelsAt: Date | null) {
  return levelsAt === null
    ? sql`s.valid_to is null`
    : sql`s.valid_from <= ${levelsAt} and (s.valid_to is null or s.valid_to > ${levelsAt})`;
}

async function compute(
  db: Kysely<Database>,
  months: string[],
  levelsAt: Date | null,
): Promise<Figures> {
  const { rows } = await sql<{
    agency_id: string;
    field: string | null;
    published: string;
    full_online: string;
    with_online_dossier: string;
  }>`
    with used as (
      select agency_id, procedure_id from stats_service_online where months && ${months}::date[]),
    per_agency as (
      select s.agency_id, p.field, count(*) as published,
        count(*) filter (where s.level = 'full') as full_online,
        count(used.agency_id) as with_online_dossier
      from service_level_history s
      join procedure p on p.id = s.procedure_id
      left join used on used.agency_id = s.agency_id and used.procedure_id = s.procedure_id
      where ${servicesListedAt(levelsAt)}
      group by 1, 2)
    select c.ancestor_id as agency_id, f.field, sum(f.published) as published,
      sum(f.full_online) as full_online, sum(f.with_online_dossier) as with_online_dossier
    from per_agency f join agency_closure c on c.agency_id = f.agency_id
    group by grouping sets ((1), (1, 2))`.execute(db);
  const figures: Figures = new Map();
  for (const row of rows) {
    const counts = {
      published: Number(row.published),
      fullOnline: Number(row.full_online),
      withOnlineDossier: Number(row.with_online_dossier),
    };
    const agency = figures.get(row.agency_id) ?? { total: counts, byField: new Map() };
    if (row.field === null) agency.total = counts;
    else agency.byField.set(row.field, counts);
    figures.set(row.agency_id, agency);
  }
  return figures;
}
