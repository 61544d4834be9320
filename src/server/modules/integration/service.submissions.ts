import type { Kysely } from 'kysely';
import { buffer } from 'node:stream/consumers';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import {
  DELIVERY_LEASE_SECONDS,
  REFUSED_BY_MEMBER,
  retryWaitSeconds,
} from '../../platform/member-delivery.ts';
import { startPoller } from '../../platform/poller.ts';
import { releaseSubmissionFiles, submissionFiles, type HandOver } from '../dossiers/index.ts';
import { integrationErrors } from './errors.ts';
import { signForSeconds } from './federation-keys.ts';
import * as members from './repository.ts';
import * as repository from './repository.submissions.ts';

/** The member's intake, relative to its public address. */
const SUBMISSION_PATH = '/api/v1/federation/submissions';

/**
 * On the national portal (decision 0017): keeps a citizen's valid application, in the transaction
 * that claims its files, until the competent member system has it.
 */
export const keepSubmission: HandOver = async (tx, application) => {
  const { citizenId, actor, service } = application;
  if (!citizenId) throw integrationErrors.noCitizenId();
  const row = await repository.insertSubmission(tx, { ...application, citizenId });
  await appendAudit(tx, {
    actor,
    action: 'federation.submission_kept',
    subject: { type: 'hub_submission', id: row.id },
    details: { agencyCode: service.agency.code, procedureCode: service.procedureCode },
  });
  return {
    submissionId: row.id,
    submittedAt: row.created_at,
    procedureName: service.procedureName,
    agencyName: service.agency.name,
    processingDays: service.processingDays,
  };
};

type Submission = Awaited<ReturnType<typeof repository.claimDue>>[number];

/**
 * The portal's delivery of kept applications to the member systems: each signed with the
 * portal's federation key, with its files, to the member that answers for the agency's code. A
 * member that cannot be reached, or fails, is tried again, waiting longer each time (at most five
 * minutes); a member that refuses the application (its form or files, a service it no longer
 * offers) ends it, and the citizen is told why. The member makes one dossier per submission, so a
 * delivery repeated after a lost answer changes nothing.
 */
export function createSubmissionDelivery(
  db: Kysely<Database>,
  options: { storage: FileStorage; timeoutMs?: number },
) {
  async function retryLater(submission: Submission, error: string) {
    const wait = retryWaitSeconds(submission.attempts);
    await repository.markFailed(db, submission.id, error, new Date(Date.now() + wait * 1000));
  }

  async function request(submission: Submission) {
    const files = await submissionFiles(db, submission.id);
    const byId = new Map(files.map((f) => [f.id, f]));
    const documents = submission.documents.flatMap((d) => {
      const file = byId.get(d.fileId);
      return file
        ? [{ documentKey: d.documentKey, fileName: file.file_name, sha256: file.sha256 }]
        : [];
    });
    const jws = await signForSeconds(
      db,
      {
        type: 'hub.submission',
        id: submission.id,
        agencyCode: submission.agency_code,
        procedureCode: submission.procedure_code,
        version: submission.version,
        applicant: { citizenId: submission.citizen_id, fullName: submission.applicant_name },
        formData: submission.form_data,
        feeChoice: submission.fee_choice,
        documents,
        ...(submission.return_at_code ? { returnAtCode: submission.return_at_code } : {}),
      },
      600,
    );
    return {
      submission: jws,
      files: await Promise.all(
        files.map(async (f) => ({
          sha256: f.sha256,
          contentBase64: (await buffer(options.storage.read(f.storage_key))).toString('base64'),
        })),
      ),
    };
  }

  async function deliverOne(submission: Submission) {
    const member = await members.memberServing(db, submission.agency_code);
    if (!member?.url) {
      await retryLater(submission, 'no member system answers for this agency code');
      return false;
    }
    const memberActor = { anonymous: `member system ${member.name}`, ip: new URL(member.url).host };
    let response: Response;
    try {
      response = await fetch(new URL(SUBMISSION_PATH, member.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await request(submission)),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      await retryLater(submission, error instanceof Error ? error.message : String(error));
      return false;
    }
    const answer = (await response.json().catch(() => ({}))) as {
      code?: unknown;
      title?: string;
      detail?: string;
    };
    if (response.ok && typeof answer.code === 'string') {
      const code = answer.code;
      const removed = await db.transaction().execute(async (tx) => {
        await repository.markDelivered(tx, submission.id, code);
        await appendAudit(tx, {
          actor: memberActor,
          action: 'federation.submission_delivered',
          subject: { type: 'hub_submission', id: submission.id },
          details: { code },
        });
        // the files are the member's now
        return releaseSubmissionFiles(tx, submission.id);
      });
      // a crash before this leaves bytes no row names; nothing reads them
      await Promise.allSettled(removed.map((r) => options.storage.remove(r.storage_key)));
      return true;
    }
    const reason = [answer.title, answer.detail].filter(Boolean).join(': ');
    if (REFUSED_BY_MEMBER.has(response.status)) {
      await repository.markRefused(db, submission.id, reason || `HTTP ${String(response.status)}`);
      await appendAudit(db, {
        actor: memberActor,
        action: 'federation.submission_refused',
        subject: { type: 'hub_submission', id: submission.id },
        details: { status: response.status, reason },
      });
      return false;
    }
    await retryLater(submission, `${String(response.status)} ${reason}`.trim());
    return false;
  }

  return {
    /** Delivers what is due (a batch at a time); answers how many members took. */
    async deliverDue(limit = 10): Promise<number> {
      let delivered = 0;
      for (;;) {
        const due = await repository.claimDue(db, limit, DELIVERY_LEASE_SECONDS);
        if (due.length === 0) return delivered;
        for (const submission of due) if (await deliverOne(submission)) delivered += 1;
      }
    },
  };
}

/** Delivers kept applications while the process runs (every `intervalMs`). */
export function startSubmissionDelivery(
  db: Kysely<Database>,
  options: { storage: FileStorage },
  onError: (error: unknown) => void,
  intervalMs = 500,
) {
  const delivery = createSubmissionDelivery(db, options);
  return startPoller(
    { waiting: () => Promise.resolve(true), work: () => delivery.deliverDue() },
    onError,
    intervalMs,
  );
}

const view = (row: Awaited<ReturnType<typeof repository.submissionById>> & object) => ({
  id: row.id,
  state: row.state,
  code: row.member_code,
  procedureName: row.procedure_name,
  agencyName: row.agency_name,
  submittedAt: row.created_at,
  deliveredAt: row.delivered_at,
  // the member's reason when it refused; a delay's technical cause is the administrator's
  refusal: row.state === 'refused' ? row.last_error : null,
  // tried and not yet reached: the citizen is told the agency's system is out of reach for now
  waiting: row.state === 'pending' && row.attempts > 0 && row.last_error !== null,
});

/** On the national portal: a citizen's applications on their way to the member systems. */
export function createNationalSubmissions(db: Kysely<Database>) {
  return {
    async list(actor: Actor) {
      return (await repository.submissionsOf(db, actor.accountId)).map(view);
    },
    async get(actor: Actor, id: string) {
      const row = await repository.submissionById(db, id);
      if (!row) throw integrationErrors.submissionNotFound();
      if (row.account_id !== actor.accountId) throw integrationErrors.submissionNotFound.hidden();
      return view(row);
    },
  };
}
