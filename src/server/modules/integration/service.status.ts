import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { sealOutbox } from '../../platform/outbox.ts';
import { integrationErrors, requireFederationAdmin } from './errors.ts';
import * as repository from './repository.ts';

/**
 * How far each peer of the outbox (the national portal; webhooks have their own page) has been
 * delivered, what failed, and a way to try again now: the system administrator's view.
 */
export function createSyncStatus(db: Kysely<Database>) {
  return {
    async status(actor: Actor) {
      requireFederationAdmin(actor);
      await sealOutbox(db); // what waits to be numbered is behind too
      const { lastSeq, rows } = await repository.cursors(db);
      return {
        lastSeq,
        destinations: rows.map((r) => ({
          destination: r.destination,
          deliveredSeq: r.delivered_seq,
          lag: Math.max(0, lastSeq - r.delivered_seq),
          failures: r.failures,
          lastError: r.last_error,
          nextAttemptAt: r.next_attempt_at,
          deadLetter:
            r.dead_at === null
              ? null
              : { seq: r.blocked_seq ?? 0, since: r.dead_at, error: r.last_error },
        })),
      };
    },

    async retry(actor: Actor, destination: string) {
      requireFederationAdmin(actor);
      await db.transaction().execute(async (tx) => {
        if (!(await repository.retryNow(tx, destination)))
          throw integrationErrors.unknownDestination();
        await appendAudit(tx, {
          actor,
          action: 'federation.retried',
          subject: { type: 'outbox_cursor', id: destination },
        });
      });
      return { ok: true as const };
    },
  };
}
