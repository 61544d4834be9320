import { sql, type Kysely } from 'kysely';

/**
 * Webhooks for third parties (issue 20): an agency's subscriptions, each delivered from the outbox
 * through its own cursor, and the log of every attempt. A cursor that has given up (a dead letter)
 * says which message it stopped at.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_subscription (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references agency (id),
      url text not null check (length(url) between 10 and 2000),
      -- the signing secret, sealed with APP_SECRET; shown once to whoever made the subscription
      secret_sealed text not null,
      event_types text[] not null check (cardinality(event_types) > 0),
      description text not null default '' check (length(description) <= 300),
      created_by uuid not null references account (id),
      created_at timestamptz not null default now(),
      removed_at timestamptz
    )`.execute(db);
  await sql`create index webhook_subscription_agency on webhook_subscription (agency_id)`.execute(
    db,
  );
  await sql`
    create table webhook_delivery (
      id bigint generated always as identity primary key,
      subscription_id uuid not null references webhook_subscription (id),
      message_id uuid not null,
      seq bigint not null,
      attempt integer not null,
      status integer,
      error text,
      duration_ms integer not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index webhook_delivery_subscription on webhook_delivery (subscription_id, id desc)`.execute(
    db,
  );
  // A subscription reads its agency's messages in order without walking everyone's.
  await sql`create index outbox_message_agency on outbox_message (agency_code, seq) where seq is not null`.execute(
    db,
  );
  // Given up: no attempt until an administrator retries; `blocked_seq` is the message it stopped at.
  await sql`alter table outbox_cursor
    add column dead_at timestamptz,
    add column blocked_seq bigint`.execute(db);
}
