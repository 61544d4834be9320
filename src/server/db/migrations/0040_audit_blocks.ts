import { sql, type Kysely } from 'kysely';

/**
 * The audit log is sealed in blocks instead of record by record (decision 0023): a record is
 * written once and never touched again, and the sealer writes one `audit_seal` row for a run of
 * records, holding the hash that chains them. Records sealed one by one before keep their hashes
 * and are verified as they were; the first block continues from the last of them.
 *
 * A block covers the records numbered up to its `last_seq`, so the sealer must know when no
 * transaction can still commit a record with a number that low. A record's number is now taken
 * after its transaction has an id (`pg_current_xact_id()` assigns one): once no transaction older
 * than the next id of a moment is running, every number given out before that moment is final.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence audit_record_number as bigint`.execute(db);
  await sql`select setval('audit_record_number', 1 + greatest(
    (select coalesce(max(seq), 0) from audit_record),
    coalesce(pg_sequence_last_value(pg_get_serial_sequence('audit_record', 'seq')::regclass), 0)),
    false)`.execute(db);
  await sql`alter table audit_record alter column seq drop identity`.execute(db);
  await sql`alter sequence audit_record_number owned by audit_record.seq`.execute(db);
  // The condition is never false: it is there so that the transaction's id comes first.
  await sql`alter table audit_record alter column seq set default
    (case when pg_current_xact_id() is not null then nextval('audit_record_number') end)`.execute(
    db,
  );

  await sql`
    create table audit_seal (
      pos bigint primary key,
      last_seq bigint not null unique,
      records integer not null check (records >= 0),
      prev_hash text not null,
      hash text not null,
      sealed_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create trigger audit_seal_append_only before update or delete on audit_seal
    for each row execute function refuse_audit_change()`.execute(db);
  await sql`
    create trigger audit_seal_no_truncate before truncate on audit_seal
    for each statement execute function refuse_audit_change()`.execute(db);

  // Nothing changes a record any more: sealing writes a block.
  await sql`drop trigger audit_record_append_only on audit_record`.execute(db);
  await sql`
    create trigger audit_record_append_only before update on audit_record
    for each row execute function refuse_audit_change()`.execute(db);
  await sql`drop index audit_record_unsealed`.execute(db);
}
