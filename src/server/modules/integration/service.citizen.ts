import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { visibleOr404 } from '../../platform/errors.ts';
import { citizenIdOfAccount } from '../identity/index.ts';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { integrationErrors } from './errors.ts';
import { signForSeconds } from './federation-keys.ts';
import * as repository from './repository.ts';
import { RESULT_REQUEST } from './service.portal-intake.ts';

const summary = (row: Awaited<ReturnType<typeof repository.dossiersOfCitizen>>[number]) => ({
  code: row.code,
  agencyCode: row.agency_code,
  agencyName: row.agency_name ?? row.agency_code,
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
/** The signed result's bytes from the member, or null when it cannot give them now. */
async function fetchResult(url: URL, token: string): Promise<Buffer | null> {
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30_000),
    });
    return response.ok ? Buffer.from(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

export function createNationalDossiers(db: Kysely<Database>) {
  return {
    /**
     * The applicant's signed result, fetched from the member that keeps it (the portal keeps only
     * its hash) with a request the portal signs for this applicant and dossier, and given out
     * only if it is the very file the member reported signing.
     */
    async resultFile(actor: Actor, code: string) {
      const citizenId = await citizenIdOfAccount(db, actor.accountId);
      const dossier = visibleOr404(
        await repository.dossierForCitizen(db, code, citizenId),
        integrationErrors.dossierNotFound,
      );
      if (!citizenId || !dossier.result_sha256) throw integrationErrors.resultNotReady();
      const member = await repository.memberServing(db, dossier.agency_code);
      if (!member?.url) throw integrationErrors.resultUnavailable();
      const token = await signForSeconds(db, { type: RESULT_REQUEST, code, citizenId }, 60);
      const pdf = await fetchResult(
        new URL(`/api/v1/federation/results/${encodeURIComponent(code)}`, member.url),
        token,
      );
      // only the very file the member reported signing
      if (!pdf || createHash('sha256').update(pdf).digest('hex') !== dossier.result_sha256)
        throw integrationErrors.resultUnavailable();
      return {
        file_name: `ket-qua-${code}.pdf`,
        media_type: 'application/pdf',
        size_bytes: pdf.length,
        content: Readable.from([pdf]),
      };
    },

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
      const [events, payments, member] = await Promise.all([
        repository.eventsOf(db, code),
        repository.paymentsOf(db, code),
        repository.memberServing(db, dossier.agency_code),
      ]);
      return {
        ...summary(dossier),
        // to pay, answer a request or read it all at the agency's system: one sign-in (SSO)
        memberLink: member?.url
          ? `${member.url}/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(`/ho-so-cua-toi/${code}`)}`
          : null,
        result:
          dossier.result_verification_code && dossier.result_sha256 && dossier.result_signed_at
            ? {
                verificationCode: dossier.result_verification_code,
                sha256: dossier.result_sha256,
                signedAt: dossier.result_signed_at,
              }
            : null,
        payments: payments.map((p) => ({
          state: p.state,
          amountVnd: p.amount_vnd,
          receiptNo: p.receipt_no,
          at: p.occurred_at,
        })),
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
