import { sql, type Kysely } from 'kysely';

/**
 * A citizen's unfinished application, one per service, kept on the server so it can be resumed on
 * another device; it expires after the days its agency sets (issue 18, item 4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agency add column draft_retention_days integer not null default 30
    check (draft_retention_days between 1 and 365)`.execute(db);
  await sql`
    create table dossier_draft (
      account_id uuid not null references account (id) on delete cascade,
      service_id uuid not null references service (id) on delete cascade,
      form_data jsonb not null,
      fee_choice jsonb,
      documents jsonb not null,
      step integer not null check (step between 0 and 100),
      saved_at timestamptz not null,
      expires_at timestamptz not null,
      primary key (account_id, service_id)
    )`.execute(db);
  await sql`create index dossier_draft_expires_idx on dossier_draft (expires_at)`.execute(db);
}
