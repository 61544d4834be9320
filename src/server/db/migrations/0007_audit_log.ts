import { sql, type Kysely } from 'kysely';

/**
 * The audit log: append-only, each record holding the hash of the one before it. The trigger
 * refuses UPDATE, DELETE and TRUNCATE; someone who bypasses it still cannot hide a change from
 * `npm run audit:verify`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_record')
    .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('agency_id', 'uuid')
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`create index audit_record_subject on audit_record (subject_type, subject_id)`.execute(
    db,
  );
  await sql`create index audit_record_actor on audit_record (actor_id, occurred_at)`.execute(db);
  await sql`
    create function refuse_audit_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'the audit log is append-only'
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_record_append_only
    before update or delete on audit_record
    for each row execute function refuse_audit_change()`.execute(db);
  await sql`
    create trigger audit_record_no_truncate
    before truncate on audit_record
    for each statement execute function refuse_audit_change()`.execute(db);
}
