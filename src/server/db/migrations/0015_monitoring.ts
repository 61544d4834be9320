import { sql, type Kysely } from 'kysely';

/**
 * Monitoring: daily rollups of dossier events per agency, procedure and channel, maintained by a
 * job from a queue of events to count. The queue is filled by a trigger in the transaction that
 * writes the event, and emptied in the statement that adds the event to the rollups, so an event
 * is counted once: a failed or repeated job leaves the queue and the rollups as they were.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stats_day (
      day date not null,
      agency_id uuid not null references agency (id),
      procedure_id uuid not null references procedure (id),
      channel text not null check (channel in ('online', 'counter', 'post')),
      submitted_online integer not null default 0,
      received integer not null default 0,
      received_with_fee integer not null default 0,
      paid_online integer not null default 0,
      finished integer not null default 0,
      finished_early integer not null default 0,
      finished_on_time integer not null default 0,
      processing_seconds bigint not null default 0,
      finished_electronic_result integer not null default 0,
      rated integer not null default 0,
      rated_dissatisfied integer not null default 0,
      rating_sum integer not null default 0,
      withdrawn integer not null default 0,
      primary key (day, agency_id, procedure_id, channel)
    )`.execute(db);
  await sql`create index stats_day_agency on stats_day (agency_id, day)`.execute(db);

  await sql`create table stats_pending (event_id bigint primary key)`.execute(db);
  await sql`
    create function stats_enqueue_event() returns trigger language plpgsql as $$
    begin
      insert into stats_pending (event_id) values (new.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger dossier_event_to_stats after insert on dossier_event
    for each row execute function stats_enqueue_event()`.execute(db);
  // Events written before monitoring existed are counted by the first run of the job.
  await sql`insert into stats_pending (event_id) select id from dossier_event`.execute(db);

  // Dossiers not yet settled, per holding agency: the live "still open" figures.
  await sql`create index dossier_open_by_holder on dossier (holder_agency_id, due_at)
    where received_at is not null and finished_at is null and status <> 'withdrawn'`.execute(db);
}
