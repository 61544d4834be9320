import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { sealOutbox } from '../../platform/outbox.ts';
import { integrationErrors, requireFederationAdmin } from './errors.ts';
import * as repository from './repository.ts';

/**
 * How far each destination of the outbox (the national portal, later webhooks) has been
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
        })),
      };
    },

    async retry(actor: Actor, destination: string) {
      requireFederationAdmin(actor);
      if (!(await repository.retryNow(db, destination)))
        throw integrationErrors.unknownDestination();
      return { ok: true as const };
    },
  };
}
