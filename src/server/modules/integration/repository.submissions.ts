import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PortalApplication } from '../dossiers/index.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Keeps an application at the national portal (the dossiers module ties its files to it). */
export async function insertSubmission(
  tx: Transaction<Database>,
  application: PortalApplication & { citizenId: string },
) {
  const { actor } = application;
  const { service } = application;
  const row = await tx
    .insertInto('hub_submission')
    .values({
      account_id: actor.accountId,
      citizen_id: application.citizenId,
      applicant_name: actor.fullName,
      service_id: service.id,
      agency_code: service.agency.code,
      agency_name: service.agency.name,
      procedure_code: service.procedureCode,
      procedure_name: service.procedureName,
      version: service.version,
      form_data: JSON.stringify(application.formData),
      fee_choice: application.feeChoice ? JSON.stringify(application.feeChoice) : null,
      documents: JSON.stringify(application.documents),
      return_at_code: application.returnAtCode,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Takes up to `limit` submissions due for delivery, for this deliverer alone for `leaseSeconds`
 * (another node skips them; one that dies leaves them to be taken again when the lease ends).
 */
export function claimDue(db: Db, limit: number, leaseSeconds: number) {
  return db
    .updateTable('hub_submission')
    .set((eb) => ({
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${leaseSeconds})`,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('hub_submission')
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** The member has the dossier: the portal keeps its code and lets go of the answers. */
export async function markDelivered(tx: Transaction<Database>, id: string, memberCode: string) {
  await tx
    .updateTable('hub_submission')
    .set({
      state: 'delivered',
      member_code: memberCode,
      delivered_at: new Date(),
      last_error: null,
      form_data: '{}',
    })
    .where('id', '=', id)
    .execute();
}

export async function markRefused(db: Db, id: string, reason: string) {
  await db
    .updateTable('hub_submission')
    .set({ state: 'refused', last_error: reason.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: string, error: string, retryAt: Date) {
  await db
    .updateTable('hub_submission')
    .set({ last_error: error.slice(0, 500), next_attempt_at: retryAt })
    .where('id', '=', id)
    .execute();
}

/** A citizen's submissions, newest first (the last 200). */
export function submissionsOf(db: Db, accountId: string) {
  return db
    .selectFrom('hub_submission')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

export function submissionById(db: Db, id: string) {
  return db.selectFrom('hub_submission').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What waits to be delivered, agency by agency: how many, since when, the last failure. */
export function waitingByAgency(db: Db) {
  return db
    .selectFrom('hub_submission')
    .select((eb) => [
      'agency_code',
      eb.fn.countAll<string>().as('waiting'),
      eb.fn.min('created_at').as('oldest'),
      eb.fn.max('last_error').as('last_error'),
    ])
    .where('state', '=', 'pending')
    .groupBy('agency_code')
    .execute();
}

/** Makes the waiting submissions for these agencies due now (an administrator's retry). */
export async function dueNow(db: Db, agencyCodes: string[]) {
  if (agencyCodes.length === 0) return 0;
  const result = await db
    .updateTable('hub_submission')
    .set({ next_attempt_at: new Date() })
    .where('state', '=', 'pending')
    .where('agency_code', 'in', agencyCodes)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
