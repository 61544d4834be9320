import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../src/domain/vietnam-time.ts';
import { loadConfig } from '../src/server/config.ts';
import { createFeePaidRecorder } from '../src/server/modules/dossiers/index.ts';
import { createCalendarService } from '../src/server/modules/calendar/index.ts';
import { createPaymentService } from '../src/server/modules/payments/index.ts';
import { LocalDiskStorage } from '../src/server/platform/file-storage.ts';
import {
  apiSignature,
  QUERY_ANSWER_FIELDS,
  signParams,
} from '../src/server/modules/payments/vnpay.ts';
import {
  agencyIdOf,
  expectActed,
  findServiceId,
  submitBirthRegistration,
  submitBusinessRegistration as submitBusinessRegistrationOf,
} from './helpers/factories.ts';
import { pdfText } from './helpers/pdf-text.ts';
import { freePort } from './helpers/server-process.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

// The sandbox gateway calls the IPN over HTTP, so this app listens on a real port.
const SECRET = 'test-terminal-secret-0123456789';
let t: TestApp;
let base: string;
let citizen: Caller;
let serviceId: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${String(port)}`;
  t = await createTestApp({ PUBLIC_URL: base, VNPAY_HASH_SECRET: SECRET });
  await t.app.listen({ host: '127.0.0.1', port });
  citizen = await t.signIn('Nguyễn Văn An');
  serviceId = await findServiceId(t, 'hộ kinh doanh', '000.00.31.H29');
});
afterAll(() => t.close());

const submitBusinessRegistration = () => submitBusinessRegistrationOf(citizen, serviceId);

type Started = { txnRef: string; amountVnd: number; paymentUrl: string; status: string };

async function startPayment(code: string) {
  const response = await citizen.post(`/api/v1/dossiers/${code}/payments`);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Started>();
}

/** The applicant on the sandbox bank's page, choosing an outcome; answers where the bank sends the browser. */
async function payAtBank(started: Started, outcome: string) {
  const page = await fetch(started.paymentUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('100.000');
  const decided = await fetch(`${base}/sandbox/vnpay/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ txnRef: started.txnRef, outcome }).toString(),
    redirect: 'manual',
  });
  return decided.headers.get('location');
}

/** The service the reconciliation job runs, on the same database and sandbox terminal. */
const payments = (fetchFn?: typeof fetch) =>
  createPaymentService({
    db: t.database.db,
    terminal: loadConfig({ PUBLIC_URL: base, VNPAY_HASH_SECRET: SECRET }).vnpay,
    publicUrl: base,
    storage: new LocalDiskStorage(t.filesDir),
    onPaid: createFeePaidRecorder(() => createCalendarService(t.database.db).calendar()),
    ...(fetchFn ? { fetchFn } : {}),
  });

const paymentRow = (txnRef: string) =>
  t.database.db
    .selectFrom('payment')
    .selectAll()
    .where('txn_ref', '=', txnRef)
    .executeTakeFirstOrThrow();

const ipnMessages = (txnRef: string) =>
  t.database.db
    .selectFrom('payment_message')
    .select(['kind', 'answer'])
    .where('txn_ref', '=', txnRef)
    .orderBy('id')
    .execute();

