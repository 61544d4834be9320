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
import { PortalSubmission, type SubmissionDelivery } from './schemas.ts';

const submissionCheck = Compile(PortalSubmission);

/** What the portal signs to fetch a result for the applicant who asked it (decision 0017). */
export const RESULT_REQUEST = 'hub.result-request';

type StoredFile = {
  file_name: string;
  media_type: string;
  size_bytes: number;
  content: Readable;
};

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
      const contents = new Map(
        body.files.map((f) => [f.sha256, Buffer.from(f.contentBase64, 'base64')]),
      );
      const files = payload.documents.map((document) => {
        const content = contents.get(document.sha256);
        // the bytes must be those the portal signed the hash of
        if (!content || createHash('sha256').update(content).digest('hex') !== document.sha256)
          throw integrationErrors.malformed(`Tệp ${document.fileName} không khớp với bản được ký`);
        return { documentKey: document.documentKey, fileName: document.fileName, content };
      });
      return deps.receive({
        submissionId: payload.id,
        agencyCode: payload.agencyCode,
        procedureCode: payload.procedureCode,
        applicant: payload.applicant,
        formData: payload.formData,
        feeChoice: payload.feeChoice,
        files,
        ip,
      });
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
