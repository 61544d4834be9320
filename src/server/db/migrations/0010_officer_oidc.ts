import { sql, type Kysely } from 'kysely';

/**
 * Officers may sign in through the identity provider: the sign-in remembers whether it was started
 * for the back office, and a CCCD (the identity provider's key) belongs to one account of each kind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table oidc_login add column intent text not null default 'citizen' check (intent in ('citizen', 'officer'))`.execute(
    db,
  );
  // A person may hold a citizen account and an officer account: the CCCD is unique per kind.
  await sql`alter table account drop constraint account_citizen_id_key`.execute(db);
  for (const kind of ['citizen', 'officer'])
    await sql`create unique index ${sql.id(`account_${kind}_citizen_id`)} on account (citizen_id) where kind = ${sql.lit(kind)} and citizen_id is not null`.execute(
      db,
    );
}
