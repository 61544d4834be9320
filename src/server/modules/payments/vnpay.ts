import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The VNPay payment gateway, API version 2.1.0: payment URL, return URL and IPN check, transaction
 * query (querydr) and refund. Everything VNPay signs is HMAC-SHA512 under the terminal's secret:
 * for URLs the parameters sorted by name and form-URL-encoded (spaces as `+`, empty ones left
 * out); for the merchant API the fields in the documented order joined by `|`.
 */
export const VNPAY_VERSION = '2.1.0';

export type VnpayTerminal = {
  tmnCode: string;
  hashSecret: string;
  /** …/paymentv2/vpcpay.html */
  paymentUrl: string;
  /** …/merchant_webapi/api/transaction */
  apiUrl: string;
};

export function hmacSha512(secret: string, data: string): string {
  return createHmac('sha512', secret).update(data, 'utf8').digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), 'utf8');
  const right = Buffer.from(b.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The signed form of URL parameters: sorted by name, form-URL-encoded, empty values left out. */
export function signedQuery(params: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value !== undefined && value !== '') search.append(key, value);
  }
  return search.toString();
}

/** The merchant API's signed form: the fields in their documented order, joined by `|`. */
export function signedFields(values: readonly (string | number | undefined)[]): string {
  return values.map((v) => (v === undefined ? '' : String(v))).join('|');
}

const GMT7_MS = 7 * 60 * 60 * 1000;

/** `yyyyMMddHHmmss` in GMT+7, as VNPay writes every time. */
export function vnpayTime(instant: Date): string {
  return new Date(instant.getTime() + GMT7_MS).toISOString().replace(/\D/g, '').slice(0, 14);
}

export function parseVnpayTime(text: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text ?? '');
  if (!m) return null;
  const [y = 0, mo = 1, d, h, mi, s] = m.slice(1).map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - GMT7_MS);
}

/** VNPay accepts order descriptions without diacritics or special characters. */
export function orderInfoText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .,:\-_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

export type PaymentOrder = {
  txnRef: string;
  amountVnd: number;
  orderInfo: string;
  ipAddr: string;
  createdAt: Date;
  expiresAt: Date;
  locale: 'vn' | 'en';
  returnUrl: string;
  bankCode?: string | undefined;
};

/** The address the applicant's browser is sent to, signed. */
export function paymentUrl(terminal: VnpayTerminal, order: PaymentOrder): string {
  const query = signedQuery({
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: terminal.tmnCode,
    vnp_Amount: String(order.amountVnd * 100),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: order.txnRef,
    vnp_OrderInfo: orderInfoText(order.orderInfo),
    vnp_OrderType: 'other',
    vnp_Locale: order.locale,
    vnp_ReturnUrl: order.returnUrl,
    vnp_IpAddr: order.ipAddr,
    vnp_CreateDate: vnpayTime(order.createdAt),
    vnp_ExpireDate: vnpayTime(order.expiresAt),
    vnp_BankCode: order.bankCode,
  });
  return `${terminal.paymentUrl}?${query}&vnp_SecureHash=${hmacSha512(terminal.hashSecret, query)}`;
}

