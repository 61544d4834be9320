import { sql, type Kysely } from 'kysely';
import { DEFAULT_FEEDBACK_CATEGORIES } from '../../../domain/feedback.ts';

/**
 * Feedback (phản ánh, kiến nghị; issue 21, decision 0018): the categories with their answer
 * times, the items and what happened to each, their attachments, and the feedback desk role.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table officer_role drop constraint officer_role_role_check`.execute(db);
  await sql`alter table officer_role add constraint officer_role_role_check check (role in
    ('reception','specialist','department_head','leader','feedback_desk','agency_admin','national_supervisor','system_admin'))`.execute(
    db,
  );

  await sql`create table feedback_category (
    code text primary key check (code ~ '^[a-z0-9-]{2,40}$'),
    name text not null,
    description text not null,
    subject text not null check (subject in ('regulation', 'handling')),
    answer_days real not null check (answer_days > 0),
    extension_days real not null check (extension_days >= 0),
    position integer not null
  )`.execute(db);

  for (const [position, c] of DEFAULT_FEEDBACK_CATEGORIES.entries())
    await sql`insert into feedback_category values
      (${c.code}, ${c.name}, ${c.description}, ${c.subject}, ${c.answerDays}, ${c.extensionDays}, ${position})`.execute(
      db,
    );

  await sql`create sequence feedback_number`.execute(db);
  await sql`create table feedback (
    id uuid primary key default gen_random_uuid(),
    code text not null unique,
    tracking_key_hash text not null,
    category_code text not null references feedback_category(code),
    dossier_id uuid references dossier(id),
    title text not null,
    content text not null,
    province text,
    commune text,
    address text,
    latitude double precision,
    longitude double precision,
    sender_account_id uuid references account(id),
    sender_name text not null,
    sender_phone text,
    sender_email text,
    consent_to_publish boolean not null,
    source text not null check (source in ('portal', 'open311')),
    api_client_id text,
    state text not null default 'received' check (state in
      ('received','rejected','merged','forwarded','assigned','awaiting_approval','answered')),
    receiving_agency_id uuid not null references agency(id),
    holder_agency_id uuid not null references agency(id),
    competent_agency_id uuid references agency(id),
    assignee_id uuid references account(id),
    merged_into_id uuid references feedback(id),
    rejection_reason text,
    forwarded_at timestamptz,
    due_at timestamptz,
    extended_at timestamptz,
    extension_reason text,
    draft_answer text,
    answer text,
    answered_at timestamptz,
    approved_by uuid references account(id),
    public_interest boolean not null default false,
    published_at timestamptz,
    public_title text,
    public_answer text,
    public_content text,
    public_search text generated always as
      (f_unaccent(lower(coalesce(public_title, '') || ' ' || coalesce(public_content, '') || ' ' || coalesce(public_answer, '')))) stored,
    rating_satisfied boolean,
    rating_comment text,
    rated_at timestamptz,
    reminded_at timestamptz,
    received_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((state = 'answered') = (answered_at is not null)),
    check (published_at is null or state = 'answered')
  )`.execute(db);
  // the desk's list: what an agency holds, by state, newest first
  await sql`create index feedback_holder on feedback (holder_agency_id, state, received_at desc)`.execute(
    db,
  );
  // …and all it holds, newest first (the desk's first view)
  await sql`create index feedback_holder_recent on feedback (holder_agency_id, received_at desc)`.execute(
    db,
  );
  // a state across every agency (the national office), and the overdue lists, by due date
  await sql`create index feedback_state_recent on feedback (state, received_at desc)`.execute(db);
  await sql`create index feedback_open_due on feedback (holder_agency_id, due_at)
    where state in ('forwarded', 'assigned', 'awaiting_approval')`.execute(db);
  await sql`create index feedback_open_due_everywhere on feedback (due_at)
    where state in ('forwarded', 'assigned', 'awaiting_approval')`.execute(db);
  await sql`create index feedback_assignee on feedback (assignee_id, state) where assignee_id is not null`.execute(
    db,
  );
  await sql`create index feedback_sender on feedback (sender_account_id, received_at desc) where sender_account_id is not null`.execute(
    db,
  );
  await sql`create index feedback_contact on feedback (sender_phone, received_at desc) where sender_account_id is null`.execute(
    db,
  );
  await sql`create index feedback_dossier on feedback (dossier_id) where dossier_id is not null`.execute(
    db,
  );
  await sql`create index feedback_competent on feedback (competent_agency_id, received_at) where competent_agency_id is not null`.execute(
    db,
  );
  await sql`create index feedback_received on feedback (received_at)`.execute(db);
  await sql`create index feedback_published on feedback (published_at desc) where published_at is not null`.execute(
    db,
  );
  await sql`create index feedback_public_search on feedback using gin (public_search gin_trgm_ops) where published_at is not null`.execute(
    db,
  );

  await sql`create table feedback_event (
    id bigint generated always as identity primary key,
    feedback_id uuid not null references feedback(id),
    action text not null,
    actor_id uuid references account(id),
    actor_name text not null,
    agency_id uuid references agency(id),
    note text,
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index feedback_event_item on feedback_event (feedback_id, id)`.execute(db);

  // An attachment is kept before the item it joins exists; the key its sender was given claims it.
  await sql`create table feedback_file (
    id uuid primary key default gen_random_uuid(),
    feedback_id uuid references feedback(id),
    claim_key_hash text not null,
    file_name text not null,
    media_type text not null,
    size_bytes integer not null,
    sha256 text not null,
    storage_key text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index feedback_file_item on feedback_file (feedback_id)`.execute(db);
  await sql`create index feedback_file_unclaimed on feedback_file (created_at) where feedback_id is null`.execute(
    db,
  );
}
