import { sql, type Kysely } from 'kysely';

/** Refunds from the back office: who paid back, when and why; the gateway's answers kept too. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payment
      add column refund_requested_at timestamptz,
      add column refunded_at timestamptz,
      add column refunded_by uuid references account (id),
      add column refund_reason text,
      add constraint payment_refund_recorded
        check ((status = 'refunded') = (refunded_at is not null))`.execute(db);
  await sql`alter table payment_message drop constraint payment_message_kind_check`.execute(db);
  await sql`alter table payment_message add constraint payment_message_kind_check
    check (kind in ('ipn', 'return', 'query', 'refund'))`.execute(db);
}
