import type { Socket } from 'node:net';
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
    ...error.extensions,
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

/**
 * Errors Fastify raises before routing (an address that does not decode), as problem JSON; the
 * `frameworkErrors` option of the Fastify factory.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  let problem: AppError;
  if (error.code === 'FST_ERR_BAD_URL')
    problem = commonErrors.validation('Địa chỉ yêu cầu không hợp lệ');
  else if (error.statusCode === 414) problem = commonErrors.uriTooLong();
  else {
    request.log.error({ err: error }, 'unexpected framework error');
    problem = internalError();
  }
  // Open311 clients read the GeoReport v2 error list, even for an address no route could parse.
  if (request.url.startsWith('/api/open311/')) {
    void reply
      .status(problem.status)
      .send([{ code: problem.status, description: problem.detail ?? problem.title }]);
    return;
  }
  void sendProblem(reply, request, problem);
}

/**
 * Requests Node's HTTP parser refuses (malformed, headers or address too large) never reach
 * Fastify; they get a problem JSON written straight to the socket. The `clientErrorHandler` option.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    type: `urn:opendvc:problem:${tooLarge ? 'headers-too-large' : 'bad-request'}`,
    title: tooLarge ? 'Địa chỉ hoặc phần đầu yêu cầu quá dài' : 'Yêu cầu không đúng định dạng HTTP',
    status,
    code: tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
  });
  socket.end(
    `HTTP/1.1 ${String(status)} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Connection: close\r\nContent-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${String(Buffer.byteLength(body))}\r\n\r\n${body}`,
  );
}

function internalError() {
  return new AppError({
    code: 'INTERNAL_ERROR',
    status: 500,
    title: 'Đã có lỗi xảy ra, vui lòng thử lại sau',
  });
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
      request.log.warn({ reason: error.message }, 'database or connection unavailable');
      return sendProblem(reply, request, commonErrors.connectionUnavailable());
    }
    // Unexpected: the client learns only a code and the request id; the details go to the log.
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, request, internalError());
  });

  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, commonErrors.notFound()));
}
