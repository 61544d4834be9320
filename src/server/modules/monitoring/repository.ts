import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  EMPTY_FEEDBACK_COUNTS,
  type DossierCounts,
  type FeedbackCounts,
  type OpenCounts,
  type ServiceCounts,
} from '../../../domain/indicators.ts';
import { feedbackCountsByGroup } from '../feedback/index.ts';
import {
  monthsBetween,
  type StatsPeriod,
  type StatsStructure,
} from '../../../domain/stats-period.ts';
import type { AgencyLevel, Database } from '../../db/schema.ts';
import { isCurrentMeasure, type DrillMeasure } from '../../../domain/stats-drill.ts';
import { currentMeasure, EVENT_MEASURES, OPEN_DOSSIER, vietnamMidnight } from './measures.ts';
import { servicesListedAt, subtreeServiceFigures } from './service-figures.ts';

/** The levels ranked side by side: ministries (and ministry-level agencies) and provinces. */
export const RANKED_LEVELS: readonly AgencyLevel[] = ['ministry', 'province'];

export type GroupFigures = {
  key: string;
  counts: DossierCounts;
  services: ServiceCounts;
  open: OpenCounts;
  /** For groups of agencies (not by field or procedure): the feedback they were competent for. */
  feedback?: FeedbackCounts;
};

/**
 * Groups of agencies, each an agency with all of its units below (a province counts its
 * communes): `roots` selects the agencies' ids; each group is keyed by its root's id, or all of
 * them make one group keyed `all`.
 */
export type Membership = {
  roots: RawBuilder<unknown>;
  oneGroup?: 'all';
  /** Each root counts the agencies it succeeded too (mergers): figures under today's units. */
  lineage?: true;
};

/**
 * Each agency of `roots` with all of its units below, keyed by the root's id; with `lineage`, with
 * the agencies merged into it as well, and theirs before them.
 */
export const subtrees = (roots: RawBuilder<unknown>, lineage = false): Membership =>
  lineage ? { roots, lineage: true } : { roots };

/** The relation `(agency_id, key)`: each root, and every agency it succeeded, keyed by the root. */
const lineageOf = (roots: RawBuilder<unknown>) =>
  sql`(with recursive lineage (agency_id, key) as (
      select id, id::text from agency where id in (${roots})
      union
      select a.id, l.key from agency a join lineage l on a.successor_id = l.agency_id
    ) select agency_id, key from lineage)`;

/** Every agency, in one group: the agencies at the top of the registry with their units. */
export const ALL_AGENCIES: Membership = {
  roots: sql`select id from agency where parent_id is null`,
  oneGroup: 'all',
};

/** The group key of a row of a subtree grain, whose `agency_id` is a root. */
const rootKey = (membership: Membership, agencyId: RawBuilder<unknown>) =>
  membership.oneGroup === undefined ? sql`${agencyId}::text` : sql`${membership.oneGroup}::text`;

/** The relation `(agency_id, key)`: every agency of the groups with its group's key. */
const members = (membership: Membership) =>
  membership.lineage && membership.oneGroup === undefined
    ? sql`(select distinct c.agency_id, l.key from agency_closure c
        join ${lineageOf(membership.roots)} l on l.agency_id = c.ancestor_id)`
    : sql`(select agency_id, ${rootKey(membership, sql`ancestor_id`)} as key from agency_closure
    where ancestor_id in (${membership.roots}))`;

/**
 * Ministries and provinces (or one of the two) in force at some time in the period, or, under
 * today's units, those in force now.
 */
export function rankedAgencies(
  period: StatsPeriod,
  levels: readonly AgencyLevel[] = RANKED_LEVELS,
  structure: StatsStructure = 'then',
): RawBuilder<unknown> {
  return sql`select id from agency
    where level in (${sql.join(levels)})
      and ${inForce(period, structure)}`;
}

/** An agency in force at some time in the period, or now (today's units). */
export const inForce = (period: StatsPeriod, structure: StatsStructure): RawBuilder<boolean> =>
  structure === 'now'
    ? sql<boolean>`valid_to is null`
    : sql<boolean>`valid_from < ${period.to}::date and (valid_to is null or valid_to >= ${period.from}::date)`;

export type CountRow = Record<string, string | number | null> & { key: string };

const n = (value: string | number | null | undefined) => Number(value ?? 0);

