import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { lastOutboxSeq, pruneOutbox, sealOutbox } from '../../platform/outbox.ts';
import * as repository from './repository.ts';

const DAY_MS = 86_400_000;

/**
 * Keeps the outbox from growing for ever (at 100 changes a second, 8.6 million rows a day):
 * removes what every destination has and what is older than the retention, which is how far back
 * a webhook can be replayed; and the webhook attempts as old. A destination behind (a portal down
 * for weeks, a subscription given up) keeps everything it has not had.
 */
export async function pruneDelivered(
  db: Kysely<Database>,
  retentionDays: number,
  now = new Date(),
): Promise<{ messages: number; attempts: number }> {
  await sealOutbox(db);
  const madeBefore = new Date(now.getTime() - retentionDays * DAY_MS);
  // With no destination at all, nothing is owed: a portal or a subscription that comes later
  // starts from a snapshot or from now.
  const deliveredUpTo = (await repository.slowestCursor(db)) ?? (await lastOutboxSeq(db));
  return {
    messages: await pruneOutbox(db, { deliveredUpTo, madeBefore }),
    attempts: await repository.pruneAttempts(db, madeBefore),
  };
}