/** Signs URL parameters as VNPay does (what the sandbox sends back). */
export function signParams(
  secret: string,
  params: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const kept = Object.fromEntries(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
  return { ...kept, vnp_SecureHash: hmacSha512(secret, signedQuery(kept)) };
}

/**
 * Whether URL parameters carry the secret's signature: over the `vnp_` parameters only (the
 * return URL may carry the merchant's own), `vnp_SecureHash` and `vnp_SecureHashType` excluded.
 */
export function hasValidSignature(
  secret: string,
  params: Readonly<Record<string, string | undefined>>,
): boolean {
  const { vnp_SecureHash: received, vnp_SecureHashType: _type, ...rest } = params;
  const signed = Object.fromEntries(Object.entries(rest).filter(([key]) => key.startsWith('vnp_')));
  return (
    typeof received === 'string' && sameHash(hmacSha512(secret, signedQuery(signed)), received)
  );
}

export type PaymentCallback = {
  txnRef: string;
  amountVnd: number;
  /** `00` success, `24` cancelled by the customer, `11` timed out, … */
  responseCode: string;
  /** `00` success, `01` unfinished, `02` failed. */
  transactionStatus: string;
  transactionNo: string | null;
  bankCode: string | null;
  payDate: Date | null;
  paid: boolean;
};

/** Reads a return-URL or IPN query; null when the signature is not the terminal's. */
export function readCallback(
  terminal: VnpayTerminal,
  query: Readonly<Record<string, string | undefined>>,
): PaymentCallback | null {
  if (!hasValidSignature(terminal.hashSecret, query)) return null;
  if (query.vnp_TmnCode !== terminal.tmnCode) return null;
  const amount = Number(query.vnp_Amount);
  const responseCode = query.vnp_ResponseCode ?? '';
  const transactionStatus = query.vnp_TransactionStatus ?? '';
  return {
    txnRef: query.vnp_TxnRef ?? '',
    amountVnd: Number.isFinite(amount) ? amount / 100 : NaN,
    responseCode,
    transactionStatus,
    transactionNo: query.vnp_TransactionNo || null,
    bankCode: query.vnp_BankCode || null,
    payDate: parseVnpayTime(query.vnp_PayDate),
    paid: responseCode === '00' && transactionStatus === '00',
  };
}

/** The IPN answers VNPay expects, by meaning. */
export const IPN_ANSWERS = {
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknown error' },
} as const;

export type IpnAnswer = (typeof IPN_ANSWERS)[keyof typeof IPN_ANSWERS];

/** The fields of a merchant API answer, in the order VNPay signs them. */
export const QUERY_ANSWER_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const;

/** The fields of a transaction query (querydr), in the order VNPay signs them. */
export const QUERY_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

/** The fields of a refund request, in the order VNPay signs them. */
export const REFUND_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

/** The signature of a merchant API request or answer: `fields` of `body`, in order. */
export function apiSignature(
  secret: string,
  fields: readonly string[],
  body: Readonly<Record<string, string | undefined>>,
): string {
  return hmacSha512(secret, signedFields(fields.map((field) => body[field])));
}

/** A refund answer is signed over the same fields without the promotion. */
export const REFUND_ANSWER_FIELDS = QUERY_ANSWER_FIELDS.slice(0, 13);

export type ApiAnswer = Partial<Record<(typeof QUERY_ANSWER_FIELDS)[number], string>> & {
  vnp_SecureHash?: string;
};

export type QueryRequest = {
  requestId: string;
  txnRef: string;
  orderInfo: string;
  /** When the payment was created (its `vnp_CreateDate`). */
  transactionDate: Date;
  ipAddr: string;
  now: Date;
};

export type TransactionState = {
  /** `00` answered; `91` no such transaction; `94` duplicate request; `97` bad signature; `99` other. */
  responseCode: string;
  /** `00` paid, `01` unfinished, `02` failed, `04` reversed, `05`–`06` refund in progress, … */
  transactionStatus: string | null;
  amountVnd: number | null;
  transactionNo: string | null;
  bankCode: string | null;
  payDate: Date | null;
};

async function callApi(
  terminal: VnpayTerminal,
  body: Record<string, string>,
  answerFields: readonly (typeof QUERY_ANSWER_FIELDS)[number][],
  fetchFn: typeof fetch,
): Promise<TransactionState> {
  const response = await fetchFn(terminal.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`VNPay API answered HTTP ${String(response.status)}`);
  const answer = (await response.json()) as ApiAnswer;
  const expected = apiSignature(terminal.hashSecret, answerFields, answer);
  if (!answer.vnp_SecureHash || !sameHash(expected, answer.vnp_SecureHash))
    throw new Error('VNPay API answer carries a wrong signature');
  const amount = Number(answer.vnp_Amount);
  return {
    responseCode: answer.vnp_ResponseCode ?? '',
    transactionStatus: answer.vnp_TransactionStatus ?? null,
    amountVnd: answer.vnp_Amount !== undefined && Number.isFinite(amount) ? amount / 100 : null,
    transactionNo: answer.vnp_TransactionNo || null,
    bankCode: answer.vnp_BankCode || null,
    payDate: parseVnpayTime(answer.vnp_PayDate),
  };
}

/** Asks VNPay what became of a payment (reconciliation when no IPN came). */
export function queryTransaction(
  terminal: VnpayTerminal,
  request: QueryRequest,
  fetchFn: typeof fetch = fetch,
): Promise<TransactionState> {
  const body = {
    vnp_RequestId: request.requestId,
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'querydr',
    vnp_TmnCode: terminal.tmnCode,
    vnp_TxnRef: request.txnRef,
    vnp_OrderInfo: orderInfoText(request.orderInfo),
    vnp_TransactionDate: vnpayTime(request.transactionDate),
    vnp_CreateDate: vnpayTime(request.now),
    vnp_IpAddr: request.ipAddr,
  };
  return callApi(
    terminal,
    { ...body, vnp_SecureHash: apiSignature(terminal.hashSecret, QUERY_REQUEST_FIELDS, body) },
    QUERY_ANSWER_FIELDS,
    fetchFn,
  );
}

export type RefundRequest = QueryRequest & {
  amountVnd: number;
  /** `02` the whole amount, `03` part of it. */
  transactionType: '02' | '03';
  transactionNo: string | null;
  createdBy: string;
};

/** Asks VNPay to pay an amount back to the applicant. */
export function refundTransaction(
  terminal: VnpayTerminal,
  request: RefundRequest,
  fetchFn: typeof fetch = fetch,
): Promise<TransactionState> {
  const body = {
    vnp_RequestId: request.requestId,
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'refund',
    vnp_TmnCode: terminal.tmnCode,
    vnp_TransactionType: request.transactionType,
    vnp_TxnRef: request.txnRef,
    vnp_Amount: String(request.amountVnd * 100),
    vnp_TransactionNo: request.transactionNo ?? '0',
    vnp_TransactionDate: vnpayTime(request.transactionDate),
    vnp_CreateBy: request.createdBy,
    vnp_CreateDate: vnpayTime(request.now),
    vnp_IpAddr: request.ipAddr,
    vnp_OrderInfo: orderInfoText(request.orderInfo),
  };
  return callApi(
    terminal,
    { ...body, vnp_SecureHash: apiSignature(terminal.hashSecret, REFUND_REQUEST_FIELDS, body) },
    REFUND_ANSWER_FIELDS,
    fetchFn,
  );
}
