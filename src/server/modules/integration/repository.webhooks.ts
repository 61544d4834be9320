import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The outbox cursor that delivers a subscription. */
export const destinationOf = (subscriptionId: string) => `webhook:${subscriptionId}`;

const withState = (db: Db) =>
  db
    .selectFrom('webhook_subscription as w')
    .innerJoin('agency', 'agency.id', 'w.agency_id')
    .innerJoin('outbox_cursor as c', (join) =>
      join.on('c.destination', '=', sql<string>`'webhook:' || w.id::text`),
    )
    .select([
      'w.id',
      'w.agency_id',
      'agency.name as agency_name',
      'agency.code as agency_code',
      'w.url',
      'w.secret_sealed',
      'w.event_types',
      'w.description',
      'w.created_at',
      'c.delivered_seq',
      'c.failures',
      'c.last_error',
      'c.next_attempt_at',
      'c.dead_at',
      'c.blocked_seq',
    ])
    .where('w.removed_at', 'is', null);

export type SubscriptionRow = Awaited<ReturnType<ReturnType<typeof withState>['execute']>>[number];

export async function agencyCode(db: Db, agencyId: string) {
  const row = await db
    .selectFrom('agency')
    .select('code')
    .where('id', '=', agencyId)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** The subscriptions of these agencies, newest first. */
export function subscriptionsOf(db: Db, agencyIds: string[]) {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return withState(db)
    .where('w.agency_id', 'in', agencyIds)
    .orderBy('w.created_at', 'desc')
    .execute();
}

/** A subscription, and whether it belongs to one of these agencies (`visible`). */
export function subscriptionFor(db: Db, id: string, agencyIds: string[]) {
  return withState(db)
    .select((eb) =>
      (agencyIds.length === 0 ? eb.lit(false) : eb('w.agency_id', 'in', agencyIds)).as('visible'),
    )
    .where('w.id', '=', id)
    .executeTakeFirst();
}

/** A new subscription, and its cursor at `fromSeq`: it receives what happens from now on. */
export async function insertSubscription(
  tx: Transaction<Database>,
  input: {
    agencyId: string;
    url: string;
    secretSealed: string;
    eventTypes: string[];
    description: string;
    createdBy: string;
  },
  fromSeq: number,
) {
  const row = await tx
    .insertInto('webhook_subscription')
    .values({
      agency_id: input.agencyId,
      url: input.url,
      secret_sealed: input.secretSealed,
      event_types: input.eventTypes,
      description: input.description,
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('outbox_cursor')
    .values({ destination: destinationOf(row.id), delivered_seq: fromSeq })
    .execute();
  return row.id;
}

/** Ends a subscription (its delivery log stays) and drops its cursor: nothing is owed it any more. */
export async function removeSubscription(db: Db, id: string) {
  await sql`with ended as (
      update webhook_subscription set removed_at = now() where id = ${id} returning id)
    delete from outbox_cursor where destination in (select 'webhook:' || id::text from ended)`.execute(
    db,
  );
}

/**
 * Takes the due subscriptions for one round: each cursor's next attempt is pushed `leaseMs` ahead,
 * so another process (or a slow round) does not deliver the same subscription at the same time.
 */
export async function claimDue(db: Kysely<Database>, now: Date, leaseMs: number, limit: number) {
  return db.transaction().execute(async (tx) => {
    const due = await withState(tx)
      .where('c.dead_at', 'is', null)
      .where('c.next_attempt_at', '<=', now)
      .where('agency.code', 'is not', null)
      .orderBy('c.next_attempt_at')
      .limit(limit)
      .forUpdate('c')
      .skipLocked()
      .execute();
    if (due.length > 0)
      await tx
        .updateTable('outbox_cursor')
        .set({ next_attempt_at: new Date(now.getTime() + leaseMs) })
        .where(
          'destination',
          'in',
          due.map((d) => destinationOf(d.id)),
        )
        .execute();
    return due;
  });
}

/** What a subscription takes from the outbox: its agency's messages of its types. */
export const filterOf = (subscription: { agency_code: string | null; event_types: string[] }) => ({
  agencyCode: subscription.agency_code ?? '',
  types: subscription.event_types,
});

export async function recordAttempt(
  db: Db,
  attempt: {
    subscriptionId: string;
    messageId: string;
    seq: number;
    attempt: number;
    status: number | null;
    error: string | null;
    durationMs: number;
    at: Date;
  },
) {
  await db
    .insertInto('webhook_delivery')
    .values({
      subscription_id: attempt.subscriptionId,
      message_id: attempt.messageId,
      seq: attempt.seq,
      attempt: attempt.attempt,
      status: attempt.status,
      error: attempt.error?.slice(0, 500) ?? null,
      duration_ms: attempt.durationMs,
      at: attempt.at,
    })
    .execute();
}

export function attemptsOf(db: Db, subscriptionId: string, limit: number) {
  return db
    .selectFrom('webhook_delivery')
    .select(['message_id', 'seq', 'attempt', 'status', 'error', 'duration_ms', 'at'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
