import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type CounterApplicant = {
  fullName: string;
  citizenId: string;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
};

/**
 * The citizen account of a counter or postal applicant, by CCCD; created without credentials when
 * new (they sign in later through VNeID, which finds it by the same CCCD). Identity owns accounts:
 * the dossiers module registers applicants through here.
 */
export async function findOrCreateApplicant(
  db: Kysely<Database> | Transaction<Database>,
  applicant: CounterApplicant,
) {
  const existing = await db
    .selectFrom('account')
    .select(['id', 'full_name', 'citizen_id'])
    .where('kind', '=', 'citizen')
    .where('citizen_id', '=', applicant.citizenId)
    .executeTakeFirst();
  if (existing)
    return { id: existing.id, name: existing.full_name, citizenId: existing.citizen_id };
  const created = await db
    .insertInto('account')
    .values({
      kind: 'citizen',
      full_name: applicant.fullName,
      citizen_id: applicant.citizenId,
      phone: applicant.phone ?? null,
      email: applicant.email ?? null,
      address: applicant.address ?? null,
    })
    .returning(['id', 'full_name', 'citizen_id'])
    .executeTakeFirstOrThrow();
  return { id: created.id, name: created.full_name, citizenId: created.citizen_id };
}

/** The CCCD a citizen's account was verified with (VNeID), or null. */
export async function citizenIdOfAccount(
  db: Kysely<Database> | Transaction<Database>,
  accountId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('account')
    .select('citizen_id')
    .where('id', '=', accountId)
    .where('kind', '=', 'citizen')
    .executeTakeFirst();
  return row?.citizen_id ?? null;
}

/** The citizen account holding this CCCD, if any. */
export async function citizenAccountId(
  db: Kysely<Database> | Transaction<Database>,
  citizenId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('account')
    .select('id')
    .where('kind', '=', 'citizen')
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
  return row?.id;
}
