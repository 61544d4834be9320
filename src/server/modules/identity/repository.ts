import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export function findAccount(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('account')
    .select(['id', 'kind', 'full_name', 'citizen_id', 'birth_date', 'email', 'phone', 'address'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

export function listAccounts(db: Kysely<Database>) {
  return db
    .selectFrom('account')
    .select(['id', 'kind', 'full_name'])
    .orderBy('kind')
    .orderBy('full_name')
    .execute();
}

export function rolesOf(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('officer_role')
    .innerJoin('agency', 'agency.id', 'officer_role.agency_id')
    .select(['officer_role.agency_id', 'officer_role.role', 'agency.name as agency_name'])
    .where('officer_role.account_id', '=', accountId)
    .orderBy('agency.name')
    .execute();
}

export async function insertSession(
  db: Kysely<Database>,
  session: { id: string; accountId: string; csrfToken: string; expiresAt: Date },
) {
  await db
    .insertInto('session')
    .values({
      id: session.id,
      account_id: session.accountId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute();
}

export function findLiveSession(
  db: Kysely<Database>,
  sessionId: string,
  idleSince: Date,
  now: Date,
) {
  return db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.id',
      'session.csrf_token',
      'session.last_seen_at',
      'account.id as account_id',
      'account.kind',
      'account.full_name',
    ])
    .where('session.id', '=', sessionId)
    .where('session.expires_at', '>', now)
    .where('session.last_seen_at', '>', idleSince)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, sessionId: string, now: Date) {
  await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string) {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, idleSince: Date, now: Date) {
  const result = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
