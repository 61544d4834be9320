import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { BinaryFile } from '../../platform/binary-file.ts';
import { StringEnum } from '../../platform/schema-types.ts';
import { readUpload } from '../../platform/uploads.ts';
import { catalogErrors } from './errors.ts';
import type { CatalogExchange, ExchangeFormat } from './service.exchange.ts';

const Counts = Type.Object({ created: Type.Integer(), updated: Type.Integer() });
const ImportSummary = Type.Object({ dryRun: Type.Boolean(), procedures: Counts, services: Counts });

const MEDIA_TYPES: Record<ExchangeFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** The largest catalog file an import reads (XLSX or JSON). */
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** A zip (xlsx) starts with "PK"; anything else is read as JSON. */
const formatOf = (content: Buffer): ExchangeFormat =>
  content.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'json';

export function catalogExchangeRoutes(
  app: AppInstance,
  deps: { exchange: CatalogExchange; buckets: RateLimitBuckets },
) {
  const { exchange, buckets } = deps;

  app.get(
    '/api/v1/admin/catalog/export',
    {
      config: { access: 'officer', rateLimit: buckets.upload },
      schema: {
        tags: ['catalog admin'],
        summary:
          'Procedures and my agencies’ services as XLSX (sheets "Thủ tục", "Dịch vụ") or JSON',
        querystring: Type.Object(
          { format: StringEnum(['xlsx', 'json']) },
          { additionalProperties: false },
        ),
        response: { 200: BinaryFile },
      },
    },
    async (request, reply) => {
      const format = request.query.format;
      const content = await exchange.exportCatalog(actorOf(request), format);
      return reply
        .type(MEDIA_TYPES[format])
        .header('content-disposition', `attachment; filename="danh-muc-dich-vu-cong.${format}"`)
        .send(content);
    },
  );

  app.post(
    '/api/v1/admin/catalog/import',
    {
      config: { access: 'officer', rateLimit: buckets.upload },
      schema: {
        tags: ['catalog admin'],
        summary:
          'Import procedures and services (multipart field "file", XLSX or JSON); all rows or none',
        consumes: ['multipart/form-data'],
        querystring: Type.Object(
          {
            dryRun: Type.Optional(
              Type.Boolean({ default: false, description: 'check and report only' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ImportSummary },
      },
    },
    async (request) => {
      const { content } = await readUpload(request, {
        maxBytes: IMPORT_MAX_BYTES,
        missing: () => catalogErrors.importUnreadable('Vui lòng chọn tệp để nhập'),
      });
      return exchange.importCatalog(
        actorOf(request),
        { content, format: formatOf(content) },
        request.query.dryRun ?? false,
      );
    },
  );
}
