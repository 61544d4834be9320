import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { BinaryFile } from '../../platform/binary-file.ts';
import {
  ArchiveQuery,
  ArchivedReport,
  MonthlyReport,
  ReportFileQuery,
  ReportQuery,
} from './schemas.ts';
import type { ReportService } from './service.ts';

/** Monthly reports, for the agency's leaders and administrators and the national office. */
export function reportRoutes(
  app: AppInstance,
  deps: { reports: ReportService; buckets: RateLimitBuckets },
) {
  const { reports, buckets } = deps;
  const tags = ['reports'];

  app.get(
    '/api/v1/reports/monthly',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'The monthly report of an agency (its units as rows) or the nation: as sent, or a draft from the figures now',
        querystring: ReportQuery,
        response: { 200: MonthlyReport },
      },
    },
    (request) => reports.report(actorOf(request), request.query),
  );

  app.get(
    '/api/v1/reports/monthly/file',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'The same report as XLSX or PDF: the archived file once sent',
        querystring: ReportFileQuery,
        response: { 200: BinaryFile },
      },
    },
    async (request, reply) => {
      const file = await reports.file(actorOf(request), request.query);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.content);
    },
  );

  app.post(
    '/api/v1/reports/monthly',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Sends the report of a finished month: figures and files archived, never changed afterwards',
        body: ReportQuery,
        response: { 201: MonthlyReport },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reports.submit(actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/reports/monthly/archive',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'The monthly reports an agency (or the nation) has sent, newest first',
        querystring: ArchiveQuery,
        response: { 200: Type.Array(ArchivedReport) },
      },
    },
    (request) => reports.archive(actorOf(request), request.query),
  );
}
