import type { Kysely, Transaction } from 'kysely';
import type { OfficerRole } from '../../../domain/access.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The enabled officers holding one of `roles` at one of the agencies, with where they hold it and
 * where to mail them: whom other modules notify (reminders, deadline warnings). Identity owns
 * accounts and roles; others ask here.
 */
export async function officersHolding(
  db: Db,
  agencyIds: readonly string[],
  roles: readonly OfficerRole[],
): Promise<{ agencyId: string; accountId: string; fullName: string; email: string | null }[]> {
  if (agencyIds.length === 0 || roles.length === 0) return [];
  const rows = await db
    .selectFrom('officer_role')
    .innerJoin('account', 'account.id', 'officer_role.account_id')
    .select(['officer_role.agency_id', 'account.id', 'account.full_name', 'account.email'])
    .distinct()
    .where('officer_role.agency_id', 'in', agencyIds)
    .where('officer_role.role', 'in', roles)
    .where('account.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    accountId: r.id,
    fullName: r.full_name,
    email: r.email,
  }));
}

/** Whether an enabled officer holds the role at the agency (directly). */
export async function officerHoldsRole(
  db: Db,
  accountId: string,
  agencyId: string,
  role: OfficerRole,
): Promise<boolean> {
  const row = await db
    .selectFrom('officer_role')
    .innerJoin('account', 'account.id', 'officer_role.account_id')
    .select('officer_role.account_id')
    .where('officer_role.account_id', '=', accountId)
    .where('officer_role.agency_id', '=', agencyId)
    .where('officer_role.role', '=', role)
    .where('account.disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** How to reach a person: their name, mobile and mail address as their account holds them. */
export function contactOfAccount(db: Db, accountId: string) {
  return db
    .selectFrom('account')
    .select(['full_name as fullName', 'phone', 'email'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}
