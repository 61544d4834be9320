import { sql, type Kysely } from 'kysely';

/**
 * The registry holds every ministry and province with its history, but official QCVN 102 codes are
 * known only for some: an agency may be recorded without a code, and cannot publish services until
 * it has one (its dossiers' codes are built from it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agency alter column code drop not null`.execute(db);
  await sql`create index agency_current_idx on agency (parent_id) where valid_to is null`.execute(
    db,
  );
}
