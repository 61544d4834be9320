import { randomInt } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { formatMoney } from '../../../domain/vietnam-time.ts';
import type { AppInstance } from '../../app-instance.ts';
import type { Database } from '../../db/schema.ts';
import type { RateLimitBuckets } from '../../platform/route-rules.ts';
import {
  hasValidSignature,
  apiSignature,
  parseVnpayTime,
  QUERY_ANSWER_FIELDS,
  QUERY_REQUEST_FIELDS,
  REFUND_ANSWER_FIELDS,
  REFUND_REQUEST_FIELDS,
  signParams,
  vnpayTime,
  type VnpayTerminal,
} from './vnpay.ts';

/**
 * The embedded sandbox gateway: speaks VNPay 2.1.0 and plays the bank offline, for the demo and
 * the tests. It checks what the merchant signs exactly as VNPay does, keeps its own ledger (so
 * the query API answers after a restart) and lets the tester choose what the bank does: pay,
 * fail, cancel, time out, and deliver the IPN normally, late, twice or never.
 */
export const SANDBOX_OUTCOMES = {
  success: 'Thanh toán thành công',
  insufficient_funds: 'Thất bại: tài khoản không đủ số dư',
  cancel: 'Khách hàng hủy giao dịch',
  timeout: 'Hết thời gian chờ thanh toán (không quay về)',
  success_ipn_twice: 'Thành công, IPN gửi hai lần',
  success_ipn_late: 'Thành công, IPN gửi sau khi quay về',
  success_no_ipn: 'Thành công, không gửi IPN',
} as const;

export type SandboxOutcome = keyof typeof SANDBOX_OUTCOMES;

const RESPONSE_CODES: Record<SandboxOutcome, string> = {
  success: '00',
  insufficient_funds: '51',
  cancel: '24',
  timeout: '11',
  success_ipn_twice: '00',
  success_ipn_late: '00',
  success_no_ipn: '00',
};

type Deps = {
  db: Kysely<Database>;
  terminal: VnpayTerminal;
  /** Where the terminal's IPN goes (configured per terminal at VNPay, not sent in the URL). */
  ipnUrl: string;
  fetchFn?: typeof fetch;
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8">` +
        // A citizen pays from a phone: the bank's page is laid out for its width.
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title>` +
        `<style>body{font-family:sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#222}` +
        `h1{color:#005baa;font-size:22px}.box{border:1px solid #ccd;border-radius:8px;padding:16px;margin:16px 0}` +
        `button{display:block;width:100%;margin:8px 0;padding:10px;font-size:15px;cursor:pointer}` +
        `.note{color:#a33;font-size:13px}</style></head><body>` +
        `<h1>Cổng thanh toán VNPAY — môi trường thử nghiệm</h1>${body}</body></html>`,
    );
}