/** The counters of a row named as the rollups name them; a counter it lacks is 0. */
export function toCounts(row: CountRow | undefined): DossierCounts {
  return {
    submittedOnline: n(row?.submitted_online),
    receivedOnline: n(row?.received_online),
    receivedCounter: n(row?.received_counter),
    receivedPost: n(row?.received_post),
    receivedWithFee: n(row?.received_with_fee),
    paidOnline: n(row?.paid_online),
    finished: n(row?.finished),
    finishedEarly: n(row?.finished_early),
    finishedOnTime: n(row?.finished_on_time),
    processingSeconds: n(row?.processing_seconds),
    finishedWithElectronicResult: n(row?.finished_electronic_result),
    rated: n(row?.rated),
    ratedDissatisfied: n(row?.rated_dissatisfied),
    ratingSum: n(row?.rating_sum),
    withdrawn: n(row?.withdrawn),
  };
}

const byKey = <T>(rows: CountRow[], read: (row: CountRow) => T) =>
  new Map(rows.map((row) => [row.key, read(row)]));

const toServiceCounts = (row: CountRow | undefined): ServiceCounts => ({
  published: n(row?.published),
  fullOnline: n(row?.full_online),
  withOnlineDossier: n(row?.with_online_dossier),
});

/**
 * The groups' service figures (by member or by field, all fields or one), from those kept for every
 * agency with its units.
 */
async function servicesOfGroups(
  db: Kysely<Database>,
  membership: Membership,
  period: { months: string[]; levelsAt: Date; over: boolean },
  { by, field }: { by: Grouping; field: string | undefined },
): Promise<Map<string, ServiceCounts>> {
  const [figures, { rows: roots }] = await Promise.all([
    subtreeServiceFigures(db, period.months, period.levelsAt, period.over),
    membership.lineage
      ? sql<{ id: string; key: string }>`
          select agency_id as id, key from ${lineageOf(membership.roots)} l`.execute(db)
      : sql<{ id: string; key: string }>`
          select id, id::text as key from agency where id in (${membership.roots})`.execute(db),
  ]);
  const groups = new Map<string, ServiceCounts>();
  const add = (key: string, counts: ServiceCounts | undefined) => {
    if (!counts) return;
    const sum = groups.get(key) ?? toServiceCounts(undefined);
    groups.set(key, {
      published: sum.published + counts.published,
      fullOnline: sum.fullOnline + counts.fullOnline,
      withOnlineDossier: sum.withOnlineDossier + counts.withOnlineDossier,
    });
  };
  for (const { id, key: rootKey } of roots) {
    const root = figures.get(id);
    if (!root) continue;
    const key = membership.oneGroup ?? rootKey;
    if (by === 'field')
      for (const [name, counts] of root.byField) {
        if (field === undefined || name === field) add(name, counts);
      }
    else add(key, field === undefined ? root.total : root.byField.get(field));
  }
  return groups;
}

/** How figures are grouped: by the members' keys, by the procedure's field, or by procedure. */
export type Grouping = 'member' | 'field' | 'procedure';

/**
 * The figures of each group over a period: rollups of its dossiers, its published services, and
 * (at this moment) its dossiers not yet settled. `by` groups by the procedure's field or the
 * procedure (its id) instead, within the members; `field` keeps only that field's procedures.
 */
