import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { readUpload } from '../../platform/uploads.ts';
import type { ServiceVersionsService } from './service.versions.ts';
import {
  AgencyMerger,
  AgencyMergerBody,
  AgencySettings,
  Created,
  ManagedAgencyParams,
  ManagedServiceDetail,
  ManagedServiceParams,
  ManagedServiceSummary,
  NewService,
  ProcedureOption,
  Published,
  SavedDraft,
  Unpublished,
  UploadedTemplate,
  VersionContent,
} from './schemas.admin.ts';
import { catalogErrors } from './errors.ts';
import type { DocumentTemplates } from './service.templates.ts';
import type { AgencyReorganisation } from './service.reorganisation.ts';

/** The largest document template (a blank form to download) an agency may upload. */
const TEMPLATE_MAX_BYTES = 10 * 1024 * 1024;

/** Agency administrators' side of the catalog; each call is scoped to the agencies they administer. */
export function catalogAdminRoutes(
  app: AppInstance,
  deps: {
    versions: ServiceVersionsService;
    templates: DocumentTemplates;
    reorganisation: AgencyReorganisation;
    buckets: RateLimitBuckets;
  },
) {
  const { versions, templates, reorganisation, buckets } = deps;
  const guard = { access: 'officer' as const, rateLimit: buckets.api };

  app.post(
    '/api/v1/admin/agencies/merge',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary:
          'Merge agencies into a successor: their dossiers in progress, feedback, services and officers continue there (system administrators; audited)',
        body: AgencyMergerBody,
        response: { 200: AgencyMerger },
      },
    },
    (request) => reorganisation.merge(actorOf(request), request.body),
  );

  app.get(
    '/api/v1/admin/agencies/:agencyId/settings',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: "An agency's settings for its citizens' applications (its administrators only)",
        params: ManagedAgencyParams,
        response: { 200: AgencySettings },
      },
    },
    (request) => versions.getAgencySettings(actorOf(request), request.params.agencyId),
  );

  app.put(
    '/api/v1/admin/agencies/:agencyId/settings',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: "Change an agency's settings for its citizens' applications (audited)",
        params: ManagedAgencyParams,
        body: AgencySettings,
        response: { 200: AgencySettings },
      },
    },
    (request) =>
      versions.setAgencySettings(actorOf(request), request.params.agencyId, request.body),
  );

  app.get(
    '/api/v1/admin/services',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: 'Services of the agencies I administer',
        response: { 200: Type.Array(ManagedServiceSummary) },
      },
    },
    (request) => versions.listServices(actorOf(request)),
  );

  app.post(
    '/api/v1/admin/services',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: 'Offer a procedure as an online service (draft)',
        body: NewService,
        response: { 201: Created },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await versions.createService(actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/admin/procedures',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: 'Procedures an agency may offer',
        response: { 200: Type.Array(ProcedureOption) },
      },
    },
    () => versions.listProcedures(),
  );

  app.get(
    '/api/v1/admin/services/:serviceId',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: 'A service with all its versions',
        params: ManagedServiceParams,
        response: { 200: ManagedServiceDetail },
      },
    },
    (request) => versions.getService(actorOf(request), request.params.serviceId),
  );

  app.put(
    '/api/v1/admin/services/:serviceId/draft',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: 'Save the draft version (form, documents, days, fee)',
        params: ManagedServiceParams,
        body: VersionContent,
        response: { 200: SavedDraft },
      },
    },
    (request) => versions.saveDraft(actorOf(request), request.params.serviceId, request.body),
  );

  app.post(
    '/api/v1/admin/services/:serviceId/templates',
    {
      config: { access: 'officer', rateLimit: buckets.upload },
      schema: {
        tags: ['catalog admin'],
        summary:
          'Upload a template file for a required document (multipart, field "file"); PDF, DOC, DOCX, XLS, XLSX or ODT',
        consumes: ['multipart/form-data'],
        params: ManagedServiceParams,
        response: { 201: UploadedTemplate },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, {
        maxBytes: TEMPLATE_MAX_BYTES,
        missing: catalogErrors.templateMissing,
      });
      return reply
        .status(201)
        .send(await templates.upload(actorOf(request), request.params.serviceId, upload));
    },
  );

  app.post(
    '/api/v1/admin/services/:serviceId/publish',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: 'Publish the draft; it becomes immutable',
        params: ManagedServiceParams,
        response: { 200: Published },
      },
    },
    (request) => versions.publish(actorOf(request), request.params.serviceId),
  );

  app.post(
    '/api/v1/admin/services/:serviceId/unpublish',
    {
      config: guard,
      schema: {
        tags: ['catalog admin'],
        summary: 'Stop new dossiers; existing ones stay workable',
        params: ManagedServiceParams,
        response: { 200: Unpublished },
      },
    },
    (request) => versions.unpublish(actorOf(request), request.params.serviceId),
  );
}
