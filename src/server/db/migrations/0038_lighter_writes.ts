import { sql, type Kysely } from 'kysely';

/**
 * What a submission writes beside its rows, made lighter (issue 23, decision 0023):
 * - the audit log's guard against changes runs its function only for a change it refuses: the
 *   trigger's condition, evaluated without calling a function, lets sealing through (before, every
 *   sealed record built two JSON copies of itself to compare them);
 * - the statistics queue takes a statement's events in one insert instead of one per event;
 * - the unique indexes over columns a new row leaves empty (a dossier's national-portal
 *   submission, an outbox message's number, an audit record's place in the chain) hold only the
 *   rows that have them: a new row no longer adds an entry to each.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_record_append_only on audit_record`.execute(db);
  await sql`
    create or replace function refuse_audit_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'the audit log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_record_no_delete before delete on audit_record
    for each row execute function refuse_audit_change()`.execute(db);
  // Sealing is the one change allowed: an unsealed record gets its place and hashes, nothing else
  // moves. Every other column is named here; a test fails for a column added and not named.
  await sql`
    create trigger audit_record_append_only before update on audit_record
    for each row when (not (
      old.hash is null and new.hash is not null
      and (new.seq, new.occurred_at, new.actor_id, new.actor_name, new.action, new.subject_type,
           new.subject_id, new.agency_id, new.ip, new.details)
        is not distinct from
          (old.seq, old.occurred_at, old.actor_id, old.actor_name, old.action, old.subject_type,
           old.subject_id, old.agency_id, old.ip, old.details)))
    execute function refuse_audit_change()`.execute(db);

  await sql`drop trigger dossier_event_to_stats on dossier_event`.execute(db);
  await sql`drop function stats_enqueue_event()`.execute(db);
  await sql`
    create function stats_enqueue_events() returns trigger language plpgsql as $$
    begin
      insert into stats_pending (event_id) select id from inserted_events;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger dossier_event_to_stats after insert on dossier_event
    referencing new table as inserted_events
    for each statement execute function stats_enqueue_events()`.execute(db);

  await sql`alter table dossier drop constraint dossier_hub_submission_id_key`.execute(db);
  await sql`create unique index dossier_hub_submission on dossier (hub_submission_id)
    where hub_submission_id is not null`.execute(db);
  await sql`alter table outbox_message drop constraint outbox_message_seq_key`.execute(db);
  await sql`create unique index outbox_message_seq on outbox_message (seq)
    where seq is not null`.execute(db);
  await sql`drop index audit_record_chain`.execute(db);
  await sql`create unique index audit_record_chain on audit_record (chain_pos)
    where chain_pos is not null`.execute(db);
}
