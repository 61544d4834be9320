import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { ApplicationFromPortal } from '../dossiers/index.ts';
import { citizenAccountId } from '../identity/index.ts';
import { integrationErrors } from './errors.ts';
import { portalVerifier } from './federation-keys.ts';
import {
  PortalFeedback,
  PortalFeedbackRating,
  PortalSubmission,
  type FeedbackDelivery,
  type SubmissionDelivery,
} from './schemas.ts';

const submissionCheck = Compile(PortalSubmission);
const feedbackCheck = Compile(PortalFeedback);
const ratingCheck = Compile(PortalFeedbackRating);

type FeedbackFromPortal = Omit<Static<typeof PortalFeedback>, 'type' | 'files'> & {
  files: { fileName: string; content: Buffer }[];
};

/** What the portal signs to fetch a result for the applicant who asked it (decision 0017). */
export const RESULT_REQUEST = 'hub.result-request';

type StoredFile = {
  file_name: string;
  media_type: string;
  size_bytes: number;
  content: Readable;
};

/** The files the portal signed the hashes of, each with the bytes sent beside the signature. */
function signedFiles<T extends { fileName: string; sha256: string }>(
  signed: readonly T[],
  sent: readonly { sha256: string; contentBase64: string }[],
): (T & { content: Buffer })[] {
  const contents = new Map(sent.map((f) => [f.sha256, Buffer.from(f.contentBase64, 'base64')]));
  return signed.map((file) => {
    const content = contents.get(file.sha256);
    // the bytes must be those the portal signed the hash of
    if (!content || createHash('sha256').update(content).digest('hex') !== file.sha256)
      throw integrationErrors.malformed(`Tệp ${file.fileName} không khớp với bản được ký`);
    return { ...file, content };
  });
}

/**
 * A member system's side of submission at the national portal (decision 0017): it takes the
 * applications the portal signs, and hands the portal an applicant's signed result when the
 * portal asks for them. Nothing is taken that the portal's published keys did not sign.
 */
export function createPortalIntake(deps: {
  db: Kysely<Database>;
  hubUrl: string;
  receive: (
    application: ApplicationFromPortal,
  ) => Promise<{ code: string; status: string; submittedAt: Date }>;
  /** The signed result of the dossier, if this account is its applicant's. */
  resultFileOf: (applicantId: string, code: string) => Promise<StoredFile>;
  /** Feedback the portal forwards to one of this system's agencies: made an item once. */
  receiveFeedback?: (item: FeedbackFromPortal, ip: string) => Promise<{ code: string }>;
  /** The sender's rating of an answer this system gave to an item from the portal. */
  rateFeedback?: (rating: Omit<Static<typeof PortalFeedbackRating>, 'type'>) => Promise<{
    code: string;
  }>;
}) {
  const verify = portalVerifier(deps.hubUrl);

  async function refuse(ip: string, what: string) {
    await appendAudit(deps.db, {
      actor: { anonymous: 'national portal (unverified)', ip },
      action: 'federation.refused',
      details: { what, code: 'FEDERATION_NOT_PORTAL' },
    });
    return integrationErrors.notPortal();
  }

  return {
    async accept(body: Static<typeof SubmissionDelivery>, ip: string) {
      const payload = await verify(body.submission);
      if (!payload) throw await refuse(ip, 'submission');
      if (!submissionCheck.Check(payload)) throw integrationErrors.malformed();
      const files = signedFiles(payload.documents, body.files);
      return deps.receive({
        submissionId: payload.id,
        agencyCode: payload.agencyCode,
        procedureCode: payload.procedureCode,
        applicant: payload.applicant,
        formData: payload.formData,
        feeChoice: payload.feeChoice,
        returnAtCode: payload.returnAtCode,
        files: files.map(({ documentKey, fileName, content }) => ({
          documentKey,
          fileName,
          content,
        })),
        ip,
      });
    },

    /** An item of feedback the portal forwards, or the sender's rating of its answer. */
    async acceptFeedback(body: Static<typeof FeedbackDelivery>, ip: string) {
      const payload = await verify(body.message);
      if (!payload) throw await refuse(ip, 'feedback');
      if (ratingCheck.Check(payload)) {
        const { type: _type, ...rating } = payload;
        if (!deps.rateFeedback) throw integrationErrors.malformed();
        return deps.rateFeedback(rating);
      }
      if (!feedbackCheck.Check(payload) || !deps.receiveFeedback)
        throw integrationErrors.malformed();
      const { type: _type, files, ...item } = payload;
      return deps.receiveFeedback({ ...item, files: signedFiles(files, body.files) }, ip);
    },

    async result(authorization: string | undefined, code: string, ip: string) {
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      const payload = token ? await verify(token) : null;
      if (
        payload?.type !== RESULT_REQUEST ||
        payload.code !== code ||
        typeof payload.citizenId !== 'string' ||
        typeof payload.exp !== 'number'
      )
        throw await refuse(ip, 'result');
      const applicantId = await citizenAccountId(deps.db, payload.citizenId);
      if (!applicantId) throw integrationErrors.dossierNotFound();
      return deps.resultFileOf(applicantId, code);
    },
  };
}
