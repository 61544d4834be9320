import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app-instance.ts';
import { TimestampReply } from '../../platform/binary-file.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { readUpload, sendStoredFile } from '../../platform/uploads.ts';
import { DossierCodeParams, FileContent } from '../dossiers/index.ts';
import { resultErrors } from './errors.ts';
import {
  DossierIdParams,
  ResultDocumentView,
  ResultFileQuery,
  VerificationCodeParams,
  VerificationRecord,
  VerificationReport,
} from './schemas.ts';
import type { ResultService } from './service.ts';
import { TIMESTAMP_QUERY, TIMESTAMP_REPLY } from './timestamping.ts';

/** The largest result PDF accepted for drafting or verification. */
const RESULT_MAX_BYTES = 20 * 1024 * 1024;

export function resultRoutes(
  app: AppInstance,
  deps: { results: ResultService; buckets: RateLimitBuckets; demoTimestamping: boolean },
) {
  const { results, buckets } = deps;

  async function uploadedPdf(request: FastifyRequest) {
    const { content } = await readUpload(request, {
      maxBytes: RESULT_MAX_BYTES,
      missing: resultErrors.notPdf,
    });
    return content;
  }

  app.get(
    '/api/v1/officer/dossiers/:dossierId/result',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['results'],
        summary: "The dossier's result document: draft and signature",
        params: DossierIdParams,
        response: { 200: ResultDocumentView },
      },
    },
    (request) => results.officerView(actorOf(request), request.params.dossierId),
  );

  app.post(
    '/api/v1/officer/dossiers/:dossierId/result/draft',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['results'],
        summary: "Draft the result from the procedure's template with the dossier's data",
        params: DossierIdParams,
        response: { 200: ResultDocumentView },
      },
    },
    (request) => results.draftFromTemplate(actorOf(request), request.params.dossierId),
  );

  app.post(
    '/api/v1/officer/dossiers/:dossierId/result/upload',
    {
      config: { access: 'officer', rateLimit: buckets.upload },
      schema: {
        tags: ['results'],
        summary: 'Upload the result as PDF (multipart, field "file"), to be signed on approval',
        consumes: ['multipart/form-data'],
        params: DossierIdParams,
        response: { 200: ResultDocumentView },
      },
    },
    async (request) =>
      results.uploadDraft(actorOf(request), request.params.dossierId, await uploadedPdf(request)),
  );

  app.get(
    '/api/v1/officer/dossiers/:dossierId/result/pdf',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['results'],
        summary: 'The result as PDF: the draft, or the signed document (default)',
        params: DossierIdParams,
        querystring: ResultFileQuery,
        response: { 200: FileContent },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await results.officerFile(
          actorOf(request),
          request.params.dossierId,
          request.query.kind ?? 'signed',
        ),
      ),
  );

  app.get(
    '/api/v1/dossiers/:code/result',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['results'],
        summary: 'My signed result: who signed, when, its verification code',
        params: DossierCodeParams,
        response: { 200: ResultDocumentView },
      },
    },
    (request) => results.applicantView(actorOf(request), request.params.code),
  );

  app.get(
    '/api/v1/dossiers/:code/result/pdf',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['results'],
        summary: 'Download my signed result (PDF, PAdES)',
        params: DossierCodeParams,
        response: { 200: FileContent },
      },
    },
    async (request, reply) =>
      sendStoredFile(reply, await results.applicantFile(actorOf(request), request.params.code)),
  );

  app.post(
    '/api/v1/results/verify',
    {
      config: { access: 'public', rateLimit: buckets.publicLookup },
      schema: {
        tags: ['results'],
        summary:
          'Verify a result PDF (multipart, field "file"): signatures intact and trusted, signer, time, and the dossier when this portal issued it',
        consumes: ['multipart/form-data'],
        response: { 200: VerificationReport },
      },
    },
    async (request) => results.verifyPdf(await uploadedPdf(request)),
  );

  app.get(
    '/api/v1/results/verify/:verificationCode',
    {
      config: { access: 'public', rateLimit: buckets.publicLookup },
      schema: {
        tags: ['results'],
        summary: 'The result behind a verification code (the QR code on the document)',
        params: VerificationCodeParams,
        response: { 200: VerificationRecord },
      },
    },
    (request) => results.lookup(request.params.verificationCode),
  );

  if (deps.demoTimestamping) demoTimestampRoute(app, deps);
}

/**
 * The demo time-stamping authority over the RFC 3161 HTTP transport (section 3.4): what TSA_URL
 * names in production, served here in demo mode so the client is exercised as it is in production.
 */
function demoTimestampRoute(
  app: AppInstance,
  { results, buckets }: { results: ResultService; buckets: RateLimitBuckets },
) {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      TIMESTAMP_QUERY,
      { parseAs: 'buffer', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/v1/timestamps',
      {
        config: { access: 'public', rateLimit: buckets.publicLookup },
        schema: {
          tags: ['results'],
          summary:
            'Demo time-stamping authority (RFC 3161): a DER TimeStampReq in, a DER TimeStampResp out',
          // The body is DER, read by the authority itself: a malformed one gets an RFC 3161 rejection.
          consumes: [TIMESTAMP_QUERY],
          response: { 200: TimestampReply },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw resultErrors.notTimestampQuery();
        return reply.type(TIMESTAMP_REPLY).send(await results.timestampReply(request.body));
      },
    );
  });
}
