import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, OfficerRole } from '../../db/schema.ts';

type Db = Kysely<Database>;

export const findOfficer = (db: Db, id: string) =>
  db
    .selectFrom('account')
    .select(['id', 'full_name', 'username'])
    .where('id', '=', id)
    .where('kind', '=', 'officer')
    .executeTakeFirst();

export const rolesOfOfficer = (db: Db, accountId: string) =>
  db
    .selectFrom('officer_role')
    .select(['agency_id', 'role'])
    .where('account_id', '=', accountId)
    .execute();

/** Officers holding a role in one of `agencyIds` (or every officer), with all their roles. */
export function listOfficers(db: Db, agencyIds: string[] | 'all') {
  let query = db
    .selectFrom('account')
    .select((eb) => [
      'account.id',
      'account.full_name',
      'account.username',
      'account.email',
      'account.disabled_at',
      'account.locked_until',
      'account.totp_enabled_at',
      jsonArrayFrom(
        eb
          .selectFrom('officer_role')
          .innerJoin('agency', 'agency.id', 'officer_role.agency_id')
          .select([
            'officer_role.agency_id',
            'officer_role.role',
            'officer_role.include_sub_agencies',
            'agency.name as agency_name',
          ])
          .whereRef('officer_role.account_id', '=', 'account.id')
          .orderBy('agency.name'),
      ).as('roles'),
    ])
    .where('account.kind', '=', 'officer')
    .orderBy('account.full_name');
  if (agencyIds !== 'all') {
    if (agencyIds.length === 0) return Promise.resolve([]);
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('officer_role')
          .select(sql`1`.as('one'))
          .whereRef('officer_role.account_id', '=', 'account.id')
          .where('officer_role.agency_id', 'in', agencyIds),
      ),
    );
  }
  return query.execute();
}

/** Undefined when the username is taken. */
export const insertOfficer = (
  db: Db,
  officer: {
    fullName: string;
    username: string;
    email: string | null;
    citizenId: string | null;
    passwordHash: string;
  },
) =>
  db
    .insertInto('account')
    .values({
      kind: 'officer',
      full_name: officer.fullName,
      username: officer.username,
      email: officer.email,
      citizen_id: officer.citizenId,
      password_hash: officer.passwordHash,
      must_change_password: true,
      password_changed_at: new Date(),
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();

export async function grantRole(
  db: Db,
  grant: {
    accountId: string;
    agencyId: string;
    role: OfficerRole;
    includeSubAgencies: boolean;
    grantedBy: string;
  },
) {
  const row = {
    include_sub_agencies: grant.includeSubAgencies,
    granted_by: grant.grantedBy,
    granted_at: new Date(),
  };
  await db
    .insertInto('officer_role')
    .values({ account_id: grant.accountId, agency_id: grant.agencyId, role: grant.role, ...row })
    .onConflict((oc) => oc.columns(['account_id', 'agency_id', 'role']).doUpdateSet(row))
    .execute();
}

export async function revokeRole(db: Db, accountId: string, agencyId: string, role: OfficerRole) {
  const result = await db
    .deleteFrom('officer_role')
    .where('account_id', '=', accountId)
    .where('agency_id', '=', agencyId)
    .where('role', '=', role)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function resetCredentials(
  db: Db,
  accountId: string,
  passwordHash: string,
  resetTotp: boolean,
) {
  await db
    .updateTable('account')
    .set({
      password_hash: passwordHash,
      must_change_password: true,
      password_changed_at: new Date(),
      failed_sign_ins: 0,
      locked_until: null,
      ...(resetTotp ? { totp_secret: null, totp_enabled_at: null, totp_last_step: null } : {}),
    })
    .where('id', '=', accountId)
    .execute();
  await db.deleteFrom('session').where('account_id', '=', accountId).execute();
  await db.deleteFrom('sign_in_attempt').where('account_id', '=', accountId).execute();
}

export const officerWithCitizenId = (db: Db, citizenId: string) =>
  db
    .selectFrom('account')
    .select('id')
    .where('kind', '=', 'officer')
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
