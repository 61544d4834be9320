import { sql, type Kysely } from 'kysely';

/**
 * The national portal's figures come from what members sent (issue 20): each change is counted
 * at the agency where it happened, as an agency system counts it, so each change keeps its
 * agency's code (and a rating its value). A member joining with a history sends it first, as messages for the portal
 * alone (`destination`): webhook subscribers have had those changes already, or never asked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table outbox_message add column destination text`.execute(db);
  await sql`alter table member_dossier_event add column agency_code text,
    add column rating smallint check (rating between 1 and 5)`.execute(db);
  await sql`update member_dossier_event e set agency_code = d.agency_code
    from member_dossier d where d.code = e.code`.execute(db);
  await sql`alter table member_dossier_event alter column agency_code set not null`.execute(db);
  await sql`create index member_dossier_event_period on member_dossier_event (occurred_at, agency_code)`.execute(
    db,
  );
}
