import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { appendAudit } from './audit.ts';
import { AppError } from './errors.ts';

/**
 * Every refusal of a signed-in actor by the access policy goes to the audit log: which rule
 * refused (the error's code and status, 403 or a hidden 404) and what was asked (method and route). An officer probing
 * another agency's dossiers leaves a trace an administrator reads. The refused request itself
 * still changes nothing; if the log cannot be written, the refusal is answered all the same.
 */
export function registerRefusalAudit(app: FastifyInstance, db: Kysely<Database>) {
  app.addHook('onError', async (request, _reply, error) => {
    const actor = request.actor;
    if (!(error instanceof AppError) || !error.refusal || !actor) return;
    try {
      await appendAudit(db, {
        actor,
        action: 'access.refused',
        // Filed under the actor's own agency, whose administrator answers for its officers.
        agencyId: actor.roles[0]?.agencyId ?? null,
        details: {
          code: error.code,
          // 404: the actor may not see the thing; 403: may see it, may not do this (decision 0016)
          status: error.status,
          method: request.method,
          // the route's pattern, not the address: an identifier the actor tried is not repeated
          // to the administrators who read the log
          route: request.routeOptions.url ?? null,
        },
      });
    } catch (failure) {
      request.log.warn({ err: failure }, 'refusal not audited');
    }
  });
}
