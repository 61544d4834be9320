import { sql, type Kysely } from 'kysely';

/** On the national portal: members' results (reference and hash) and payments (issue 20). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table member_dossier
    add column result_verification_code text,
    add column result_sha256 text,
    add column result_signed_at timestamptz`.execute(db);
  await sql`
    create table member_payment (
      message_id uuid primary key,
      member_id uuid not null references member_system (id),
      code text not null references member_dossier (code),
      txn_ref text not null,
      state text not null check (state in ('paid', 'refunded')),
      amount_vnd bigint not null check (amount_vnd >= 0),
      receipt_no text,
      occurred_at timestamptz not null
    )`.execute(db);
  await sql`create index member_payment_code on member_payment (code, occurred_at)`.execute(db);
}