export async function groupFigures(
  db: Kysely<Database>,
  membership: Membership,
  period: StatsPeriod,
  { by = 'member', field, now = new Date() }: { by?: Grouping; field?: string; now?: Date } = {},
): Promise<GroupFigures[]> {
  const perProcedure = by !== 'member' || field !== undefined;
  const key = by === 'field' ? sql`p.field` : by === 'procedure' ? sql`p.id::text` : sql`m.key`;
  // The procedure (for its field) is joined only when grouping or filtering by it.
  const procedureOf = (procedureId: RawBuilder<unknown>) =>
    perProcedure
      ? sql`join procedure p on p.id = ${procedureId}
          ${field === undefined ? sql`` : sql`and p.field = ${field}`}`
      : sql``;
  // Groups, whole or by field, read the grains kept per agency with its units, a row per group
  // (and field) (decision 0013); breakdowns by procedure, and single days, sum their agencies'
  // rows.
  const onlyField = field === undefined ? sql`` : sql`and sd.field = ${field}`;
  const ofGroups = (table: RawBuilder<unknown>) =>
    membership.lineage
      ? {
          from: sql`${table} sd join ${lineageOf(membership.roots)} l on l.agency_id = sd.agency_id`,
          key: by === 'field' ? sql`sd.field` : sql`l.key`,
          where: sql`true ${onlyField}`,
        }
      : {
          from: sql`${table} sd`,
          key: by === 'field' ? sql`sd.field` : rootKey(membership, sql`sd.agency_id`),
          where: sql`sd.agency_id in (${membership.roots}) ${onlyField}`,
        };
  const ofAgencies = (table: RawBuilder<unknown>) => ({
    from: sql`${table} sd join ${members(membership)} m on m.agency_id = sd.agency_id
      ${procedureOf(sql`sd.procedure_id`)}`,
    key,
    where: sql`true`,
  });
  // Periods of whole months (months, quarters, years, the year so far: every event is in the past,
  // so the current month's rows hold only days up to now) read the monthly grains; a day reads
  // the daily one (decision 0011).
  // Services as the catalog listed them at the period's end (or now, for a period not over), with
  // the level they showed then (decision 0012).
  const levelsAt = new Date(Math.min(now.getTime(), Date.parse(`${period.to}T00:00:00+07:00`) - 1));
  const monthly = period.kind !== 'day';
  const months = monthsBetween(period.from, period.to).map((m) => `${m}-01`);
  const rollup = !monthly
    ? { ...ofAgencies(sql`stats_day`), column: sql`day` }
    : by === 'procedure'
      ? { ...ofAgencies(sql`stats_month`), column: sql`month` }
      : perProcedure
        ? { ...ofGroups(sql`stats_subtree_field_month`), column: sql`month` }
        : { ...ofGroups(sql`stats_subtree_month`), column: sql`month` };
  // Open dossiers as the statistics job counted them last, a few seconds ago at most.
  const open = perProcedure ? ofAgencies(sql`stats_open`) : ofGroups(sql`stats_open_subtree`);
  const [countRows, serviceMap, openRows, feedbackMap] = await Promise.all([
    sql<CountRow>`
      select ${rollup.key} as key,
        sum(sd.submitted_online) as submitted_online,
        sum(sd.received) filter (where sd.channel = 'online') as received_online,
        sum(sd.received) filter (where sd.channel = 'counter') as received_counter,
        sum(sd.received) filter (where sd.channel = 'post') as received_post,
        sum(sd.received_with_fee) as received_with_fee,
        sum(sd.paid_online) as paid_online,
        sum(sd.finished) as finished,
        sum(sd.finished_early) as finished_early,
        sum(sd.finished_on_time) as finished_on_time,
        sum(sd.processing_seconds) as processing_seconds,
        sum(sd.finished_electronic_result) as finished_electronic_result,
        sum(sd.rated) as rated,
        sum(sd.rated_dissatisfied) as rated_dissatisfied,
        sum(sd.rating_sum) as rating_sum,
        sum(sd.withdrawn) as withdrawn
      from ${rollup.from}
      where ${rollup.where}
        and sd.${rollup.column} >= ${period.from}::date and sd.${rollup.column} < ${period.to}::date
      group by 1`.execute(db),
    monthly && by !== 'procedure'
      ? servicesOfGroups(db, membership, { months, levelsAt, over: levelsAt < now }, { by, field })
      : sql<CountRow>`
      with used as (${
        monthly
          ? sql`select agency_id, procedure_id from stats_service_online
              where months && ${months}::date[]`
          : sql`select distinct agency_id, procedure_id from stats_day
              where day >= ${period.from}::date and day < ${period.to}::date
                and submitted_online > 0`
      })
      select ${key} as key,
        count(*) as published,
        count(*) filter (where s.level = 'full') as full_online,
        count(used.agency_id) as with_online_dossier
      from service_level_history s
      join ${members(membership)} m on m.agency_id = s.agency_id
      ${procedureOf(sql`s.procedure_id`)}
      left join used on used.agency_id = s.agency_id and used.procedure_id = s.procedure_id
      where ${servicesListedAt(levelsAt < now ? levelsAt : null)}
      group by 1`
          .execute(db)
          .then(({ rows }) => byKey(rows, toServiceCounts)),
    sql<CountRow>`
      select ${open.key} as key, sum(sd.on_time) as on_time, sum(sd.overdue) as overdue
      from ${open.from}
      where ${open.where}
      group by 1`.execute(db),
    perProcedure
      ? undefined
      : feedbackCountsByGroup(db, members(membership), {
          from: new Date(`${period.from}T00:00:00+07:00`),
          to: new Date(`${period.to}T00:00:00+07:00`),
          now,
        }),
  ]);
  const countMap = byKey(countRows.rows, (row) => toCounts(row));
  const openMap = byKey(openRows.rows, (row) => ({
    onTime: n(row.on_time),
    overdue: n(row.overdue),
  }));
  const keys = new Set([
    ...countMap.keys(),
    ...serviceMap.keys(),
    ...openMap.keys(),
    ...(feedbackMap?.keys() ?? []),
  ]);
  return [...keys].map((k) => ({
    key: k,
    counts: countMap.get(k) ?? toCounts(undefined),
    services: serviceMap.get(k) ?? { published: 0, fullOnline: 0, withOnlineDossier: 0 },
    open: openMap.get(k) ?? { onTime: 0, overdue: 0 },
    feedback: feedbackMap && (feedbackMap.get(k) ?? EMPTY_FEEDBACK_COUNTS),
  }));
}

