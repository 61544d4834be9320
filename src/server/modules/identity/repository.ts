import { sql, type Kysely } from 'kysely';
import { compiledOnce } from '../../db/compiled-once.ts';
import type { Database, OfficerRole, SignInMethod } from '../../db/schema.ts';
import { rowsInOrderOf } from '../../platform/batching.ts';

export function findAccount(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('account')
    .select([
      'id',
      'kind',
      'full_name',
      'citizen_id',
      'birth_date',
      'sex',
      'email',
      'phone',
      'address',
      'tax_code',
    ])
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
    .select([
      'officer_role.agency_id',
      'officer_role.role',
      'officer_role.include_sub_agencies',
      'agency.name as agency_name',
    ])
    .where('officer_role.account_id', '=', accountId)
    .orderBy('agency.name')
    .execute();
}

export async function insertSession(
  db: Kysely<Database>,
  session: {
    id: string;
    accountId: string;
    csrfToken: string;
    expiresAt: Date;
    method: SignInMethod;
    ip: string;
    userAgent: string | null;
    idToken: string | null;
  },
) {
  await db
    .insertInto('session')
    .values({
      id: session.id,
      account_id: session.accountId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
      method: session.method,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
      id_token: session.idToken,
    })
    .execute();
}

export function listLiveSessions(
  db: Kysely<Database>,
  accountId: string,
  idleSince: Date,
  now: Date,
) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'method', 'ip', 'user_agent'])
    .where('account_id', '=', accountId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Ends one of the account's sessions; `hidden`: the session is someone else's, and stays. */
export async function deleteSessionOf(
  db: Kysely<Database>,
  accountId: string,
  sessionId: string,
): Promise<'revoked' | 'hidden' | 'none'> {
  const result = await sql<{ owner: string | null; deleted: boolean }>`
    with deleted as (
      delete from session where id = ${sessionId} and account_id = ${accountId} returning id
    )
    select (select account_id from session where id = ${sessionId}) as owner,
           exists (select 1 from deleted) as deleted`.execute(db);
  const row = result.rows[0];
  if (row?.deleted) return 'revoked';
  return row?.owner ? 'hidden' : 'none';
}

export async function deleteSessionsOf(db: Kysely<Database>, accountId: string) {
  const result = await db
    .deleteFrom('session')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Live sessions by id, in the order of the ids (undefined for none): each with its account and,
 * for an officer, the account's roles with grants extended to sub-agencies resolved over the
 * agency tree. Run for every signed-in request, the requests arriving together sharing the
 * statement: a citizen's is a select by key (the roles' recursive query cost more to plan than
 * the rest to run; decision 0023).
 */
export async function findLiveSessions(
  db: Kysely<Database>,
  sessionIds: readonly string[],
  idleSince: Date,
  now: Date,
) {
  const sessions = await Promise.all(
    (await liveSessions(db, sessionIds, idleSince, now)).map(async (live) => ({
      ...live,
      roles: live.kind === 'officer' ? await grantsOf(db, live.account_id) : [],
    })),
  );
  return rowsInOrderOf(sessionIds, sessions, (session) => session.id);
}

// Every signed-in request reads its session: compiled once (decision 0023).
const liveSessions = compiledOnce((db, sessionIds: readonly string[], idleSince: Date, now: Date) =>
  db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.id',
      'session.csrf_token',
      'session.last_seen_at',
      'account.id as account_id',
      'account.kind',
      'account.full_name',
      'account.citizen_id',
    ])
    .where('session.id', '=', sql<string>`any(${sessionIds}::text[])`)
    .where('session.expires_at', '>', now)
    .where('session.last_seen_at', '>', idleSince)
    .where('account.disabled_at', 'is', null),
);

/** An officer's roles, each grant that extends to sub-agencies repeated for every unit under it. */
async function grantsOf(db: Kysely<Database>, accountId: string) {
  const result = await sql<{ agency_id: string; role: OfficerRole }>`
    with recursive reach (agency_id, role, extends) as (
      select agency_id, role, include_sub_agencies
      from officer_role where account_id = ${accountId}
      union
      select child.id, parent.role, true
      from reach parent
      join agency child on child.parent_id = parent.agency_id
      where parent.extends
    )
    select distinct agency_id, role from reach`.execute(db);
  return result.rows;
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

export async function sessionIdToken(db: Kysely<Database>, sessionId: string) {
  const row = await db
    .selectFrom('session')
    .select('id_token')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row?.id_token ?? null;
}

export async function updateContact(
  db: Kysely<Database>,
  accountId: string,
  contact: { phone: string | null; email: string | null; address: string | null },
) {
  await db.updateTable('account').set(contact).where('id', '=', accountId).execute();
}
