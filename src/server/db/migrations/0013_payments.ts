import { sql, type Kysely } from 'kysely';

/**
 * Fees and online payment: each version's fee schedule (the old single amount becomes a fixed
 * fee due at submission), the amount a dossier owes, the payments made through a gateway with
 * every message the gateway sent, and the embedded sandbox gateway's own ledger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table service_version add column fee_schedule jsonb not null default '{"kind":"none"}'`.execute(
    db,
  );
  // A published version is immutable (trigger of 0002): the schedule is set behind it once, here.
  await sql`alter table service_version disable trigger user`.execute(db);
  await sql`update service_version
    set fee_schedule = jsonb_build_object('kind', 'fixed', 'amountVnd', fee_vnd,
                                          'payAt', 'submission', 'exemptions', '[]'::jsonb)
    where fee_vnd > 0`.execute(db);
  await sql`alter table service_version enable trigger user`.execute(db);

  await sql`alter table dossier add column fee_due_vnd bigint not null default 0 check (fee_due_vnd >= 0)`.execute(
    db,
  );
  // A fee due at submission and not yet paid: reception waits for it.
  await sql`alter table dossier add column fee_outstanding boolean not null default false`.execute(
    db,
  );

  await sql`create sequence payment_receipt_seq`.execute(db);
  await sql`
    create table payment (
      id uuid primary key default gen_random_uuid(),
      dossier_id uuid not null references dossier (id),
      agency_id uuid not null references agency (id),
      gateway text not null,
      txn_ref text not null unique,
      amount_vnd bigint not null check (amount_vnd > 0),
      description text not null,
      ip_addr text not null,
      status text not null default 'pending'
        check (status in ('pending', 'paid', 'failed', 'refunded')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      settled_at timestamptz,
      settled_by text check (settled_by in ('ipn', 'return', 'reconciliation')),
      gateway_transaction_no text,
      bank_code text,
      response_code text,
      receipt_no text unique
    )`.execute(db);
  // At most one payment of a dossier can be paid: a second would be a double charge.
  await sql`create unique index payment_paid_once on payment (dossier_id) where status = 'paid'`.execute(
    db,
  );
  await sql`create index payment_dossier on payment (dossier_id, created_at)`.execute(db);
  await sql`create index payment_pending on payment (expires_at) where status = 'pending'`.execute(
    db,
  );
  await sql`create index payment_agency_day on payment (agency_id, settled_at)`.execute(db);

  await sql`
    create table payment_message (
      id bigint generated always as identity primary key,
      received_at timestamptz not null default now(),
      gateway text not null,
      kind text not null check (kind in ('ipn', 'return', 'query')),
      txn_ref text,
      payment_id uuid references payment (id),
      answer text not null,
      params jsonb not null
    )`.execute(db);
  await sql`create index payment_message_payment on payment_message (payment_id)`.execute(db);

  await sql`
    create table sandbox_vnpay_transaction (
      txn_ref text primary key,
      tmn_code text not null,
      amount bigint not null,
      order_info text not null,
      return_url text not null,
      create_date text not null,
      expire_date text not null,
      status text not null default 'pending',
      response_code text,
      transaction_no text unique,
      bank_code text,
      pay_date text,
      created_at timestamptz not null default now()
    )`.execute(db);
}