/**
 * Monthly rollup totals of the members, for trends (whole months from `from`, up to `to`); with a
 * field, of that field's procedures only.
 */
export async function monthlyCounts(
  db: Kysely<Database>,
  membership: Membership,
  from: string,
  to: string,
  field?: string,
) {
  const { rows } = await sql<{
    month: string;
    received: string;
    received_online: string;
    finished: string;
    finished_on_time: string;
  }>`
    select to_char(sd.month, 'YYYY-MM') as month,
      sum(sd.received) as received,
      sum(sd.received) filter (where sd.channel = 'online') as received_online,
      sum(sd.finished) as finished,
      sum(sd.finished_on_time) as finished_on_time
    from ${
      field === undefined
        ? sql`stats_subtree_month sd where sd.agency_id in (${rootIds(membership)})`
        : sql`stats_subtree_field_month sd
            where sd.agency_id in (${rootIds(membership)}) and sd.field = ${field}`
    }
      and sd.month >= ${from}::date and sd.month < ${to}::date
    group by 1 order by 1`.execute(db);
  return rows.map((row) => ({
    month: row.month,
    received: n(row.received),
    receivedOnline: n(row.received_online),
    finished: n(row.finished),
    finishedOnTime: n(row.finished_on_time),
  }));
}

/** The roots' ids, with the agencies they succeeded when the membership follows lineage. */
const rootIds = (membership: Membership) =>
  membership.lineage
    ? sql`select agency_id from ${lineageOf(membership.roots)} l`
    : membership.roots;

/** The agencies directly under one. */
export function childrenOf(parentId: string): RawBuilder<unknown> {
  return sql`select id from agency where parent_id = ${parentId}`;
}

export type DossierBehind = {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  agencyName: string;
  channel: string;
  status: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  /** When the counted event happened; for open dossiers, null. */
  countedAt: Date | null;
};

/**
 * The dossiers a figure counts, newest first: the counted events of the members' agencies in the
 * period (the acting agency, as the rollups count them) or, for open dossiers, those the members
 * hold now. Answers one page and the total, which equals the figure.
 */
export async function dossiersBehind(
  db: Kysely<Database>,
  membership: Membership,
  period: StatsPeriod,
  query: {
    measure: DrillMeasure;
    field?: string;
    procedureId?: string;
    limit: number;
    offset: number;
    now: Date;
  },
): Promise<{ total: number; dossiers: DossierBehind[] }> {
  const { measure, field, procedureId, limit, offset, now } = query;
  const filters = sql`${field === undefined ? sql`` : sql`and p.field = ${field}`}
    ${procedureId === undefined ? sql`` : sql`and p.id = ${procedureId}`}`;
  const columns = sql`d.id, d.code, p.national_code as "procedureCode", p.name as "procedureName",
    a.name as "agencyName", d.channel, d.status, d.received_at as "receivedAt",
    d.due_at as "dueAt", d.finished_at as "finishedAt"`;
  const { rows } = isCurrentMeasure(measure)
    ? await sql<DossierBehind & { total: string }>`
        select ${columns}, null as "countedAt", count(*) over () as total
        from dossier d
        join ${members(membership)} m on m.agency_id = d.holder_agency_id
        join agency a on a.id = d.holder_agency_id
        join service s on s.id = d.service_id
        join procedure p on p.id = s.procedure_id
        where ${OPEN_DOSSIER} and ${currentMeasure(measure, now)} ${filters}
        order by d.due_at, d.id
        limit ${limit} offset ${offset}`.execute(db)
    : await sql<DossierBehind & { total: string }>`
        select ${columns}, e.occurred_at as "countedAt", count(*) over () as total
        from dossier_event e
        join ${members(membership)} m on m.agency_id = e.agency_id
        join agency a on a.id = e.agency_id
        join dossier d on d.id = e.dossier_id
        join service s on s.id = d.service_id
        join procedure p on p.id = s.procedure_id
        where ${EVENT_MEASURES[measure]}
          and e.occurred_at >= ${vietnamMidnight(period.from)}
          and e.occurred_at < ${vietnamMidnight(period.to)}
          ${filters}
        order by e.occurred_at desc, e.id
        limit ${limit} offset ${offset}`.execute(db);
  const total = rows[0] ? Number(rows[0].total) : offset > 0 ? await countOnly() : 0;
  return { total, dossiers: rows.map(({ total: _, ...row }) => row) };

  async function countOnly() {
    const page = await dossiersBehind(db, membership, period, { ...query, limit: 1, offset: 0 });
    return page.total;
  }
}
