import { sql, type Kysely } from 'kysely';

/**
 * Monthly reports as submitted: the figures, the XLSX and PDF files kept in storage with their
 * SHA-256, who submitted and when. A submitted report is the record sent to the Ministry: it is
 * never changed nor deleted. Reminders sent to agencies that had not submitted, once per month.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table monthly_report (
      id uuid primary key default gen_random_uuid(),
      -- null: the national report
      agency_id uuid references agency (id),
      month date not null check (extract(day from month) = 1),
      figures jsonb not null,
      xlsx_storage_key text not null,
      xlsx_sha256 text not null,
      pdf_storage_key text not null,
      pdf_sha256 text not null,
      submitted_at timestamptz not null,
      submitted_by uuid not null references account (id),
      late boolean not null
    )`.execute(db);
  await sql`create unique index monthly_report_once on monthly_report
    (coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid), month)`.execute(db);
  await sql`
    create function monthly_report_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'monthly report % was submitted and cannot change', old.id;
    end $$`.execute(db);
  await sql`create trigger monthly_report_immutable before update or delete on monthly_report
    for each row execute function monthly_report_immutable()`.execute(db);
  await sql`
    create table monthly_report_reminder (
      agency_id uuid not null references agency (id),
      month date not null,
      sent_at timestamptz not null default now(),
      primary key (agency_id, month)
    )`.execute(db);
}