export function createSandboxGateway({ db, terminal, ipnUrl, fetchFn = fetch }: Deps) {
  const deliverIpn = async (params: Record<string, string>) => {
    const url = `${ipnUrl}?${new URLSearchParams(params).toString()}`;
    const response = await fetchFn(url, { signal: AbortSignal.timeout(30_000) });
    return (await response.json()) as { RspCode: string; Message: string };
  };

  /** What the bank sends back to the merchant for a settled transaction, signed. */
  function callbackParams(row: {
    txn_ref: string;
    amount: number;
    order_info: string;
    response_code: string | null;
    transaction_no: string | null;
    bank_code: string | null;
    pay_date: string | null;
  }) {
    const paid = row.response_code === '00';
    return signParams(terminal.hashSecret, {
      vnp_Amount: String(row.amount),
      vnp_BankCode: row.bank_code ?? 'NCB',
      vnp_BankTranNo: paid ? `VNP${row.transaction_no ?? ''}` : undefined,
      vnp_CardType: 'ATM',
      vnp_OrderInfo: row.order_info,
      vnp_PayDate: row.pay_date ?? undefined,
      vnp_ResponseCode: row.response_code ?? '99',
      vnp_TmnCode: terminal.tmnCode,
      vnp_TransactionNo: row.transaction_no ?? '0',
      vnp_TransactionStatus: paid ? '00' : '02',
      vnp_TxnRef: row.txn_ref,
    });
  }

  return {
    /** Opens the bank page for a signed payment URL; records the order in the sandbox ledger. */
    async open(query: Record<string, string | undefined>) {
      if (query.vnp_TmnCode !== terminal.tmnCode)
        return { error: 'Mã website (vnp_TmnCode) không tồn tại' } as const;
      if (!hasValidSignature(terminal.hashSecret, query))
        return { error: 'Sai chữ ký (vnp_SecureHash)' } as const;
      const expire = parseVnpayTime(query.vnp_ExpireDate);
      if (!expire || expire.getTime() < Date.now())
        return { error: 'Giao dịch đã quá thời gian chờ thanh toán' } as const;
      const amount = Number(query.vnp_Amount);
      if (!Number.isInteger(amount) || amount <= 0 || !query.vnp_TxnRef || !query.vnp_ReturnUrl)
        return { error: 'Dữ liệu gửi sang không đúng định dạng' } as const;
      await db
        .insertInto('sandbox_vnpay_transaction')
        .values({
          txn_ref: query.vnp_TxnRef,
          tmn_code: terminal.tmnCode,
          amount,
          order_info: query.vnp_OrderInfo ?? '',
          return_url: query.vnp_ReturnUrl,
          create_date: query.vnp_CreateDate ?? '',
          expire_date: query.vnp_ExpireDate ?? '',
        })
        .onConflict((oc) => oc.column('txn_ref').doNothing())
        .execute();
      const row = await db
        .selectFrom('sandbox_vnpay_transaction')
        .selectAll()
        .where('txn_ref', '=', query.vnp_TxnRef)
        .executeTakeFirstOrThrow();
      if (row.status !== 'pending') return { error: 'Giao dịch đã được xử lý' } as const;
      return { transaction: row } as const;
    },

    /** The tester's choice on the bank page; answers where the browser goes next (or null: nowhere). */
    async decide(txnRef: string, outcome: SandboxOutcome) {
      const responseCode = RESPONSE_CODES[outcome];
      const paid = responseCode === '00';
      const row = await db
        .updateTable('sandbox_vnpay_transaction')
        .set({
          status: paid ? 'paid' : outcome === 'cancel' ? 'cancelled' : 'failed',
          response_code: responseCode,
          transaction_no: paid ? String(14_000_000 + randomInt(1, 9_999_999)) : null,
          bank_code: 'NCB',
          pay_date: vnpayTime(new Date()),
        })
        .where('txn_ref', '=', txnRef)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      const params = callbackParams(row);
      if (outcome === 'timeout') return { redirect: null, lateIpn: undefined };
      if (outcome !== 'success_no_ipn' && outcome !== 'success_ipn_late') {
        await deliverIpn(params);
        if (outcome === 'success_ipn_twice') await deliverIpn(params);
      }
      const redirect = `${row.return_url}${row.return_url.includes('?') ? '&' : '?'}${new URLSearchParams(params).toString()}`;
      return {
        redirect,
        /** The IPN that arrives after the applicant is back (the caller sends it when it likes). */
        lateIpn: outcome === 'success_ipn_late' ? () => deliverIpn(params) : undefined,
      };
    },

    /** The merchant API: querydr and refund, signed both ways as VNPay does. */
    async api(body: Record<string, string | undefined>) {
      const responseId = String(randomInt(1, 2 ** 31));
      const answer = (fields: Record<string, string>, signedOver: readonly string[]) => ({
        ...fields,
        vnp_SecureHash: apiSignature(terminal.hashSecret, signedOver, fields),
      });
      const isRefund = body.vnp_Command === 'refund';
      const expected = apiSignature(
        terminal.hashSecret,
        isRefund ? REFUND_REQUEST_FIELDS : QUERY_REQUEST_FIELDS,
        body,
      );
      const fields = isRefund ? REFUND_ANSWER_FIELDS : QUERY_ANSWER_FIELDS;
      const base = {
        vnp_ResponseId: responseId,
        vnp_Command: body.vnp_Command ?? '',
        vnp_TmnCode: terminal.tmnCode,
        vnp_TxnRef: body.vnp_TxnRef ?? '',
      };
      if (body.vnp_TmnCode !== terminal.tmnCode || expected !== body.vnp_SecureHash)
        return answer({ ...base, vnp_ResponseCode: '97', vnp_Message: 'Invalid Checksum' }, fields);
      const row = await db
        .selectFrom('sandbox_vnpay_transaction')
        .selectAll()
        .where('txn_ref', '=', body.vnp_TxnRef ?? '')
        .executeTakeFirst();
      if (!row)
        return answer(
          { ...base, vnp_ResponseCode: '91', vnp_Message: 'Transaction not found' },
          fields,
        );
      if (isRefund) {
        if (row.status !== 'paid')
          return answer(
            { ...base, vnp_ResponseCode: '95', vnp_Message: 'Transaction not paid' },
            fields,
          );
        await db
          .updateTable('sandbox_vnpay_transaction')
          .set({ status: 'cancelled' })
          .where('txn_ref', '=', row.txn_ref)
          .execute();
      }
      const status = isRefund
        ? '05'
        : row.status === 'paid'
          ? '00'
          : row.status === 'pending'
            ? '01'
            : '02';
      return answer(
        {
          ...base,
          vnp_ResponseCode: '00',
          vnp_Message: isRefund ? 'Refund success' : 'QueryDR Success',
          vnp_Amount: String(isRefund ? Number(body.vnp_Amount) : row.amount),
          vnp_BankCode: row.bank_code ?? '',
          vnp_PayDate: row.pay_date ?? '',
          vnp_TransactionNo: row.transaction_no ?? '',
          vnp_TransactionType: isRefund ? (body.vnp_TransactionType ?? '02') : '01',
          vnp_TransactionStatus: status,
          vnp_OrderInfo: row.order_info,
          ...(isRefund ? {} : { vnp_PromotionCode: '', vnp_PromotionAmount: '' }),
        },
        fields,
      );
    },
  };
}

