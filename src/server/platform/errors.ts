import type { FieldError } from '../../domain/form-validation.ts';

/** An expected failure: a stable code, an HTTP status and a Vietnamese title, turned into problem JSON in one place. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly refusal: boolean;
  /** RFC 9457 extension members for a machine to act on (e.g. the sequence number expected). */
  readonly extensions: Record<string, unknown> = {};

  constructor(spec: ErrorSpec, detail?: string, fieldErrors: FieldError[] = []) {
    super(`${spec.code}: ${detail ?? spec.title}`);
    this.refusal = spec.refusal === true;
    this.code = spec.code;
    this.status = spec.status;
    this.title = spec.title;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
  }
}

export type ErrorSpec = {
  code: string;
  status: number;
  title: string;
  /** The access policy refused a signed-in actor: the audit log records it (`app.ts`). */
  refusal?: true;
};

/**
 * Declares a module's error; call the result to raise it with an optional detail. `hidden()` raises
 * the same error as a refusal: what a not-found answers when the thing exists but the actor may not
 * see it (decision 0016). The actor cannot tell the two apart; the audit log can.
 */
export function defineError(spec: ErrorSpec) {
  const make = (detail?: string, fieldErrors?: FieldError[]) =>
    new AppError(spec, detail, fieldErrors);
  const hidden = () => new AppError({ ...spec, refusal: true });
  return Object.assign(make, { code: spec.code, hidden });
}

export type DefinedError = ReturnType<typeof defineError>;

/**
 * The one answer to "may the actor see this?" after the one query that found the row and computed
 * `visible` from the access policy: nothing there and something hidden are the same 404 to the
 * actor, and the second is a refusal the audit log keeps. (Kysely types a boolean expression as
 * `boolean | number`, for the databases that answer 1 or 0.)
 */
export function visibleOr404<T extends { visible: boolean | number }>(
  row: T | undefined,
  notFound: DefinedError,
): T {
  if (!row) throw notFound();
  if (!row.visible) throw notFound.hidden();
  return row;
}

export const commonErrors = {
  validation: defineError({
    code: 'VALIDATION_FAILED',
    status: 400,
    title: 'Dữ liệu gửi lên không hợp lệ',
  }),
  unauthenticated: defineError({
    code: 'UNAUTHENTICATED',
    status: 401,
    title: 'Vui lòng đăng nhập để tiếp tục',
  }),
  csrf: defineError({
    code: 'CSRF_TOKEN_INVALID',
    status: 403,
    title: 'Phiên làm việc không hợp lệ, vui lòng tải lại trang và thử lại',
  }),
  bearerRequired: defineError({
    code: 'BEARER_TOKEN_REQUIRED',
    status: 401,
    title: 'Cần mã truy cập hợp lệ (OAuth 2, Bearer) để gọi API này',
  }),
  insufficientScope: defineError({
    code: 'INSUFFICIENT_SCOPE',
    status: 403,
    title: 'Mã truy cập không có phạm vi cần thiết cho API này',
  }),
  crossSite: defineError({
    code: 'CROSS_SITE_REQUEST',
    status: 403,
    title: 'Yêu cầu gửi từ một trang web khác đã bị từ chối để bảo vệ tài khoản của bạn',
  }),
  forbidden: defineError({
    code: 'FORBIDDEN',
    status: 403,
    refusal: true,
    title: 'Bạn không có quyền thực hiện thao tác này',
  }),
  notFound: defineError({
    code: 'NOT_FOUND',
    status: 404,
    title: 'Không tìm thấy địa chỉ yêu cầu',
  }),
  conflict: defineError({
    code: 'CONFLICT',
    status: 409,
    title: 'Dữ liệu đã được người khác thay đổi, vui lòng tải lại và thử lại',
  }),
  payloadTooLarge: defineError({
    code: 'PAYLOAD_TOO_LARGE',
    status: 413,
    title: 'Tệp hoặc dữ liệu gửi lên quá lớn',
  }),
  uriTooLong: defineError({
    code: 'URI_TOO_LONG',
    status: 414,
    title: 'Địa chỉ yêu cầu quá dài',
  }),
  malware: defineError({
    code: 'FILE_INFECTED',
    status: 422,
    title: 'Tệp có chứa mã độc nên không được nhận; vui lòng kiểm tra lại máy tính và gửi tệp khác',
  }),
  rateLimited: defineError({
    code: 'RATE_LIMITED',
    status: 429,
    title: 'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau ít phút',
  }),
  /** The database (or another system a request needs) cannot be reached now; retry shortly. */
  connectionUnavailable: defineError({
    code: 'CONNECTION_UNAVAILABLE',
    status: 503,
    title: 'Hệ thống đang tạm gián đoạn kết nối, vui lòng thử lại sau ít giây',
  }),
  unavailable: defineError({
    code: 'SERVICE_UNAVAILABLE',
    status: 503,
    title: 'Hệ thống tạm thời chưa sẵn sàng',
  }),
};
