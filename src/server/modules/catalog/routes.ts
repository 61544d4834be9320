import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import type { RateLimitBuckets } from '../../platform/route-rules.ts';
import { BinaryFile } from '../../platform/binary-file.ts';
import { sendStoredFile } from '../../platform/uploads.ts';
import { communesOf } from './administrative-units.ts';
import type { CatalogService } from './service.ts';
import type { DocumentTemplates } from './service.templates.ts';
import {
  Agency,
  AgencyQuery,
  Commune,
  CommuneQuery,
  FieldCount,
  ServiceDetail,
  ServiceParams,
  ServicePage,
  ServiceSearchQuery,
  ServiceListQuery,
  ProcedurePage,
  ReceivingCenter,
  TemplateParams,
} from './schemas.ts';

export function catalogRoutes(
  app: AppInstance,
  deps: { catalog: CatalogService; templates: DocumentTemplates; buckets: RateLimitBuckets },
) {
  const { catalog, templates, buckets } = deps;

  app.get(
    '/api/v1/catalog/templates/:templateId',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['catalog'],
        summary: 'Download the template (mẫu đơn) of a required document',
        params: TemplateParams,
        response: { 200: BinaryFile },
      },
    },
    async (request, reply) =>
      sendStoredFile(reply, await templates.open(request.actor ?? null, request.params.templateId)),
  );

  app.get(
    '/api/v1/catalog/services',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['catalog'],
        summary: 'Search and browse published online services, 20 a page',
        querystring: ServiceListQuery,
        response: { 200: ServicePage },
      },
    },
    (request) =>
      catalog.searchServices(
        {
          query: request.query.q,
          agencyCode: request.query.agency,
          field: request.query.field,
          onlineLevel: request.query.level,
          procedureCode: request.query.procedure,
        },
        request.query.page ?? 1,
      ),
  );

  app.get(
    '/api/v1/catalog/procedures',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['catalog'],
        summary: 'Search and browse the catalog one procedure at a time, 20 a page',
        description:
          'Each procedure once, with how many agencies offer it within the filter; `/catalog/services?procedure=` lists them.',
        querystring: ServiceSearchQuery,
        response: { 200: ProcedurePage },
      },
    },
    (request) =>
      catalog.searchProcedures(
        {
          query: request.query.q,
          agencyCode: request.query.agency,
          field: request.query.field,
          onlineLevel: request.query.level,
        },
        request.query.page ?? 1,
      ),
  );

  app.get(
    '/api/v1/catalog/fields',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['catalog'],
        summary: 'Fields (lĩnh vực) with published services',
        response: { 200: Type.Array(FieldCount) },
      },
    },
    () => catalog.listFields(),
  );

  app.get(
    '/api/v1/catalog/services/:serviceId/centers',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['catalog'],
        summary:
          'Public Administration Service Centers that receive the service’s dossiers and return its results besides the competent agency (Decree 118/2025)',
        params: ServiceParams,
        response: { 200: Type.Array(ReceivingCenter) },
      },
    },
    (request) => catalog.receivingCenters(request.params.serviceId),
  );

  app.get(
    '/api/v1/catalog/services/:serviceId',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['catalog'],
        summary: 'A published service with its form and required documents',
        params: ServiceParams,
        response: { 200: ServiceDetail },
      },
    },
    (request) => catalog.getPublishedService(request.params.serviceId),
  );

  app.get(
    '/api/v1/catalog/agencies',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['catalog'],
        summary: 'Agency registry, with validity dates and successors',
        querystring: AgencyQuery,
        response: { 200: Type.Array(Agency) },
      },
    },
    (request) => catalog.listAgencies(request.query.current ?? false),
  );

  app.get(
    '/api/v1/catalog/communes',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['catalog'],
        summary: 'Communes, wards and special zones of a province (since 1 July 2025)',
        querystring: CommuneQuery,
        response: { 200: Type.Array(Commune) },
      },
    },
    (request) => communesOf(request.query.province),
  );
}
