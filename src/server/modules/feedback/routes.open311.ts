import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { FEEDBACK_STATE_LABELS, open311Status } from '../../../domain/feedback.ts';
import type { AppInstance } from '../../app-instance.ts';
import type { MachineClient } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { RateLimitBuckets } from '../../platform/route-rules.ts';
import * as repository from './repository.ts';
import type { FeedbackService } from './service.ts';
import { feedbackErrors } from './errors.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the feedback categories are its
 * services, feedback items its service requests. JSON only. Errors are the spec's list of
 * `{code, description}`, not problem JSON, so that city apps and civic tools read them.
 */
export const OPEN311_PREFIX = '/api/open311/v2';
export const OPEN311_SCOPE = 'feedback:submit';

const Open311Error = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }));

const Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.Literal('realtime'),
  keywords: Type.String(),
  group: Type.String(),
});

const ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(Type.Object({})),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Nullable(Type.String()),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Nullable(Type.String()),
  agency_responsible: Nullable(Type.String()),
  service_notice: Nullable(Type.String()),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Nullable(Type.String()),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
});

const CreateRequestBody = Type.Object({
  api_key: Type.Optional(Type.String({ maxLength: 4000 })),
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
  service_code: Type.String({ maxLength: 40 }),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  address_string: Type.Optional(Type.String({ maxLength: 300 })),
  address_id: Type.Optional(Type.String({ maxLength: 100 })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  device_id: Type.Optional(Type.String({ maxLength: 200 })),
  account_id: Type.Optional(Type.String({ maxLength: 200 })),
  first_name: Type.Optional(Type.String({ maxLength: 50 })),
  last_name: Type.Optional(Type.String({ maxLength: 50 })),
  phone: Type.Optional(Type.String({ format: 'vn-phone' })),
  description: Type.String({ minLength: 20, maxLength: 4000 }),
  media_url: Type.Optional(Type.String({ maxLength: 2000 })),
});

const RequestsQuery = Type.Object({
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
  service_request_id: Type.Optional(Type.String({ maxLength: 2000 })),
  service_code: Type.Optional(Type.String({ maxLength: 400 })),
  start_date: Type.Optional(Type.String({ format: 'date-time' })),
  end_date: Type.Optional(Type.String({ format: 'date-time' })),
  status: Type.Optional(Type.String({ pattern: '^(open|closed)(,(open|closed))?$' })),
});

const ServiceCodeParams = Type.Object({ service_code: Type.String({ maxLength: 40 }) });
const RequestIdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });

type RequestRow = Awaited<ReturnType<typeof repository.listOpen311Requests>>[number];