export type SandboxGateway = ReturnType<typeof createSandboxGateway>;

/** The sandbox's pages and API, outside /api: they stand for VNPay's servers. */
export function sandboxRoutes(
  app: AppInstance,
  deps: { sandbox: SandboxGateway; buckets: RateLimitBuckets },
) {
  const { sandbox, buckets } = deps;
  const config = { access: 'public' as const, rateLimit: buckets.api };

  app.get(
    '/sandbox/vnpay/paymentv2/vpcpay.html',
    { config, schema: { hide: true } },
    async (request, reply) => {
      const opened = await sandbox.open(request.query as Record<string, string | undefined>);
      if (!opened.transaction)
        return page(
          reply,
          400,
          'Lỗi giao dịch',
          `<div class="box"><p>${escapeHtml(opened.error)}</p></div>`,
        );
      const t = opened.transaction;
      const buttons = Object.entries(SANDBOX_OUTCOMES)
        .map(
          ([outcome, label]) =>
            `<button type="submit" name="outcome" value="${outcome}">${escapeHtml(label)}</button>`,
        )
        .join('');
      return page(
        reply,
        200,
        'Thanh toán',
        `<div class="box"><p>Đơn vị nhận: <b>${escapeHtml(t.tmn_code)}</b></p>` +
          `<p>Mã giao dịch: <b>${escapeHtml(t.txn_ref)}</b></p>` +
          `<p>Nội dung: ${escapeHtml(t.order_info)}</p>` +
          `<p>Số tiền: <b>${escapeHtml(formatMoney(t.amount / 100))}</b></p></div>` +
          `<form method="post" action="/sandbox/vnpay/pay"><input type="hidden" name="txnRef" value="${escapeHtml(t.txn_ref)}">` +
          `${buttons}</form><p class="note">Môi trường thử nghiệm: không có giao dịch tiền thật.</p>`,
      );
    },
  );

  app.post('/sandbox/vnpay/pay', { config, schema: { hide: true } }, async (request, reply) => {
    const form = request.body as { txnRef?: string; outcome?: string } | undefined;
    const outcome = form?.outcome as SandboxOutcome | undefined;
    if (!form?.txnRef || !outcome || !(outcome in SANDBOX_OUTCOMES))
      return page(
        reply,
        400,
        'Lỗi giao dịch',
        '<div class="box"><p>Yêu cầu không hợp lệ</p></div>',
      );
    const decided = await sandbox.decide(form.txnRef, outcome);
    if (!decided)
      return page(
        reply,
        409,
        'Lỗi giao dịch',
        '<div class="box"><p>Giao dịch đã được xử lý</p></div>',
      );
    if (!decided.redirect)
      return page(
        reply,
        200,
        'Hết thời gian',
        '<div class="box"><p>Giao dịch đã hết thời gian chờ thanh toán.</p></div>',
      );
    // The late IPN goes once the browser has been sent back.
    if (decided.lateIpn)
      reply.raw.once('finish', () => void decided.lateIpn?.().catch(() => undefined));
    return reply.redirect(decided.redirect, 303);
  });

  app.post(
    '/sandbox/vnpay/merchant_webapi/api/transaction',
    { config, schema: { hide: true } },
    (request) => sandbox.api((request.body ?? {}) as Record<string, string | undefined>),
  );
}
