import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { BinaryFile } from '../../platform/binary-file.ts';
import { commonErrors } from '../../platform/errors.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { readUpload, sendStoredFile } from '../../platform/uploads.ts';
import {
  DeskActionBody,
  FeedbackBehindPage,
  FeedbackBehindQuery,
  DeskActionResult,
  DeskDetail,
  DeskPage,
  DeskQuery,
  DossierFeedback,
  FeedbackCategoryView,
  FeedbackCodeParams,
  FeedbackFigures,
  FeedbackFiguresQuery,
  FeedbackSummary,
  FeedbackView,
  PublicFeedbackPage,
  PublicFeedbackQuery,
  RatingBody,
  SendFeedbackBody,
  SentFeedback,
  TrackQuery,
  UploadedFeedbackFile,
} from './schemas.ts';
import type { FeedbackService } from './service.ts';

const FileParams = Type.Object({
  code: FeedbackCodeParams.properties.code,
  fileId: Type.String({ format: 'uuid' }),
});
const DossierCodeParam = Type.Object({ code: Type.String({ maxLength: 40 }) });

export function feedbackRoutes(
  app: AppInstance,
  deps: { feedback: FeedbackService; buckets: RateLimitBuckets; uploadMaxBytes: number },
) {
  const { feedback, buckets } = deps;
  const tags = ['feedback'];
  /** Sending is open to anyone: a tighter allowance per address than the rest of the API. */
  const sending = buckets.upload;

  app.get(
    '/api/v1/feedback/categories',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'Categories of feedback, with the working days to answer each',
        response: { 200: Type.Array(FeedbackCategoryView) },
      },
    },
    () => feedback.categories(),
  );

  app.post(
    '/api/v1/feedback/files',
    {
      config: { access: 'public', rateLimit: sending },
      schema: {
        tags,
        summary:
          'Upload one attachment for feedback (multipart/form-data, field "file"); PDF, JPG or PNG. The answer carries the key that attaches it.',
        consumes: ['multipart/form-data'],
        response: { 201: UploadedFeedbackFile },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, {
        maxBytes: deps.uploadMaxBytes,
        missing: () => commonErrors.validation('Chưa chọn tệp đính kèm'),
      });
      return reply.status(201).send(await feedback.uploadFile(upload));
    },
  );

  app.post(
    '/api/v1/feedback',
    {
      config: { access: 'public', rateLimit: sending },
      schema: {
        tags,
        summary:
          'Send feedback: signed in, or anonymous with a name and a mobile number or mail address to receive the answer',
        body: SendFeedbackBody,
        response: { 201: SentFeedback },
      },
    },
    async (request, reply) => {
      const sender = request.actor
        ? { kind: 'account' as const, actor: request.actor }
        : { kind: 'anonymous' as const, ip: request.ip };
      return reply.status(201).send(await feedback.send(sender, request.body));
    },
  );

  app.get(
    '/api/v1/feedback/mine',
    {
      config: { access: 'signed_in', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'The feedback I sent, newest first',
        response: { 200: Type.Array(FeedbackSummary) },
      },
    },
    (request) => feedback.mine(actorOf(request)),
  );

  app.get(
    '/api/v1/feedback/:code',
    {
      config: { access: 'public', rateLimit: buckets.publicLookup },
      schema: {
        tags,
        summary: 'Feedback I sent (signed in as its sender, or with the key given with its code)',
        params: FeedbackCodeParams,
        querystring: TrackQuery,
        response: { 200: FeedbackView },
      },
    },
    (request) => feedback.view(request.actor, request.params.code, request.query.key),
  );

  app.get(
    '/api/v1/feedback/:code/files/:fileId',
    {
      config: { access: 'public', rateLimit: buckets.publicLookup },
      schema: {
        tags,
        summary: 'An attachment of feedback I sent',
        params: FileParams,
        querystring: TrackQuery,
        response: { 200: BinaryFile },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await feedback.fileOf(
          request.actor,
          request.params.code,
          request.params.fileId,
          request.query.key,
        ),
      ),
  );

  app.post(
    '/api/v1/feedback/:code/rating',
    {
      config: { access: 'public', rateLimit: sending },
      schema: {
        tags,
        summary: 'Rate the answer to my feedback (once): satisfied or not, with a comment',
        params: FeedbackCodeParams,
        body: RatingBody,
        response: { 200: FeedbackView },
      },
    },
    (request) => feedback.rate(request.actor, request.params.code, request.body),
  );

  app.get(
    '/api/v1/public/feedback',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Answered feedback published (with the sender’s consent or of public interest), personal data removed; search without diacritics',
        querystring: PublicFeedbackQuery,
        response: { 200: PublicFeedbackPage },
      },
    },
    (request) => feedback.published(request.query),
  );

  app.get(
    '/api/v1/stats/feedback',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Feedback figures for items received in a period: received, within scope, forwarded, answered, on time, published, and the satisfaction rates with their numerators and denominators',
        querystring: FeedbackFiguresQuery,
        response: { 200: FeedbackFigures },
      },
    },
    (request) => feedback.figures(request.query),
  );

  app.get(
    '/api/v1/stats/feedback/items',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'The feedback items behind one figure of a period (received, within scope, answered, on time, late, published, unsatisfied), for those who answer for the agency’s figures',
        querystring: FeedbackBehindQuery,
        response: { 200: FeedbackBehindPage },
      },
    },
    (request) => feedback.desk.behindFigure(actorOf(request), request.query),
  );

  app.get(
    '/api/v1/officer/feedback',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'The feedback desk: what my agencies hold, what is assigned to me, to approve, overdue',
        querystring: DeskQuery,
        response: { 200: DeskPage },
      },
    },
    (request) => feedback.desk.list(actorOf(request), request.query),
  );

  app.get(
    '/api/v1/officer/feedback/:code',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'One feedback item with its sender, history, merge candidates and my actions',
        params: FeedbackCodeParams,
        response: { 200: DeskDetail },
      },
    },
    (request) => feedback.desk.detail(actorOf(request), request.params.code),
  );

  app.get(
    '/api/v1/officer/feedback/:code/files/:fileId',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'An attachment of a feedback item',
        params: FileParams,
        response: { 200: BinaryFile },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await feedback.desk.file(actorOf(request), request.params.code, request.params.fileId),
      ),
  );

  app.post(
    '/api/v1/officer/feedback/:code/actions',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Handle a feedback item: reject (out of scope, with the reason), merge, forward, assign, extend once, submit the answer, approve or send back',
        params: FeedbackCodeParams,
        body: DeskActionBody,
        response: { 200: DeskActionResult },
      },
    },
    (request) => feedback.desk.act(actorOf(request), request.params.code, request.body),
  );

  app.get(
    '/api/v1/officer/dossiers/:code/feedback',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'Feedback sent about a dossier',
        params: DossierCodeParam,
        response: { 200: DossierFeedback },
      },
    },
    (request) => feedback.desk.aboutDossier(actorOf(request), request.params.code),
  );
}
