import { sql, type Kysely } from 'kysely';

/**
 * The live "still open" figures count every open dossier of the agencies asked for: nationally,
 * hundreds of thousands spread over the whole table. The index now holds what those counts read
 * (appointment, stopped clock, service), so they come from the index alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index dossier_open_by_holder`.execute(db);
  await sql`create index dossier_open_by_holder on dossier (holder_agency_id, due_at)
    include (clock_stopped_at, service_id)
    where received_at is not null and finished_at is null and status <> 'withdrawn'`.execute(db);
}
