import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Open dossiers due before `dueBefore` whose current warning level is below the one they have reached. */
export function listDeadlinesToWarn(db: Db, now: Date, dueBefore: Date, limit: number) {
  return (
    db
      .selectFrom('dossier')
      .leftJoin('account as assignee', 'assignee.id', 'dossier.assignee_id')
      .select([
        'dossier.id',
        'dossier.code',
        'dossier.holder_agency_id',
        'dossier.assignee_id',
        'assignee.email as assignee_email',
        'dossier.due_at',
        'dossier.deadline_warning',
      ])
      .where('dossier.finished_at', 'is', null)
      .where('dossier.due_at', 'is not', null)
      .where('dossier.due_at', '<=', dueBefore)
      .where('dossier.status', 'in', ['received', 'processing', 'paused', 'transferred'])
      // A stopped clock (waiting for the applicant's fee) moves the appointment when it restarts.
      .where('dossier.clock_stopped_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('dossier.deadline_warning', 'is', null),
          eb.and([eb('dossier.deadline_warning', '=', 'due_soon'), eb('dossier.due_at', '<', now)]),
        ]),
      )
      .orderBy('dossier.due_at')
      .limit(limit)
      .execute()
  );
}

/** Records the warning unless another worker already did (the level is compared and set at once). */
export async function markWarned(
  db: Transaction<Database>,
  dossierId: string,
  from: 'due_soon' | 'overdue' | null,
  to: 'due_soon' | 'overdue',
) {
  const result = await db
    .updateTable('dossier')
    .set({ deadline_warning: to })
    .where('id', '=', dossierId)
    .where(sql<boolean>`deadline_warning is not distinct from ${from}`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
