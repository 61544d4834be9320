import fc from 'fast-check';
import { VNPay } from 'vnpay';
import { describe, expect, it } from 'vitest';
import {
  hmacSha512,
  paymentUrl,
  QUERY_ANSWER_FIELDS,
  queryTransaction,
  readCallback,
  refundTransaction,
  signedFields,
  signParams,
  vnpayTime,
  type ApiAnswer,
  type VnpayTerminal,
} from './vnpay.ts';

// The `vnpay` npm package is an independent implementation of the same protocol: on the same
// inputs both must send the same signed data, and each must accept what the other signed.
const terminal: VnpayTerminal = {
  tmnCode: 'OPENDVC1',
  hashSecret: 'SECRETKEYFORTESTSONLY0123456789AB',
  paymentUrl: 'https://gateway.test/paymentv2/vpcpay.html',
  apiUrl: 'https://gateway.test/merchant_webapi/api/transaction',
};
const independent = new VNPay({
  tmnCode: terminal.tmnCode,
  secureSecret: terminal.hashSecret,
  vnpayHost: 'https://gateway.test',
});
const asNumber = (instant: Date) => Number(vnpayTime(instant));

/** A fetch that records the request and answers with `answer` signed by the terminal's secret. */
function recordingFetch(answer: ApiAnswer, fields: readonly string[]) {
  const sent: Record<string, string>[] = [];
  const signed = {
    ...answer,
    vnp_SecureHash: hmacSha512(
      terminal.hashSecret,
      signedFields(fields.map((f) => answer[f as keyof ApiAnswer])),
    ),
  };
  const fetchFn = (async (_url: string, init: { body: string }) => {
    sent.push(JSON.parse(init.body) as Record<string, string>);
    return new Response(JSON.stringify(signed), {
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { sent, fetchFn };
}

describe('VNPay 2.1.0 signatures against the vnpay package', () => {
  it('builds the same signed payment URL for any order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 500_000_000 }),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^[A-Za-z0-9]+$/.test(s)),
        fc.constantFrom(
          'Le phi dang ky khai sinh ho so 000.00.31.H29-261123-0001',
          'Nop phi: cap ban sao, 2 ban',
        ),
        fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.constantFrom<'vn' | 'en'>('vn', 'en'),
        (amountVnd, txnRef, orderInfo, createdAt, locale) => {
          const expiresAt = new Date(createdAt.getTime() + 15 * 60_000);
          const ours = new URL(
            paymentUrl(terminal, {
              txnRef,
              amountVnd,
              orderInfo,
              ipAddr: '203.113.0.9',
              createdAt,
              expiresAt,
              locale,
              returnUrl: 'https://dvc.test/thanh-toan/ket-qua?x=1&y=a b',
            }),
          );
          const theirs = new URL(
            independent.buildPaymentUrl({
              vnp_Amount: amountVnd,
              vnp_IpAddr: '203.113.0.9',
              vnp_TxnRef: txnRef,
              vnp_OrderInfo: orderInfo,
              vnp_OrderType: 'other' as never,
              vnp_ReturnUrl: 'https://dvc.test/thanh-toan/ket-qua?x=1&y=a b',
              vnp_Locale: locale as never,
              vnp_CreateDate: asNumber(createdAt),
              vnp_ExpireDate: asNumber(expiresAt),
            }),
          );
          expect(ours.search).toBe(theirs.search);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts a return query the package accepts, and refuses it altered', () => {
    const query = signParams(terminal.hashSecret, {
      vnp_Amount: '5000000',
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: 'VNP14226112',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: 'Le phi khai sinh',
      vnp_PayDate: '20261123101530',
      vnp_ResponseCode: '00',
      vnp_TmnCode: terminal.tmnCode,
      vnp_TransactionNo: '14226112',
      vnp_TransactionStatus: '00',
      vnp_TxnRef: 'P20261123A1',
    });
    expect(independent.verifyReturnUrl(query as never).isVerified).toBe(true);
    expect(readCallback(terminal, query)).toMatchObject({
      txnRef: 'P20261123A1',
      amountVnd: 50_000,
      paid: true,
      transactionNo: '14226112',
      payDate: new Date('2026-11-23T03:15:30Z'),
    });
    const altered = { ...query, vnp_Amount: '500000' };
    expect(independent.verifyReturnUrl(altered as never).isVerified).toBe(false);
    expect(readCallback(terminal, altered)).toBeNull();
    expect(readCallback({ ...terminal, hashSecret: 'another' }, query)).toBeNull();
  });

  it('sends the same signed transaction query (querydr) and checks the answer’s signature', async () => {
    const answer: ApiAnswer = {
      vnp_ResponseId: 'r1',
      vnp_Command: 'querydr',
      vnp_ResponseCode: '00',
      vnp_Message: 'QueryDR Success',
      vnp_TmnCode: terminal.tmnCode,
      vnp_TxnRef: 'P1',
      vnp_Amount: '5000000',
      vnp_BankCode: 'NCB',
      vnp_PayDate: '20261123101530',
      vnp_TransactionNo: '14226112',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: '00',
      vnp_OrderInfo: 'Le phi khai sinh',
      vnp_PromotionCode: '',
      vnp_PromotionAmount: '',
    };
    const transactionDate = new Date('2026-11-23T03:10:00Z');
    const now = new Date('2026-11-23T04:00:00Z');
    const ours = recordingFetch(answer, QUERY_ANSWER_FIELDS);
    const state = await queryTransaction(
      terminal,
      {
        requestId: 'REQ1',
        txnRef: 'P1',
        orderInfo: 'Le phi khai sinh',
        transactionDate,
        ipAddr: '127.0.0.1',
        now,
      },
      ours.fetchFn,
    );
    expect(state).toMatchObject({ responseCode: '00', transactionStatus: '00', amountVnd: 50_000 });

    const theirs = recordingFetch(answer, QUERY_ANSWER_FIELDS);
    const realFetch = globalThis.fetch;
    globalThis.fetch = theirs.fetchFn;
    try {
      const verdict = await independent.queryDr({
        vnp_RequestId: 'REQ1',
        vnp_TxnRef: 'P1',
        vnp_OrderInfo: 'Le phi khai sinh',
        vnp_TransactionDate: asNumber(transactionDate),
        vnp_CreateDate: asNumber(now),
        vnp_IpAddr: '127.0.0.1',
        // Optional in VNPay's querydr (not signed); the merchant has none when no IPN came.
        vnp_TransactionNo: undefined as never,
      });
      expect(verdict.isVerified).toBe(true);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(ours.sent[0]?.vnp_SecureHash).toBe(theirs.sent[0]?.vnp_SecureHash);
    // The package writes the dates as JSON numbers, VNPay's examples as strings: same digits, same signature.
    const asText = (body: Record<string, unknown> | undefined) =>
      Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, String(v)]));
    expect(asText(ours.sent[0])).toEqual(asText(theirs.sent[0]));

    const forged = recordingFetch(answer, QUERY_ANSWER_FIELDS);
    const tampered = async (url: string, init: { body: string }) => {
      const response = await (forged.fetchFn as unknown as typeof tampered)(url, init);
      const body = (await response.json()) as ApiAnswer;
      return new Response(JSON.stringify({ ...body, vnp_TransactionStatus: '02' }));
    };
    await expect(
      queryTransaction(
        terminal,
        { requestId: 'R2', txnRef: 'P1', orderInfo: 'x', transactionDate, ipAddr: '1', now },
        tampered as unknown as typeof fetch,
      ),
    ).rejects.toThrow(/signature/);
  });

  it('sends the same signed refund request', async () => {
    const answer: ApiAnswer = {
      vnp_ResponseId: 'r2',
      vnp_Command: 'refund',
      vnp_ResponseCode: '00',
      vnp_Message: 'Refund success',
      vnp_TmnCode: terminal.tmnCode,
      vnp_TxnRef: 'P1',
      vnp_Amount: '5000000',
      vnp_BankCode: 'NCB',
      vnp_PayDate: '20261123101530',
      vnp_TransactionNo: '14226112',
      vnp_TransactionType: '02',
      vnp_TransactionStatus: '05',
      vnp_OrderInfo: 'Hoan phi',
    };
    const fields = QUERY_ANSWER_FIELDS.slice(0, 13);
    const transactionDate = new Date('2026-11-23T03:10:00Z');
    const now = new Date('2026-11-24T02:00:00Z');
    const ours = recordingFetch(answer, fields);
    await refundTransaction(
      terminal,
      {
        requestId: 'REQ9',
        txnRef: 'P1',
        orderInfo: 'Hoan phi',
        transactionDate,
        ipAddr: '127.0.0.1',
        now,
        amountVnd: 50_000,
        transactionType: '02',
        transactionNo: '14226112',
        createdBy: 'chau.lm',
      },
      ours.fetchFn,
    );
    const theirs = recordingFetch(answer, fields);
    const realFetch = globalThis.fetch;
    globalThis.fetch = theirs.fetchFn;
    try {
      await independent.refund({
        vnp_RequestId: 'REQ9',
        vnp_TxnRef: 'P1',
        vnp_OrderInfo: 'Hoan phi',
        vnp_TransactionDate: asNumber(transactionDate),
        vnp_CreateDate: asNumber(now),
        vnp_IpAddr: '127.0.0.1',
        vnp_Amount: 50_000,
        vnp_TransactionType: '02',
        vnp_TransactionNo: 14226112,
        vnp_CreateBy: 'chau.lm',
      });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(ours.sent[0]?.vnp_SecureHash).toBe(theirs.sent[0]?.vnp_SecureHash);
  });
});
