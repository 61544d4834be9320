import { sql, type Kysely } from 'kysely';

/**
 * Federation (issue 20, decision 0017): the outbox every change is reported through, the cursors
 * of its destinations, and on the national portal the member systems and what they sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbox_message (
      id uuid primary key default gen_random_uuid(),
      -- numbered by the sealer in the order it sees commits; null until then
      seq bigint unique,
      type text not null check (length(type) between 1 and 60),
      agency_code text not null,
      key text not null,
      body jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index outbox_message_unsealed on outbox_message (created_at) where seq is null`.execute(
    db,
  );
  await sql`
    create table outbox_cursor (
      destination text primary key,
      delivered_seq bigint not null default 0,
      failures integer not null default 0,
      last_error text,
      next_attempt_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table member_system (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 3 and 200),
      agency_codes text[] not null check (cardinality(agency_codes) > 0),
      jwks jsonb not null,
      applied_seq bigint not null default 0,
      last_message_at timestamptz,
      created_at timestamptz not null default now(),
      disabled_at timestamptz
    )`.execute(db);
  await sql`
    create table member_dossier (
      code text primary key,
      member_id uuid not null references member_system (id),
      agency_code text not null,
      procedure_code text not null,
      procedure_name text not null,
      channel text not null,
      status text not null,
      applicant_citizen_id text,
      submitted_at timestamptz not null,
      received_at timestamptz,
      due_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index member_dossier_applicant on member_dossier (applicant_citizen_id)`.execute(
    db,
  );
  await sql`
    create table member_dossier_event (
      message_id uuid primary key,
      member_id uuid not null references member_system (id),
      seq bigint not null,
      code text not null references member_dossier (code),
      action text not null,
      from_status text,
      to_status text not null,
      occurred_at timestamptz not null,
      unique (member_id, seq)
    )`.execute(db);
  await sql`create index member_dossier_event_code on member_dossier_event (code, seq)`.execute(db);
}
