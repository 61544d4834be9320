import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { sendStoredFile } from '../../platform/uploads.ts';
import { DossierDetail, DossierSummary, FileContent } from '../dossiers/index.ts';
import type { ProcessingService } from './service.ts';
import {
  ActionBody,
  ActionResult,
  DossierFileIdParams,
  DossierIdParams,
  InboxQuery,
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
        summary: "Dossiers of the officer's agencies",
        querystring: InboxQuery,
        response: { 200: Type.Array(DossierSummary) },
      },
    },
    (request) => processing.inbox(actorOf(request), request.query.status),
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

  app.post(
    '/api/v1/officer/dossiers/:dossierId/receive',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags: ['processing'],
        summary: 'Receive (tiếp nhận) a submitted dossier',
        params: DossierIdParams,
        body: ActionBody,
        response: { 200: ActionResult },
      },
    },
    (request) =>
      processing.receiveDossier(
        actorOf(request),
        request.params.dossierId,
        request.body.lockVersion,
      ),
  );
}
