import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { visibleOr404 } from '../../platform/errors.ts';
import { citizenIdOfAccount } from '../identity/index.ts';
import { integrationErrors } from './errors.ts';
import * as repository from './repository.ts';

const summary = (row: Awaited<ReturnType<typeof repository.dossiersOfCitizen>>[number]) => ({
  code: row.code,
  agencyCode: row.agency_code,
  procedureCode: row.procedure_code,
  procedureName: row.procedure_name,
  channel: row.channel,
  status: row.status,
  submittedAt: row.submitted_at,
  receivedAt: row.received_at,
  dueAt: row.due_at,
  finishedAt: row.finished_at,
  updatedAt: row.updated_at,
});

/**
 * On the national portal: a citizen's dossiers at every member system, as the members reported
 * them, found by the CCCD the citizen signed in with (decision 0017).
 */
export function createNationalDossiers(db: Kysely<Database>) {
  return {
    async list(actor: Actor) {
      const citizenId = await citizenIdOfAccount(db, actor.accountId);
      if (!citizenId) return [];
      return (await repository.dossiersOfCitizen(db, citizenId)).map(summary);
    },

    async get(actor: Actor, code: string) {
      const citizenId = await citizenIdOfAccount(db, actor.accountId);
      const dossier = visibleOr404(
        await repository.dossierForCitizen(db, code, citizenId),
        integrationErrors.dossierNotFound,
      );
      const events = await repository.eventsOf(db, code);
      return {
        ...summary(dossier),
        events: events.map((e) => ({
          action: e.action,
          from: e.from_status,
          to: e.to_status,
          occurredAt: e.occurred_at,
        })),
      };
    },
  };
}
