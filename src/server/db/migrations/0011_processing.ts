import { sql, type Kysely } from 'kysely';
import { GOVERNMENT_CALENDAR_DECISIONS } from '../../../domain/calendar-decisions.ts';

/** One-stop-shop processing: working calendar, office hours, workflows, holders, steps, notifications and mail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendar_override (
      date date primary key,
      kind text not null check (kind in ('day_off', 'working_day')),
      name text not null check (length(name) between 1 and 200),
      legal_basis text,
      created_by uuid references account (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  for (const d of GOVERNMENT_CALENDAR_DECISIONS)
    await sql`insert into calendar_override (date, kind, name, legal_basis) values (${d.date}, ${d.kind}, ${d.name}, ${d.legalBasis})`.execute(
      db,
    );

  await sql`alter table agency add column office_hours jsonb not null default '{"morning":["07:30","11:30"],"afternoon":["13:00","17:00"],"receptionCutoff":"17:00"}'::jsonb`.execute(
    db,
  );
  await sql`alter table service_version add column workflow jsonb not null default '[{"key":"specialist","name":"Chuyên viên thẩm định, xử lý","role":"specialist","sharePercent":70},{"key":"leader","name":"Lãnh đạo phê duyệt","role":"leader","sharePercent":30}]'::jsonb`.execute(
    db,
  );

  await sql`
    alter table dossier
      add column holder_agency_id uuid references agency (id),
      add column workflow_version_id uuid references service_version (id),
      add column step_index integer,
      add column step_started_at timestamptz,
      add column step_due_at timestamptz,
      add column assignee_id uuid references account (id),
      add column clock_stopped_at timestamptz,
      add column supplement_from text check (supplement_from in ('submitted', 'processing')),
      add column reception_supplements integer not null default 0,
      add column pause_reason text check (pause_reason in ('opinion')),
      add column rating smallint check (rating between 1 and 5),
      add column rating_comment text,
      add column return_method text check (return_method in ('online', 'counter', 'post')),
      add column applicant_name text not null default '',
      add column deadline_warning text check (deadline_warning in ('due_soon', 'overdue'))`.execute(
    db,
  );
  await sql`
    update dossier set holder_agency_id = agency_id, workflow_version_id = service_version_id,
      applicant_name = (select full_name from account where account.id = dossier.applicant_id)`.execute(
    db,
  );
  // Officers search by the applicant's words (without diacritics, last word as a prefix) or by the
  // exact code: a word index is far more selective than trigrams on common Vietnamese names.
  await sql`alter table dossier add column search_words tsvector generated always as (to_tsvector('simple', f_unaccent(lower(applicant_name)))) stored`.execute(
    db,
  );
  await sql`create index dossier_search_words on dossier using gin (search_words)`.execute(db);
  await sql`alter table dossier alter column holder_agency_id set not null, alter column workflow_version_id set not null`.execute(
    db,
  );
  // The inbox: the dossiers an agency holds, newest first, by status or all. Reception's index
  // on the receiving agency gives way to it.
  await sql`drop index dossier_agency_inbox_idx`.execute(db);
  await sql`create index dossier_holder_inbox on dossier (holder_agency_id, status, submitted_at desc)`.execute(
    db,
  );
  await sql`create index dossier_holder_recent on dossier (holder_agency_id, submitted_at desc)`.execute(
    db,
  );
  // The deadline job's scan: open dossiers by appointment.
  await sql`create index dossier_open_due on dossier (due_at) where finished_at is null and due_at is not null`.execute(
    db,
  );
  await sql`create index dossier_assignee on dossier (assignee_id) where assignee_id is not null`.execute(
    db,
  );

  await sql`alter table dossier_event add column details jsonb not null default '{}'::jsonb`.execute(
    db,
  );

  await sql`
    create table notification (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references account (id),
      dossier_id uuid references dossier (id),
      title text not null,
      body text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`.execute(db);
  await sql`create index notification_account on notification (account_id, created_at desc)`.execute(
    db,
  );

  // Outgoing mail is written with the change it reports and sent by a queue job (an outbox).
  await sql`
    create table mail_message (
      id uuid primary key default gen_random_uuid(),
      to_address text not null,
      subject text not null,
      body_text text not null,
      dossier_id uuid references dossier (id),
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      attempts integer not null default 0,
      last_error text
    )`.execute(db);
  await sql`create index mail_message_unsent on mail_message (created_at) where sent_at is null`.execute(
    db,
  );
}
