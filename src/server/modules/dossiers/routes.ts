import { hash } from 'node:crypto';
import etag from '@fastify/etag';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { actorOf, clientOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { readUpload, sendStoredFile } from '../../platform/uploads.ts';
import { dossierErrors } from './errors.ts';
import type { DossierService } from './service.ts';
import {
  ApplicantActionBody,
  ChangedDossier,
  DossierCodeParams,
  DossierDetail,
  DossierFileParams,
  DossierSummary,
  Draft,
  DraftBody,
  DraftParams,
  LifecycleResult,
  PublicDossierLookup,
  SavedDraft,
  SubmitDossierBody,
  SubmissionReceipt,
  UploadedFile,
} from './schemas.ts';
import { FileContent } from './schemas.files.ts';

export function dossierRoutes(
  app: AppInstance,
  deps: { dossiers: DossierService; buckets: RateLimitBuckets; uploadMaxBytes: number },
) {
  const { dossiers, buckets } = deps;

  app.post(
    '/api/v1/files',
    {
      config: { access: 'signed_in', rateLimit: buckets.upload },
      schema: {
        tags: ['dossiers'],
        summary: 'Upload one attachment (multipart/form-data, field "file"); PDF, JPG or PNG',
        consumes: ['multipart/form-data'],
        response: { 201: UploadedFile },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, {
        maxBytes: deps.uploadMaxBytes,
        missing: dossierErrors.fileMissing,
      });
      return reply.status(201).send(await dossiers.uploadFile(actorOf(request), upload));
    },
  );

  app.post(
    '/api/v1/dossiers',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary:
          'Submit a dossier online (at the national portal: kept and handed to the competent agency system, which issues the code)',
        body: SubmitDossierBody,
        response: { 201: SubmissionReceipt },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await dossiers.submitDossier(actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/drafts/:serviceId',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary: 'My unfinished application to a service, if I saved one and it has not expired',
        params: DraftParams,
        response: { 200: Draft },
      },
    },
    (request) => dossiers.getDraft(actorOf(request), request.params.serviceId),
  );

  app.put(
    '/api/v1/drafts/:serviceId',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary:
          'Save my unfinished application (kept for the days the agency sets); answers what is still missing or wrong',
        params: DraftParams,
        body: DraftBody,
        response: { 200: SavedDraft },
      },
    },
    (request) => dossiers.saveDraft(actorOf(request), request.params.serviceId, request.body),
  );

  app.delete(
    '/api/v1/drafts/:serviceId',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary: 'Discard my unfinished application to a service',
        params: DraftParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await dossiers.discardDraft(actorOf(request), request.params.serviceId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/dossiers',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary: "The signed-in citizen's dossiers",
        response: { 200: Type.Array(DossierSummary) },
      },
    },
    (request) => dossiers.listOwnDossiers(actorOf(request)),
  );

  app.get(
    '/api/v1/dossiers/:code',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary: 'One of my dossiers, with its timeline',
        params: DossierCodeParams,
        response: { 200: DossierDetail },
      },
    },
    (request) => dossiers.getOwnDossier(actorOf(request), request.params.code),
  );

  app.post(
    '/api/v1/dossiers/:code/actions',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary: 'Supplement, withdraw or rate my dossier',
        params: DossierCodeParams,
        body: ApplicantActionBody,
        response: { 200: LifecycleResult },
      },
    },
    (request) => dossiers.actAsApplicant(actorOf(request), request.params.code, request.body),
  );

  app.get(
    '/api/v1/dossiers/:code/files/:fileId',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary: 'Download an attachment of my dossier',
        params: DossierFileParams,
        response: { 200: FileContent },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await dossiers.openOwnFile(actorOf(request), request.params.code, request.params.fileId),
      ),
  );

  app.get(
    '/api/v1/machine/dossiers',
    {
      config: { access: 'client', scope: 'dossiers:read', rateLimit: buckets.client },
      schema: {
        tags: ['machine clients'],
        summary:
          'Dossiers of the client’s agencies changed since a time (sync feed, no personal data)',
        security: [{ oauth2: ['dossiers:read'] }],
        querystring: Type.Object(
          {
            since: Type.String({ format: 'date-time' }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(ChangedDossier) },
      },
    },
    (request) =>
      dossiers.changedDossiers(
        clientOf(request),
        new Date(request.query.since),
        request.query.limit ?? 500,
      ),
  );

  // The public lookup answers with an ETag and must be revalidated: a client (or a portal's
  // proxy) polling a dossier gets 304 without a body while nothing changed.
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    await scope.register(etag, {
      hashFn: (payload) => hash('sha1', payload, 'base64url'),
      weak: true,
    });
    scope.get(
      '/api/v1/public/dossiers/:code',
      {
        config: { access: 'public', rateLimit: buckets.publicLookup },
        schema: {
          tags: ['public'],
          summary: 'Status and dates of a dossier by its code (no personal data)',
          description:
            'Answers with an ETag; sent back in If-None-Match, an unchanged status is a 304 without a body.',
          params: DossierCodeParams,
          response: { 200: PublicDossierLookup },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-cache');
        return dossiers.lookupPublicStatus(request.params.code);
      },
    );
  });
}
