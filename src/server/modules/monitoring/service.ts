import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import {
  computeIndicators,
  EMPTY_COUNTS,
  isLaggard,
  RANKING_RATIO,
  type RankingIndicator,
} from '../../../domain/indicators.ts';
import {
  parsePeriod,
  type StatsPeriod,
  type StatsStructure,
} from '../../../domain/stats-period.ts';
import type { DrillMeasure } from '../../../domain/stats-drill.ts';
import type { Database } from '../../db/schema.ts';
import { allowedAt } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { monitoringErrors } from './errors.ts';
import { createPopularProcedures } from './popular.ts';
import {
  ALL_AGENCIES,
  childrenOf,
  dossiersBehind,
  groupFigures,
  inForce,
  monthlyCounts,
  rankedAgencies,
  subtrees,
  type GroupFigures,
} from './repository.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const indicatorsOf = (figures: GroupFigures | undefined) =>
  computeIndicators(
    figures?.counts ?? EMPTY_COUNTS,
    figures?.services ?? { published: 0, fullOnline: 0, withOnlineDossier: 0 },
    figures?.open ?? { onTime: 0, overdue: 0 },
    figures?.feedback,
  );

/** Twelve months ending with the period's last month, for trends. */
function trendWindow(period: StatsPeriod) {
  const end = new Date(`${period.to}T00:00:00Z`);
  end.setUTCDate(0);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
  return { from: start.toISOString().slice(0, 10), to: period.to };
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;

/** The indicators anyone may read: national, per ministry and province, per unit and field. */
export function createMonitoringService(db: Kysely<Database>) {
  const popular = createPopularProcedures(db);
  function period(key: string | undefined, now: Date) {
    const parsed = parsePeriod(key ?? 'live', now);
    if (!parsed) throw monitoringErrors.badPeriod();
    return parsed;
  }

  async function findAgency(codeOrId: string) {
    const agency = await db
      .selectFrom('agency')
      .select(['id', 'code', 'name', 'level'])
      .where(UUID.test(codeOrId) ? 'id' : 'code', '=', codeOrId)
      .executeTakeFirst();
    if (!agency) throw monitoringErrors.agencyNotFound();
    return agency;
  }

  /** Each procedure's figures with the procedure's code and name. */
  async function withProcedures(figures: Promise<GroupFigures[]>) {
    const groups = await figures;
    if (groups.length === 0) return [];
    const procedures = await db
      .selectFrom('procedure')
      .select(['id', 'national_code', 'name'])
      .where(
        'id',
        'in',
        groups.map((g) => g.key),
      )
      .execute();
    const byId = new Map(procedures.map((p) => [p.id, p]));
    return groups.flatMap((g) => {
      const procedure = byId.get(g.key);
      return procedure
        ? [
            {
              procedure: { id: procedure.id, code: procedure.national_code, name: procedure.name },
              figures: g,
            },
          ]
        : [];
    });
  }

  const agencyRef = (agency: { id: string; code: string | null; name: string; level: string }) => ({
    id: agency.id,
    code: agency.code,
    name: agency.name,
    level: agency.level,
  });

  return {
    /** The procedures people use most, among those offered now: the home page leads with them. */
    popularProcedures: () => popular.list(),

    /** Ministries and provinces ranked by one indicator, best first; the national figures above. */
    async ranking(
      query: {
        period?: string;
        indicator?: RankingIndicator;
        level?: 'ministry' | 'province';
        structure?: StatsStructure;
      },
      now = new Date(),
    ) {
      const p = period(query.period, now);
      const indicator = query.indicator ?? 'fullOnlineShare';
      const structure = query.structure ?? 'then';
      const ranked = rankedAgencies(p, query.level ? [query.level] : undefined, structure);
      const [groups, [national], { rows: agencies }] = await Promise.all([
        groupFigures(db, subtrees(ranked, structure === 'now'), p, { now }),
        groupFigures(db, ALL_AGENCIES, p, { now }),
        sql<{ id: string; code: string | null; name: string; level: string }>`
          select id, code, name, level from agency where id in (${ranked})`.execute(db),
      ]);
      const figures = new Map(groups.map((g) => [g.key, g]));
      const ratioOf = RANKING_RATIO[indicator];
      const rows = agencies
        .map((agency) => {
          const indicators = indicatorsOf(figures.get(agency.id));
          return {
            ...agencyRef(agency),
            laggard: isLaggard(indicators.services.fullOnlineShare),
            indicators,
          };
        })
        .sort(
          (a, b) =>
            (ratioOf(b.indicators).percent ?? -1) - (ratioOf(a.indicators).percent ?? -1) ||
            a.name.localeCompare(b.name, 'vi'),
        );
      return {
        period: p,
        structure,
        indicator,
        national: indicatorsOf(national),
        agencies: rows.map((row, index) => ({ ...row, rank: index + 1 })),
      };
    },

    /**
     * One agency with its units below it, its figures by field, and a year of months; with a
     * field, that field's figures in each part and its procedures one by one.
     */
    async agency(
      codeOrId: string,
      query: { period?: string; field?: string; structure?: StatsStructure },
      now = new Date(),
    ) {
      const p = period(query.period, now);
      const agency = await findAgency(codeOrId);
      const { field } = query;
      const structure = query.structure ?? 'then';
      const lineage = structure === 'now';
      const self = subtrees(sql`${agency.id}::uuid`, lineage);
      const window = trendWindow(p);
      const [[own], units, fields, procedures, trend, children] = await Promise.all([
        groupFigures(db, self, p, { now, field }),
        groupFigures(db, subtrees(childrenOf(agency.id), lineage), p, { now, field }),
        groupFigures(db, self, p, { now, by: 'field', field }),
        field === undefined
          ? []
          : withProcedures(groupFigures(db, self, p, { now, by: 'procedure', field })),
        monthlyCounts(db, self, window.from, window.to, field),
        db
          .selectFrom('agency')
          .select(['id', 'code', 'name', 'level'])
          .where('parent_id', '=', agency.id)
          .where(inForce(p, structure))
          .orderBy('name')
          .execute(),
      ]);
      const unitFigures = new Map(units.map((u) => [u.key, u]));
      return {
        period: p,
        structure,
        agency: agencyRef(agency),
        indicators: indicatorsOf(own),
        units: children.map((child) => ({
          ...agencyRef(child),
          indicators: indicatorsOf(unitFigures.get(child.id)),
        })),
        field: field ?? null,
        fields: fields
          .map((f) => ({ field: f.key, indicators: indicatorsOf(f) }))
          .sort((a, b) => a.field.localeCompare(b.field, 'vi')),
        procedures: procedures
          .map(({ procedure, figures }) => ({ ...procedure, indicators: indicatorsOf(figures) }))
          .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
        trend,
      };
    },

    /**
     * The dossiers behind one figure of an agency (its units included), a page at a time, for
     * those who answer for the agency's figures: its leaders and administrators, and the national
     * office. The list names dossiers, procedures and dates, never the applicants.
     */
    async dossiersBehind(
      actor: Actor,
      codeOrId: string,
      query: {
        period?: string;
        measure: DrillMeasure;
        field?: string;
        procedure?: string;
        page?: number;
        pageSize?: number;
      },
      now = new Date(),
    ) {
      const p = period(query.period, now);
      const agency = await findAgency(codeOrId);
      if (!allowedAt(actor.roles, 'stats.drill', agency.id)) throw monitoringErrors.forbidden();
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const { total, dossiers } = await dossiersBehind(db, subtrees(sql`${agency.id}::uuid`), p, {
        measure: query.measure,
        field: query.field,
        procedureId: query.procedure,
        limit: pageSize,
        offset: (page - 1) * pageSize,
        now,
      });
      return {
        period: p,
        agency: agencyRef(agency),
        measure: query.measure,
        field: query.field ?? null,
        procedure: query.procedure ?? null,
        total,
        page,
        pageSize,
        dossiers: dossiers.map((d) => ({
          ...d,
          receivedAt: iso(d.receivedAt),
          dueAt: iso(d.dueAt),
          finishedAt: iso(d.finishedAt),
          countedAt: iso(d.countedAt),
        })),
      };
    },
  };
}