describe('online fee payment through the VNPay sandbox', () => {
  it('charges the fee fixed at submission and settles it once, even with the IPN sent twice', async () => {
    const dossier = await submitBusinessRegistration();
    const reception = await t.signIn('Lê Minh Châu');
    const receive = async () => {
      const view = (await reception.get(`/api/v1/officer/dossiers/${dossier.id}`)).json<{
        lockVersion: number;
      }>();
      return reception.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
        action: 'receive',
        lockVersion: view.lockVersion,
      });
    };
    // The fee is due at submission: reception waits for it.
    const early = await receive();
    expect(early.statusCode).toBe(409);
    expect(early.json<{ detail: string }>().detail).toContain('chưa thanh toán phí');
    const started = await startPayment(dossier.code);
    expect(started).toMatchObject({ amountVnd: 100_000, status: 'pending' });
    expect(new URL(started.paymentUrl).searchParams.get('vnp_Amount')).toBe('10000000');

    const back = await payAtBank(started, 'success_ipn_twice');
    expect(back).toContain('/thanh-toan/ket-qua');
    expect((await ipnMessages(started.txnRef)).map((m) => m.answer)).toEqual(['00', '02']);

    const query = Object.fromEntries(new URL(back ?? '').searchParams);
    const returned = await t.anonymous.post('/api/v1/payments/vnpay/return', query);
    expect(returned.json()).toMatchObject({
      dossierCode: dossier.code,
      status: 'paid',
      responseCode: '00',
      amountVnd: 100_000,
    });
    const payment = await paymentRow(started.txnRef);
    expect(payment).toMatchObject({ status: 'paid', settled_by: 'ipn' });
    expect(payment.receipt_no).toMatch(/^BL\d{4}-\d{7}$/);
    // settled once (the IPN came twice): the national portal is told once, with the receipt number
    const reported = await t.database.db
      .selectFrom('outbox_message')
      .select('body')
      .where('type', '=', 'payment.settled')
      .where('key', '=', dossier.code)
      .execute();
    expect(reported.map((r) => r.body)).toEqual([
      expect.objectContaining({ amountVnd: 100_000, receiptNo: payment.receipt_no }),
    ]);

    // Paid once: a second payment is refused, and the applicant was told with the receipt number.
    const again = await citizen.post(`/api/v1/dossiers/${dossier.code}/payments`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_PAID' });
    const notices = (await citizen.get('/api/v1/notifications')).json<{ body: string }[]>();
    expect(notices[0]?.body).toContain(payment.receipt_no ?? 'none');
    // The mail carries the e-receipt itself, read back by poppler.
    const mail = await t.database.db
      .selectFrom('mail_message')
      .select(['subject', 'attachments'])
      .where('dossier_id', '=', dossier.id)
      .where('subject', 'like', '%đã thanh toán phí, lệ phí')
      .executeTakeFirstOrThrow();
    expect(mail.attachments).toEqual([
      {
        fileName: `bien-lai-${payment.receipt_no ?? ''}.pdf`,
        mediaType: 'application/pdf',
        storageKey: expect.stringMatching(/^receipts\//) as unknown,
      },
    ]);
    const mailed = await readFile(path.join(t.filesDir, mail.attachments[0]?.storageKey ?? ''));
    expect(pdfText(mailed)).toContain(`Số: ${payment.receipt_no ?? ''}`);
    // The dossier's timeline records the payment, and reception may now receive it.
    const seen = (await citizen.get(`/api/v1/dossiers/${dossier.code}`)).json<{
      events: { action: string; details: Record<string, unknown> }[];
    }>();
    expect(seen.events.map((e) => e.action)).toEqual(['submit', 'pay']);
    expect(seen.events[1]?.details).toMatchObject({ receiptNo: payment.receipt_no });
    expect((await receive()).statusCode).toBe(200);

    // The e-receipt, read back by poppler: number, amount in figures and in words, payer.
    const receipt = await citizen.get(
      `/api/v1/dossiers/${dossier.code}/payments/${started.txnRef}/receipt`,
    );
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = pdfText(receipt.rawPayload);
    expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(text).toContain(`Số: ${payment.receipt_no ?? ''}`);
    expect(text).toContain('Một trăm nghìn đồng');
    expect(text).toContain('Nguyễn Văn An');
    const stranger = await t.signIn('Trần Thị Bình');
    expect(
      (await stranger.get(`/api/v1/dossiers/${dossier.code}/payments/${started.txnRef}/receipt`))
        .statusCode,
    ).toBe(404);
  });

  it('replays of a confirmed IPN change nothing', async () => {
    const dossier = await submitBusinessRegistration();
    const started = await startPayment(dossier.code);
    const back = await payAtBank(started, 'success_no_ipn');
    const query = Object.fromEntries(new URL(back ?? '').searchParams);
    const before = await paymentRow(started.txnRef);
    expect(before.status).toBe('pending');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${base}/api/v1/payments/vnpay/ipn?${new URLSearchParams(query).toString()}`).then(
          (r) => r.json() as Promise<{ RspCode: string }>,
        ),
      ),
    );
    expect(answers.map((a) => a.RspCode).sort()).toEqual(['00', '02', '02', '02', '02']);
    const paid = await t.database.db
      .selectFrom('payment')
      .select('receipt_no')
      .where('dossier_id', '=', dossier.id)
      .where('status', '=', 'paid')
      .execute();
    expect(paid).toHaveLength(1);
  });

  it('refuses and audits a wrong amount or a bad signature, and changes nothing', async () => {
    const dossier = await submitBusinessRegistration();
    const started = await startPayment(dossier.code);
    const base_ = {
      vnp_TmnCode: 'OPENDVC1',
      vnp_TxnRef: started.txnRef,
      vnp_ResponseCode: '00',
      vnp_TransactionStatus: '00',
      vnp_TransactionNo: '14000001',
      vnp_PayDate: '20261123101530',
    };
    const ipn = (params: Record<string, string>) =>
      t.anonymous.get(`/api/v1/payments/vnpay/ipn?${new URLSearchParams(params).toString()}`);
    const cheap = await ipn(signParams(SECRET, { ...base_, vnp_Amount: '100000' }));
    expect(cheap.json()).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    const forged = await ipn(signParams('not-the-secret', { ...base_, vnp_Amount: '10000000' }));
    expect(forged.json()).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    const unknown = await ipn(
      signParams(SECRET, { ...base_, vnp_TxnRef: 'NOPE', vnp_Amount: '1' }),
    );
    expect(unknown.json()).toMatchObject({ RspCode: '01' });
    expect((await paymentRow(started.txnRef)).status).toBe('pending');
    const refusals = await t.database.db
      .selectFrom('audit_record')
      .select(['details'])
      .where('action', '=', 'payment.callback_refused')
      .where('subject_id', '=', dossier.id)
      .execute();
    expect(refusals.map((r) => (r.details as { reason: string }).reason).sort()).toEqual([
      'amount',
      'signature',
    ]);
    const back = await t.anonymous.post(
      '/api/v1/payments/vnpay/return',
      signParams('not-the-secret', { ...base_, vnp_Amount: '10000000' }),
    );
    expect(back.statusCode).toBe(400);
    expect(back.json()).toMatchObject({ code: 'PAYMENT_SIGNATURE_INVALID' });
  });

  it('settles through the query API a payment whose IPN never came, and fails an abandoned one', async () => {
    const paidDossier = await submitBusinessRegistration();
    const paid = await startPayment(paidDossier.code);
    await payAtBank(paid, 'success_no_ipn'); // the applicant closed the tab: no return either
    const abandoned = await startPayment((await submitBusinessRegistration()).code);
    await fetch(abandoned.paymentUrl); // opened the bank page, then left

    // As if the payment windows had closed long ago.
    await t.database.db
      .updateTable('payment')
      .set({ expires_at: new Date(Date.now() - 3_600_000) })
      .where('txn_ref', 'in', [paid.txnRef, abandoned.txnRef])
      .execute();
    expect(await payments().reconcile()).toBe(1);
    expect(await paymentRow(paid.txnRef)).toMatchObject({
      status: 'paid',
      settled_by: 'reconciliation',
    });
    expect((await paymentRow(abandoned.txnRef)).status).toBe('failed');
    expect(await payments().reconcile()).toBe(0);
  });

  it('does not hold a dossier registered at the desk, where the fee is collected in person', async () => {
    const desk = await t.signIn('Lê Minh Châu');
    const scan = (await desk.upload('giay-de-nghi.pdf', SAMPLE_PDF, 'application/pdf')).json<{
      id: string;
    }>();
    const registered = await desk.post('/api/v1/officer/dossiers', {
      serviceId,
      channel: 'counter',
      applicant: { fullName: 'Phạm Thị Hoa', citizenId: '079195012345', phone: '0901234567' },
      formData: {
        hoTenNguoiYeuCau: 'Phạm Thị Hoa',
        soCccdNguoiYeuCau: '079195012345',
        soDienThoai: '0901234567',
        tenHoKinhDoanh: 'Hộ kinh doanh Hoa Sen',
        diaChiTruSo: '5 Pasteur, Phường Sài Gòn',
        nganhNghe: 'Bán lẻ hoa tươi',
        vonKinhDoanh: 20_000_000,
      },
      documents: [{ documentKey: 'giay-de-nghi', fileId: scan.id }],
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { id } = registered.json<{ id: string }>();
    const view = (await desk.get(`/api/v1/officer/dossiers/${id}`)).json<{
      lockVersion: number;
      feeDueVnd: number;
      feeOutstanding: boolean;
    }>();
    expect(view).toMatchObject({ feeDueVnd: 100_000, feeOutstanding: false });
    const received = await desk.post(`/api/v1/officer/dossiers/${id}/actions`, {
      action: 'receive',
      lockVersion: view.lockVersion,
    });
    expect(received.statusCode, received.body).toBe(200);
  });

  it('keeps a payment pending when the gateway cannot answer the query', async () => {
    const started = await startPayment((await submitBusinessRegistration()).code);
    await t.database.db
      .updateTable('payment')
      .set({ expires_at: new Date(Date.now() - 3_600_000) })
      .where('txn_ref', '=', started.txnRef)
      .execute();
    // A signed "system error" answer: the gateway says nothing about the payment itself.
    const answer = {
      vnp_ResponseId: '1',
      vnp_Command: 'querydr',
      vnp_ResponseCode: '99',
      vnp_Message: 'Unknown error',
      vnp_TmnCode: 'OPENDVC1',
      vnp_TxnRef: started.txnRef,
    };
    const gatewayDown = (async () =>
      new Response(
        JSON.stringify({
          ...answer,
          vnp_SecureHash: apiSignature(SECRET, QUERY_ANSWER_FIELDS, answer),
        }),
      )) as unknown as typeof fetch;
    expect(await payments(gatewayDown).reconcile()).toBe(0);
    expect((await paymentRow(started.txnRef)).status).toBe('pending');
  });

  it('lets the applicant pay again after a cancelled or failed attempt', async () => {
    const dossier = await submitBusinessRegistration();
    const first = await startPayment(dossier.code);
    const back = await payAtBank(first, 'cancel');
    const returned = await t.anonymous.post(
      '/api/v1/payments/vnpay/return',
      Object.fromEntries(new URL(back ?? '').searchParams),
    );
    expect(returned.json()).toMatchObject({ status: 'failed', responseCode: '24' });
    const second = await startPayment(dossier.code);
    expect(second.txnRef).not.toBe(first.txnRef);
    // While a payment is open, asking again gives the same one: never two payable at once.
    expect((await startPayment(dossier.code)).txnRef).toBe(second.txnRef);
  });

  it('refuses to charge a dossier that owes nothing, and a stranger’s dossier', async () => {
    const birth = await findServiceId(t, 'khai sinh', '000.00.31.H29');
    const { code } = await submitBirthRegistration(citizen, birth);
    const nothing = await citizen.post(`/api/v1/dossiers/${code}/payments`);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json()).toMatchObject({ code: 'NOTHING_TO_PAY' });
    const dossier = await submitBusinessRegistration();
    const stranger = await t.signIn('Trần Thị Bình');
    expect((await stranger.post(`/api/v1/dossiers/${dossier.code}/payments`)).statusCode).toBe(404);
  });

  it('gives the desk the day’s reconciliation, the same in JSON and in XLSX', async () => {
    const desk = await t.signIn('Lê Minh Châu');
    const agencyId = await agencyIdOf(t, '000.00.31.H29');
    const today = vietnamDate(new Date());
    const query = `agencyId=${agencyId}&date=${today}`;
    const report = (await desk.get(`/api/v1/officer/payments/reconciliation?${query}`)).json<{
      paidCount: number;
      paidTotalVnd: number;
      failedCount: number;
      rows: { txnRef: string; status: string; amountVnd: number }[];
    }>();
    const paid = await t.database.db
      .selectFrom('payment')
      .select('txn_ref')
      .where('agency_id', '=', agencyId)
      .where('status', '=', 'paid')
      .execute();
    expect(report.paidCount).toBe(paid.length);
    expect(report.paidTotalVnd).toBe(paid.length * 100_000);
    expect(report.failedCount).toBeGreaterThanOrEqual(2);

    const xlsx = await desk.get(`/api/v1/officer/payments/reconciliation/xlsx?${query}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Đối soát');
    expect(sheet?.getCell('C3').value).toBe(report.paidTotalVnd);
    const txnRefs: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 5) txnRefs.push(row.getCell(2).text);
    });
    expect(txnRefs).toEqual(report.rows.map((r) => r.txnRef));

    const otherWard = await t.signIn('Hoàng Thị Hà');
    expect(
      (await otherWard.get(`/api/v1/officer/payments/reconciliation?${query}`)).statusCode,
    ).toBe(403);
  });
  it('pays a refused dossier’s fee back once, by the agency’s leader or administrator, with a reason', async () => {
    const dossier = await submitBusinessRegistration();
    const started = await startPayment(dossier.code);
    await payAtBank(started, 'success');
    expect((await paymentRow(started.txnRef)).status).toBe('paid');
    const url = `/api/v1/officer/payments/${started.txnRef}/refund`;
    const reason = 'Hồ sơ không thuộc thẩm quyền giải quyết, hoàn trả lệ phí đã nộp';
    const admin = await t.signIn('Bùi Thị Lan');
    const reception = await t.signIn('Lê Minh Châu');

    // Not while the agency is still to decide on the dossier.
    const early = await admin.post(url, { reason });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'PAYMENT_REFUND_NOT_ALLOWED' });
    await expectActed(reception, dossier.id, 'refuse', { note: 'Không thuộc thẩm quyền' });

    // The desk may not pay back, nor another agency's administrator; a reason is required.
    expect((await reception.post(url, { reason })).statusCode).toBe(403);
    const otherAdmin = await t.signIn('Ngô Đức Minh');
    expect((await otherAdmin.post(url, { reason })).json()).toMatchObject({
      code: 'PAYMENT_REFUND_FORBIDDEN',
    });
    const blank = await admin.post(url, { reason: 'hoàn' });
    expect(blank.statusCode).toBe(400);
    expect((await paymentRow(started.txnRef)).status).toBe('paid');

    // The gateway refuses (the bank no longer holds the transaction as paid): nothing changes
    // here, and the refund can be asked again.
    const setAtBank = (status: 'paid' | 'failed') =>
      t.database.db
        .updateTable('sandbox_vnpay_transaction')
        .set({ status })
        .where('txn_ref', '=', started.txnRef)
        .execute();
    await setAtBank('failed');
    const refused = await admin.post(url, { reason });
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toMatchObject({ code: 'PAYMENT_REFUND_REFUSED' });
    expect(await paymentRow(started.txnRef)).toMatchObject({
      status: 'paid',
      refund_requested_at: null,
    });
    await setAtBank('paid');

    // Pressed twice at once: the gateway is asked once, the fee paid back once.
    const answers = await Promise.all([admin.post(url, { reason }), admin.post(url, { reason })]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const done = answers.find((a) => a.statusCode === 200);
    expect(done?.json()).toMatchObject({ status: 'refunded', amountVnd: 100_000 });
    // The second finds it paid back, or still with the gateway, depending on when it came.
    expect(['PAYMENT_ALREADY_REFUNDED', 'PAYMENT_REFUND_IN_PROGRESS']).toContain(
      answers.find((a) => a.statusCode === 409)?.json<{ code: string }>().code,
    );
    expect((await admin.post(url, { reason })).json()).toMatchObject({
      code: 'PAYMENT_ALREADY_REFUNDED',
    });
    expect(await paymentRow(started.txnRef)).toMatchObject({
      status: 'refunded',
      refund_reason: reason,
    });
    const refunds = (await ipnMessages(started.txnRef)).filter((m) => m.kind === 'refund');
    expect(refunds).toEqual([
      { kind: 'refund', answer: '95' },
      { kind: 'refund', answer: '00' },
    ]);
    const atBank = await t.database.db
      .selectFrom('sandbox_vnpay_transaction')
      .select('status')
      .where('txn_ref', '=', started.txnRef)
      .executeTakeFirstOrThrow();
    expect(atBank.status).toBe('cancelled');
    const audit = await t.database.db
      .selectFrom('audit_record')
      .select('details')
      .where('action', '=', 'payment.refunded')
      .where('subject_id', '=', dossier.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ amountVnd: 100_000, reason });
    const notices = await t.database.db
      .selectFrom('notification')
      .select('title')
      .where('dossier_id', '=', dossier.id)
      .execute();
    expect(notices.map((n) => n.title)).toContain(`Hồ sơ ${dossier.code}: đã hoàn trả phí, lệ phí`);

    // The reconciliation shows it paid back, no longer refundable.
    const day = vietnamDate(new Date());
    const agencyId = await agencyIdOf(t, '000.00.31.H29');
    const report = await admin.get(
      `/api/v1/officer/payments/reconciliation?agencyId=${agencyId}&date=${day}`,
    );
    const row = report
      .json<{ rows: { txnRef: string; status: string; refundable: boolean }[] }>()
      .rows.find((r) => r.txnRef === started.txnRef);
    expect(row).toMatchObject({ status: 'refunded', refundable: false });
  });
});
