import { sql, type Kysely } from 'kysely';
import {
  addCounts,
  computeIndicators,
  EMPTY_COUNTS,
  type DossierCounts,
} from '../../../domain/indicators.ts';
import { parsePeriod } from '../../../domain/stats-period.ts';
import type { Database } from '../../db/schema.ts';
import {
  EVENT_MEASURES,
  sharedCounters,
  toCounts,
  vietnamMidnight,
  type CountRow,
} from '../monitoring/index.ts';
import { integrationErrors } from './errors.ts';

/** An agency's counters (`key`: its code), with its name and the system that reported it. */
type Row = CountRow & { agency_name: string | null; member: string };

/**
 * The national portal's figures, from what members sent (issue 20): each change counted at the
 * agency where it happened, with the measures an agency system counts by (monitoring's
 * `EVENT_MEASURES`), so the two agree. What members do not send (fees owed, open dossiers at a
 * given instant) is not counted here.
 */
export function createNationalFigures(db: Kysely<Database>) {
  return {
    async byAgency(periodKey: string) {
      const period = parsePeriod(periodKey);
      if (!period) throw integrationErrors.badPeriod();
      const m = EVENT_MEASURES;
      const { rows } = await sql<Row>`
        select e.agency_code as key, max(a.name) as agency_name, max(ms.name) as member,
          count(*) filter (where ${m.submittedOnline}) as submitted_online,
          count(*) filter (where ${m.receivedOnline}) as received_online,
          count(*) filter (where ${m.receivedCounter}) as received_counter,
          count(*) filter (where ${m.receivedPost}) as received_post,
          ${sharedCounters(sql`e.rating`, sql`d.result_signed_at is not null`)}
        from member_dossier_event e
        join member_dossier d on d.code = e.code
        join member_system ms on ms.id = e.member_id
        left join agency a on a.code = e.agency_code
        where e.occurred_at >= ${vietnamMidnight(period.from)}
          and e.occurred_at < ${vietnamMidnight(period.to)}
        group by e.agency_code
        order by e.agency_code`.execute(db);
      const indicators = (counts: DossierCounts) => {
        const { dossiers, satisfaction } = computeIndicators(
          counts,
          { published: 0, fullOnline: 0, withOnlineDossier: 0 },
          { onTime: 0, overdue: 0 },
        );
        const { open: _open, onlinePaymentRate: _fees, ...figures } = dossiers;
        return { figures, satisfaction };
      };
      const agencies = rows.map((row) => ({
        agencyCode: row.key,
        agencyName: row.agency_name,
        member: row.member,
        counts: toCounts(row),
      }));
      const total = agencies.reduce((sum, agency) => addCounts(sum, agency.counts), EMPTY_COUNTS);
      const national = indicators(total);
      return {
        period,
        national: national.figures,
        nationalSatisfaction: national.satisfaction,
        agencies: agencies.map(({ counts, ...agency }) => ({ ...agency, ...indicators(counts) })),
      };
    },
  };
}
