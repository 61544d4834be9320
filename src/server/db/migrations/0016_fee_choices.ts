import { sql, type Kysely } from 'kysely';

/**
 * Fees that depend on the applicant: the choice made at submission (option, quantity, exemption)
 * is kept with the dossier, and a fee the officer asks for during processing pauses it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table dossier add column fee_choice jsonb`.execute(db);
  await sql`alter table dossier drop constraint dossier_pause_reason_check`.execute(db);
  await sql`alter table dossier add constraint dossier_pause_reason_check
    check (pause_reason in ('opinion', 'fee'))`.execute(db);
}
