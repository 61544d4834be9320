import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { toFieldErrors } from '../../domain/form-validation.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, commonErrors } from './errors.ts';

/** Seconds a client is asked to wait before it tries a 503'd request again. */
export const RETRY_AFTER_SECONDS = 5;

/** RFC 9457 problem details, with our stable code, the request id and field-level errors. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'JSON pointer of the failing field' }),
          in: Type.Optional(Type.String()),
          code: Type.String(),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem' },
);

function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: AppError,
  location?: string,
) {
  const body = {
    type: `urn:opendvc:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    instance: request.url.split('?')[0] ?? request.url,
    code: error.code,
    requestId: request.id,
    ...(error.fieldErrors.length > 0
      ? { errors: error.fieldErrors.map((e) => ({ ...e, ...(location ? { in: location } : {}) })) }
      : {}),
  };
  if (error.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.status(error.status).type('application/problem+json').send(body);
}

function fromFrameworkError(
  error: FastifyError,
): { appError: AppError; location?: string } | undefined {
  if (error.validation) {
    const location = error.validationContext ?? 'body';
    return {
      appError: commonErrors.validation(
        'Vui lòng kiểm tra lại các trường được đánh dấu',
        toFieldErrors(error.validation as never),
      ),
      location,
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return { appError: commonErrors.payloadTooLarge() };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { appError: commonErrors.validation('Nội dung yêu cầu không đúng định dạng') };
  }
  if (error.statusCode === 429) return { appError: commonErrors.rateLimited() };
  return undefined;
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.addSchema(ProblemSchema);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'service error');
      return sendProblem(reply, request, error);
    }
    const known = fromFrameworkError(error);
    if (known) return sendProblem(reply, request, known.appError, known.location);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ reason: error.message }, 'database unavailable');
      return sendProblem(reply, request, commonErrors.databaseUnavailable());
    }
    // Unexpected: the client learns only a code and the request id; the details go to the log.
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(
      reply,
      request,
      new AppError({
        code: 'INTERNAL_ERROR',
        status: 500,
        title: 'Đã có lỗi xảy ra, vui lòng thử lại sau',
      }),
    );
  });

  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, commonErrors.notFound()));
}
