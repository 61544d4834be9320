import { sql, type Kysely } from 'kysely';

/**
 * Submission at the national portal (issue 20, decision 0017): the portal keeps a citizen's
 * application, form and files until the competent member system has it (`hub_submission`), and
 * delivers it to the member's address (`member_system.url`). The member records which submission
 * a dossier came from, so a delivery repeated after a lost answer returns the same dossier.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table member_system add column url text`.execute(db);
  await sql`create table hub_submission (
    id uuid primary key default gen_random_uuid(),
    account_id uuid not null references account(id),
    citizen_id text not null,
    applicant_name text not null,
    service_id uuid not null references service(id),
    agency_code text not null,
    procedure_code text not null,
    procedure_name text not null,
    agency_name text not null,
    version integer not null,
    form_data jsonb not null,
    fee_choice jsonb,
    documents jsonb not null,
    state text not null default 'pending' check (state in ('pending', 'delivered', 'refused')),
    member_code text,
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    created_at timestamptz not null default now(),
    delivered_at timestamptz
  )`.execute(db);
  await sql`create index hub_submission_due on hub_submission (next_attempt_at) where state = 'pending'`.execute(
    db,
  );
  await sql`create index hub_submission_account on hub_submission (account_id, created_at)`.execute(
    db,
  );
  await sql`alter table stored_file add column hub_submission_id uuid references hub_submission(id)`.execute(
    db,
  );
  await sql`alter table dossier add column hub_submission_id uuid unique`.execute(db);
}
