import { sql, type Kysely } from 'kysely';

/**
 * Feedback across systems through the national portal (issue 21, decision 0018): the portal's
 * desk sends an item to the member system that answers for the competent agency, the member's
 * handling comes back as `feedback.progress` messages, and the sender's rating goes to the member.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feedback drop constraint feedback_source_check`.execute(db);
  await sql`alter table feedback add constraint feedback_source_check
    check (source in ('portal', 'open311', 'national_portal'))`.execute(db);
  // At a member: the portal's code of an item the portal sent (one item per portal code).
  await sql`alter table feedback add column origin_code text unique`.execute(db);
  // At the portal: when the item was handed to a member system, and the member's code for it.
  await sql`alter table feedback add column sent_to_member_at timestamptz`.execute(db);
  await sql`alter table feedback add column member_code text`.execute(db);

  // At the portal: what waits to reach a member system (the item itself, later the rating).
  await sql`create table feedback_transfer (
    id uuid primary key default gen_random_uuid(),
    feedback_id uuid not null references feedback(id),
    kind text not null check (kind in ('item', 'rating')),
    agency_code text not null,
    state text not null default 'pending' check (state in ('pending', 'delivered', 'refused')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    created_at timestamptz not null default now(),
    delivered_at timestamptz
  )`.execute(db);
  await sql`create index feedback_transfer_due on feedback_transfer (next_attempt_at) where state = 'pending'`.execute(
    db,
  );
  await sql`create index feedback_transfer_item on feedback_transfer (feedback_id)`.execute(db);
}