/** A request as Open311 shows it: the text only once published, personal data never. */
function toServiceRequest(row: RequestRow): Static<typeof ServiceRequest> {
  const published = row.published_at !== null;
  return {
    service_request_id: row.code,
    status: open311Status(row.state),
    status_notes:
      row.state === 'rejected'
        ? `${FEEDBACK_STATE_LABELS.rejected}: ${row.rejection_reason ?? ''}`
        : FEEDBACK_STATE_LABELS[row.state],
    service_name: row.category_name,
    service_code: row.category_code,
    description: published ? row.public_content : null,
    agency_responsible: row.agency_name,
    service_notice: published ? row.public_answer : null,
    requested_datetime: row.received_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
    expected_datetime: row.due_at?.toISOString() ?? null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

const open311Error = (status: number, description: string) => [{ code: status, description }];

export function open311Routes(
  app: AppInstance,
  deps: {
    feedback: FeedbackService;
    db: Kysely<Database>;
    buckets: RateLimitBuckets;
    resolveApiKey: (key: string) => Promise<MachineClient | null>;
  },
) {
  const { feedback, buckets } = deps;
  const tags = ['open311'];

  void app.register(
    async (scope: FastifyInstance) => {
      const open311 = scope.withTypeProvider<TypeBoxTypeProvider>();
      open311.setErrorHandler((error: FastifyError | AppError, request, reply) => {
        if (error instanceof AppError) {
          const detail = error.detail ? `${error.title}: ${error.detail}` : error.title;
          return reply.status(error.status).send(open311Error(error.status, detail));
        }
        if (error.validation)
          return reply
            .status(400)
            .send(open311Error(400, `Dữ liệu gửi lên không hợp lệ: ${error.message}`));
        const status = error.statusCode ?? 500;
        if (status >= 500) request.log.error({ err: error }, 'open311 request failed');
        return reply
          .status(status)
          .send(open311Error(status, status >= 500 ? 'Lỗi hệ thống' : error.message));
      });
      // Anything else under the prefix (another format, a misspelt resource): the spec's 404, not
      // the web app's page nor problem JSON.
      const missing = async (_request: FastifyRequest, reply: FastifyReply) => {
        await reply
          .status(404)
          .send(open311Error(404, 'Không có tài nguyên này (định dạng hỗ trợ: .json)'));
      };
      open311.setNotFoundHandler(missing);
      open311.all(
        '/*',
        {
          config: { access: 'public', rateLimit: buckets.api },
          schema: { hide: true, response: { 404: Open311Error } },
        },
        missing,
      );

      open311.get(
        '/services.json',
        {
          config: { access: 'public', rateLimit: buckets.api },
          schema: {
            tags,
            summary: 'Open311: the feedback categories as services',
            response: { 200: Type.Array(Service), '4xx': Open311Error },
          },
        },
        async () =>
          (await feedback.categories()).map((c) => ({
            service_code: c.code,
            service_name: c.name,
            description: c.description,
            metadata: false,
            type: 'realtime' as const,
            keywords: c.subject === 'handling' ? 'ho so,giai quyet' : 'quy dinh,thu tuc',
            group:
              c.subject === 'handling' ? 'Giải quyết thủ tục hành chính' : 'Quy định hành chính',
          })),
      );

      open311.get(
        '/services/:service_code.json',
        {
          config: { access: 'public', rateLimit: buckets.api },
          schema: {
            tags,
            summary: 'Open311: a service definition (no extra attributes)',
            params: ServiceCodeParams,
            response: { 200: ServiceDefinition, '4xx': Open311Error },
          },
        },
        async (request) => {
          const known = (await feedback.categories()).some(
            (c) => c.code === request.params.service_code,
          );
          if (!known) throw feedbackErrors.notFound('Không có lĩnh vực (service_code) này');
          return { service_code: request.params.service_code, attributes: [] };
        },
      );

      open311.post(
        '/requests.json',
        {
          config: { access: 'public', rateLimit: buckets.upload },
          schema: {
            tags,
            summary:
              'Open311: create a service request (form-encoded or JSON); api_key is an access token with scope feedback:submit, or none under the anonymous limits',
            consumes: ['application/x-www-form-urlencoded', 'application/json'],
            body: CreateRequestBody,
            response: {
              201: Type.Array(
                Type.Object({
                  service_request_id: Type.String(),
                  service_notice: Type.String(),
                  account_id: Nullable(Type.String()),
                }),
              ),
              '4xx': Open311Error,
            },
          },
        },
        async (request, reply) => {
          const body = request.body;
          let client: MachineClient | null = request.client;
          if (body.api_key) {
            client = await deps.resolveApiKey(body.api_key);
            if (!client) return reply.status(403).send(open311Error(403, 'api_key không hợp lệ'));
          }
          if (client && !client.scopes.includes(OPEN311_SCOPE))
            return reply
              .status(403)
              .send(open311Error(403, `api_key cần phạm vi "${OPEN311_SCOPE}"`));
          if (body.lat === undefined && !body.address_string && !body.address_id)
            return reply
              .status(400)
              .send(open311Error(400, 'Cần vị trí: lat và long, hoặc address_string'));
          const name = [body.last_name, body.first_name].filter(Boolean).join(' ').trim();
          const description = body.description.trim();
          const sent = await feedback.send(
            {
              kind: 'anonymous',
              ip: request.ip,
              ...(client ? { apiClientId: client.clientId } : {}),
            },
            {
              categoryCode: body.service_code,
              title: description.length > 80 ? `${description.slice(0, 77)}…` : description,
              content: description,
              senderName: name.length >= 2 ? name : 'Người gửi qua Open311',
              ...(body.phone ? { phone: body.phone } : {}),
              ...(body.email ? { email: body.email } : {}),
              ...(body.address_string ? { address: body.address_string } : {}),
              ...(body.lat !== undefined && body.long !== undefined
                ? { latitude: body.lat, longitude: body.long }
                : {}),
              consentToPublish: false,
            },
          );
          return reply.status(201).send([
            {
              service_request_id: sent.code,
              service_notice: `Đã tiếp nhận. Mã theo dõi: ${sent.code}; khóa tra cứu: ${sent.trackingKey}`,
              account_id: null,
            },
          ]);
        },
      );

      open311.get(
        '/requests.json',
        {
          config: { access: 'public', rateLimit: buckets.api },
          schema: {
            tags,
            summary:
              'Open311: service requests (by default the last 90 days, at most 1,000); text shown only once published',
            querystring: RequestsQuery,
            response: { 200: Type.Array(ServiceRequest), '4xx': Open311Error },
          },
        },
        async (request) => {
          const q = request.query;
          const ids = q.service_request_id
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          const end = q.end_date ? new Date(q.end_date) : new Date();
          const start = q.start_date
            ? new Date(q.start_date)
            : new Date(end.getTime() - 90 * 24 * 3600 * 1000);
          const statuses = q.status?.split(',') as ('open' | 'closed')[] | undefined;
          const rows = await repository.listOpen311Requests(deps.db, {
            ...(ids ? { codes: ids.slice(0, 100) } : { start, end }),
            ...(q.service_code ? { categoryCodes: q.service_code.split(',') } : {}),
            ...(statuses ? { statuses } : {}),
            limit: 1000,
          });
          return rows.map(toServiceRequest);
        },
      );

      open311.get(
        '/requests/:id.json',
        {
          config: { access: 'public', rateLimit: buckets.publicLookup },
          schema: {
            tags,
            summary: 'Open311: one service request',
            params: RequestIdParams,
            response: { 200: Type.Array(ServiceRequest), '4xx': Open311Error },
          },
        },
        async (request) => {
          const rows = await repository.listOpen311Requests(deps.db, {
            codes: [request.params.id],
            limit: 1,
          });
          if (rows.length === 0) throw feedbackErrors.notFound();
          return rows.map(toServiceRequest);
        },
      );
    },
    { prefix: OPEN311_PREFIX },
  );
}
