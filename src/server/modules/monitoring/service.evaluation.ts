import type { Kysely, Transaction } from 'kysely';
import { allowedEverywhere } from '../../../domain/access.ts';
import {
  pointsOverGroup,
  scoreIndicators,
  scoreShare,
  type EvaluationIndicator,
} from '../../../domain/evaluation-766.ts';
import type { StatsStructure } from '../../../domain/stats-period.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { monitoringErrors } from './errors.ts';
import type { MonitoringService } from './service.ts';

export type EvaluationService = ReturnType<typeof createEvaluationService>;

/**
 * The Decision 766 index (decision 0021): the indicators as the national office set them, and
 * each ministry's or province's score over a period, from the same figures as the ranking.
 */
export function createEvaluationService(db: Kysely<Database>, monitoring: MonitoringService) {
  async function indicators(
    from: Kysely<Database> | Transaction<Database> = db,
    lock = false,
  ): Promise<EvaluationIndicator[]> {
    const query = from.selectFrom('evaluation_indicator').selectAll().orderBy('position');
    // a change locks them all: two changes in one group cannot together pass its total
    const rows = await (lock ? query.forUpdate() : query).execute();
    return rows.map((row) => ({
      code: row.code,
      group: row.group_key,
      name: row.name,
      formula: row.formula,
      measure: row.measure,
      points: Number(row.points),
      formulaOfficial: row.formula_official,
    }));
  }

  return {
    indicators,

    async evaluation(query: {
      period?: string;
      level?: 'ministry' | 'province';
      structure?: StatsStructure;
    }) {
      const [list, ranking] = await Promise.all([indicators(), monitoring.ranking(query)]);
      const agencies = ranking.agencies
        .map(({ id, code, name, level, indicators: figures }) => {
          const score = scoreIndicators(list, figures);
          return { id, code, name, level, share: scoreShare(score), ...score };
        })
        .sort(
          (a, b) =>
            (b.share.percent ?? -1) - (a.share.percent ?? -1) || a.name.localeCompare(b.name, 'vi'),
        );
      return {
        period: ranking.period,
        structure: ranking.structure,
        indicators: list,
        national: scoreIndicators(list, ranking.national),
        agencies: agencies.map((agency, index) => ({ ...agency, rank: index + 1 })),
      };
    },

    async setIndicator(
      actor: Actor,
      code: string,
      change: { points: number; name?: string; formula?: string },
    ) {
      if (!allowedEverywhere(actor.roles, 'evaluation.manage'))
        throw monitoringErrors.evaluationForbidden();
      return db.transaction().execute(async (tx) => {
        const list = await indicators(tx, true);
        const before = list.find((i) => i.code === code);
        if (!before) throw monitoringErrors.indicatorNotFound();
        const over = pointsOverGroup(list, code, change.points);
        if (over > 0)
          throw monitoringErrors.pointsOverGroup(
            `Vượt ${String(over).replace('.', ',')} điểm: giảm điểm của chỉ tiêu khác trong nhóm trước.`,
          );
        await tx
          .updateTable('evaluation_indicator')
          .set({
            points: change.points,
            ...(change.name ? { name: change.name } : {}),
            ...(change.formula ? { formula: change.formula } : {}),
            updated_at: new Date(),
            updated_by: actor.accountId,
          })
          .where('code', '=', code)
          .execute();
        await appendAudit(tx, {
          actor,
          action: 'evaluation.indicator_changed',
          subject: { type: 'evaluation_indicator', id: code },
          details: {
            points: { from: before.points, to: change.points },
            ...(change.name ? { name: { from: before.name, to: change.name } } : {}),
            ...(change.formula ? { formula: { from: before.formula, to: change.formula } } : {}),
          },
        });
        return { ...before, ...change };
      });
    },
  };
}
