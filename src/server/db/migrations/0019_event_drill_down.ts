import { sql, type Kysely } from 'kysely';

/**
 * The drill-down lists an agency's counted events over a period: without this index it would read
 * every event in the country.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index dossier_event_agency_time on dossier_event (agency_id, occurred_at)`.execute(
    db,
  );
}
