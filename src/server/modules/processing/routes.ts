import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { DeskService } from '../catalog/schemas.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { BinaryFile } from '../../platform/binary-file.ts';
import { sendStoredFile } from '../../platform/uploads.ts';
import {
  DossierDetail,
  FileContent,
  LifecycleResult,
  OfficerActionBody,
  RegisterDossierBody,
  SubmittedDossier,
} from '../dossiers/index.ts';
import type { ProcessingService } from './service.ts';
import {
  DossierFileIdParams,
  DossierFormParams,
  DossierIdParams,
  InboxPage,
  InboxQuery,
  RegisterQuery,
  OwnDossierFormParams,
} from './schemas.ts';

export function processingRoutes(
  app: AppInstance,
  deps: { processing: ProcessingService; buckets: RateLimitBuckets },
) {
  const { processing, buckets } = deps;

  app.get(
    '/api/v1/officer/inbox',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary: "Dossiers the officer's agencies hold: filtered, searched, sorted, paged",
        querystring: InboxQuery,
        response: { 200: InboxPage },
      },
    },
    (request) => {
      const { page = 1, pageSize = 20, sort = 'submitted_desc', ...filters } = request.query;
      return processing.inbox(actorOf(request), {
        status: filters.status,
        procedureCode: filters.procedure,
        channel: filters.channel,
        deadline: filters.deadline,
        q: filters.q,
        view: filters.view ?? 'held',
        sort,
        page,
        pageSize,
      });
    },
  );

  app.get(
    '/api/v1/officer/register',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary:
          'The dossier register (Sổ theo dõi hồ sơ) of my agencies for a period, with the inbox’s filters, streamed as CSV or XLSX',
        querystring: RegisterQuery,
        response: { 200: BinaryFile },
      },
    },
    async (request, reply) => {
      const { procedure, ...rest } = request.query;
      const file = await processing.exportRegister(actorOf(request), {
        ...rest,
        procedureCode: procedure,
      });
      reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('vary', 'accept-encoding');
      // A workbook is a zip already; a CSV is sent gzipped to a client that takes it: about ten
      // times fewer bytes on the wire.
      if (
        file.mediaType.startsWith('text/csv') &&
        negotiate(request.headers['accept-encoding'] ?? '', ['gzip']) === 'gzip'
      ) {
        const gzipped = createGzip({ level: 1 });
        pipeline(file.content, gzipped, () => undefined);
        return reply.header('content-encoding', 'gzip').send(gzipped);
      }
      return reply.send(file.content);
    },
  );

  app.get(
    '/api/v1/officer/dossiers/:dossierId',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary: 'Open a dossier of my agency',
        params: DossierIdParams,
        response: { 200: DossierDetail },
      },
    },
    (request) => processing.openDossier(actorOf(request), request.params.dossierId),
  );

  app.get(
    '/api/v1/officer/dossiers/:dossierId/files/:fileId',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary: 'Download an attachment',
        params: DossierFileIdParams,
        response: { 200: FileContent },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await processing.openFile(
          actorOf(request),
          request.params.dossierId,
          request.params.fileId,
        ),
      ),
  );

  app.get(
    '/api/v1/officer/desk-services',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary:
          'Services my desks may register: my agencies’ own, and those my service centers receive for other agencies (Decree 118/2025)',
        response: { 200: Type.Array(DeskService) },
      },
    },
    (request) => processing.deskServices(actorOf(request)),
  );

  app.post(
    '/api/v1/officer/dossiers',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary:
          'Register a dossier handed in at the desk or by post, with its scanned documents (uploaded first to /api/v1/files)',
        body: RegisterDossierBody,
        response: { 201: SubmittedDossier },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await processing.register(actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/officer/dossiers/:dossierId/actions',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary:
          'Act on a dossier: receive, request a supplement, refuse, claim, assign, forward, send back, ask an opinion, transfer, approve, reschedule, return the result',
        params: DossierIdParams,
        body: OfficerActionBody,
        response: { 200: LifecycleResult },
      },
    },
    (request) => processing.act(actorOf(request), request.params.dossierId, request.body),
  );

  app.get(
    '/api/v1/officer/dossiers/:dossierId/forms/:form',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary:
          'A one-stop-shop form as PDF: receipt (01), supplement request (02), refusal (03), apology (04), control sheet (05)',
        params: DossierFormParams,
        response: { 200: FileContent },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await processing.officerForm(
          actorOf(request),
          request.params.dossierId,
          request.params.form,
        ),
      ),
  );

  app.get(
    '/api/v1/dossiers/:code/forms/:form',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['dossiers'],
        summary:
          'My copy of a form of my dossier, as PDF (receipt, supplement request, refusal, apology)',
        params: OwnDossierFormParams,
        response: { 200: FileContent },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await processing.applicantForm(actorOf(request), request.params.code, request.params.form),
      ),
  );
}
