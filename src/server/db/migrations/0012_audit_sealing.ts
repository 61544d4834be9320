import { sql, type Kysely } from 'kysely';

/**
 * Audit records are written unsealed with the change they record and chained afterwards, in the
 * order they became visible, by the sealer (decision 0007): appends no longer wait on one lock held
 * to commit. `chain_pos` is the order of the chain; records chained before are in `seq` order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_record
    add column chain_pos bigint,
    alter column prev_hash drop not null,
    alter column hash drop not null`.execute(db);
  await sql`alter table audit_record disable trigger audit_record_append_only`.execute(db);
  await sql`update audit_record set chain_pos = seq`.execute(db);
  await sql`alter table audit_record enable trigger audit_record_append_only`.execute(db);
  await sql`alter table audit_record add constraint audit_record_sealed_whole check (
    (chain_pos is null) = (hash is null) and (hash is null) = (prev_hash is null))`.execute(db);
  await sql`create unique index audit_record_chain on audit_record (chain_pos)`.execute(db);
  await sql`create index audit_record_unsealed on audit_record (seq) where hash is null`.execute(
    db,
  );
  // Sealing is the one change allowed: an unsealed record gets its place and hashes, nothing else moves.
  await sql`
    create or replace function refuse_audit_change() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.hash is null and new.hash is not null
         and to_jsonb(new) - '{chain_pos,prev_hash,hash}'::text[]
           = to_jsonb(old) - '{chain_pos,prev_hash,hash}'::text[] then
        return new;
      end if;
      raise exception 'the audit log is append-only'
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
}
