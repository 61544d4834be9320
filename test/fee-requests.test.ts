import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeeSchedule } from '../src/domain/fees.ts';
import {
  actAsOfficer,
  businessRegistrationForm,
  countDossiers,
  expectActed,
  findServiceId,
} from './helpers/factories.ts';
import { freePort } from './helpers/server-process.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

// Fees that depend on the applicant's choice, and a fee the officer asks for during processing.
// The sandbox gateway calls the IPN over HTTP, so this app listens on a real port.
let t: TestApp;
let base: string;
let citizen: Caller;
let admin: Caller;
let reception: Caller;
let specialist: Caller;
let serviceId: string;

const SCHEDULE: FeeSchedule = {
  kind: 'by_option',
  options: [
    { key: 'thuong', label: 'Cấp thông thường', amountVnd: 100_000 },
    { key: 'nhanh', label: 'Cấp nhanh', amountVnd: 250_000 },
  ],
  payAt: 'on_request',
  exemptions: ['poor_household'],
};

type Version = Record<string, unknown> & { publishedAt: string | null };

/** The administrator gives the version a new fee schedule, the rest unchanged, and publishes it. */
async function publishSchedule(schedule: FeeSchedule) {
  const detail = (await admin.get(`/api/v1/admin/services/${serviceId}`)).json<{
    versions: Version[];
  }>();
  const published = detail.versions.find((v) => v.publishedAt !== null);
  if (!published) throw new Error('no published version');
  const draft = await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
    formSchema: published.formSchema,
    uiSchema: published.uiSchema,
    requiredDocuments: published.requiredDocuments,
    processingDays: published.processingDays,
    feeVnd: 0,
    feeSchedule: schedule,
    paymentOnline: true,
    resultOnline: published.resultOnline,
    resultTemplate: published.resultTemplate,
  });
  expect(draft.statusCode, draft.body).toBe(200);
  return admin.post(`/api/v1/admin/services/${serviceId}/publish`);
}

async function submit(feeChoice?: object) {
  const upload = await citizen.upload('giay-de-nghi.pdf', SAMPLE_PDF, 'application/pdf');
  return citizen.post('/api/v1/dossiers', {
    serviceId,
    formData: businessRegistrationForm,
    ...(feeChoice ? { feeChoice } : {}),
    documents: [{ documentKey: 'giay-de-nghi', fileId: upload.json<{ id: string }>().id }],
  });
}

type Seen = {
  status: string;
  feeDueVnd: number;
  feeOutstanding: boolean;
  feeBasis: string | null;
  availableActions: string[];
  dueAt: string | null;
  events: {
    action: string;
    fromStatus: string;
    toStatus: string;
    details: Record<string, unknown>;
  }[];
};
const seenByOfficer = async (officer: Caller, id: string) =>
  (await officer.get(`/api/v1/officer/dossiers/${id}`)).json<Seen>();

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${String(port)}`;
  t = await createTestApp({ PUBLIC_URL: base });
  await t.app.listen({ host: '127.0.0.1', port });
  citizen = await t.signIn('Nguyễn Văn An');
  admin = await t.signIn('Bùi Thị Lan');
  reception = await t.signIn('Lê Minh Châu');
  specialist = await t.signIn('Võ Thanh Giang');
  serviceId = await findServiceId(t, 'hộ kinh doanh', '000.00.31.H29');
  expect((await publishSchedule(SCHEDULE)).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('fees chosen at submission and asked for during processing', () => {
  it('publishes a schedule by option, and refuses one whose options cannot be told apart', async () => {
    const service = (await t.anonymous.get(`/api/v1/catalog/services/${serviceId}`)).json<{
      feeSchedule: FeeSchedule;
      feeVnd: number;
    }>();
    expect(service).toMatchObject({ feeSchedule: SCHEDULE, feeVnd: 100_000 });
    const twins = await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
      formSchema: {},
      uiSchema: {},
      requiredDocuments: [],
      processingDays: 3,
      feeVnd: 0,
      feeSchedule: {
        ...SCHEDULE,
        options: [SCHEDULE.options[0], { ...SCHEDULE.options[1], key: 'thuong' }],
      },
    });
    expect(twins.statusCode).toBe(400);
    expect(twins.json()).toMatchObject({
      code: 'DRAFT_INVALID',
      errors: [{ field: '/feeSchedule/options/1/key', message: 'Mã lựa chọn "thuong" bị trùng' }],
    });
  });

  it('refuses a submission without the choice the fee needs, and creates nothing', async () => {
    const before = await countDossiers(t);
    const missing = await submit();
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      errors: [
        {
          field: '/feeChoice/option',
          message: 'Vui lòng chọn loại yêu cầu để tính phí, lệ phí',
        },
      ],
    });
    const unlisted = await submit({ option: 'thuong', exemption: 'disabled_person' });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json()).toMatchObject({
      errors: [{ field: '/feeChoice/exemption' }],
    });
    expect(await countDossiers(t)).toBe(before);
  });

  it('pauses the dossier for the fee the specialist asks for, and resumes it with the appointment moved once paid', async () => {
    const submitted = await submit({ option: 'nhanh' });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { id, code } = submitted.json<{ id: string; code: string }>();
    // Paid on request, not at submission: reception receives it at once.
    await expectActed(reception, id, 'receive');
    await expectActed(specialist, id, 'claim');
    const claimed = await seenByOfficer(specialist, id);
    expect(claimed).toMatchObject({
      feeDueVnd: 250_000,
      feeOutstanding: false,
      feeBasis: 'Cấp nhanh',
    });
    expect(claimed.availableActions).toContain('request_fee');
    // Not asked for yet: nothing to pay online.
    const early = await citizen.post(`/api/v1/dossiers/${code}/payments`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'NOTHING_TO_PAY' });

    await expectActed(specialist, id, 'request_fee', { note: 'Nộp lệ phí cấp nhanh' });
    const paused = await seenByOfficer(specialist, id);
    expect(paused).toMatchObject({ status: 'paused', feeOutstanding: true });
    expect(paused.availableActions).not.toContain('forward');
    expect((await actAsOfficer(specialist, id, 'forward')).statusCode).toBe(409);
    const notices = (await citizen.get('/api/v1/notifications')).json<{ body: string }[]>();
    expect(notices[0]?.body).toContain('cần nộp phí, lệ phí 250.000');

    // Two working days pass while the applicant has not paid.
    const stoppedAt = new Date(Date.now() - 3 * 24 * 3_600_000);
    await t.database.db
      .updateTable('dossier')
      .set({ clock_stopped_at: stoppedAt })
      .where('id', '=', id)
      .execute();

    const started = await citizen.post(`/api/v1/dossiers/${code}/payments`);
    expect(started.statusCode, started.body).toBe(201);
    const { txnRef, paymentUrl, amountVnd } = started.json<{
      txnRef: string;
      paymentUrl: string;
      amountVnd: number;
    }>();
    expect(amountVnd).toBe(250_000);
    expect((await fetch(paymentUrl)).status).toBe(200);
    const paid = await fetch(`${base}/sandbox/vnpay/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ txnRef, outcome: 'success' }).toString(),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);

    const resumed = await seenByOfficer(specialist, id);
    expect(resumed).toMatchObject({ status: 'processing', feeOutstanding: false });
    const payEvent = resumed.events.at(-1);
    expect(payEvent).toMatchObject({ action: 'pay', fromStatus: 'paused', toStatus: 'processing' });
    expect(Number(payEvent?.details.clockStoppedMinutes)).toBeGreaterThan(0);
    expect(new Date(resumed.dueAt ?? 0).getTime()).toBeGreaterThan(
      new Date(paused.dueAt ?? 0).getTime(),
    );
    const row = await t.database.db
      .selectFrom('dossier')
      .select(['clock_stopped_at', 'pause_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ clock_stopped_at: null, pause_reason: null });

    // Paid once: it cannot be asked for again, and the work goes on.
    expect(resumed.availableActions).not.toContain('request_fee');
    const again = await actAsOfficer(specialist, id, 'request_fee');
    expect(again.statusCode).toBe(409);
    expect(again.json<{ detail: string }>().detail).toContain('không có phí, lệ phí chờ nộp');
    await expectActed(specialist, id, 'forward');
  });

  it('charges nothing to an exempt applicant, and says why on the dossier', async () => {
    const submitted = await submit({ option: 'thuong', exemption: 'poor_household' });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { id } = submitted.json<{ id: string }>();
    await expectActed(reception, id, 'receive');
    await expectActed(specialist, id, 'claim');
    const seen = await seenByOfficer(specialist, id);
    expect(seen).toMatchObject({
      feeDueVnd: 0,
      feeBasis: 'Miễn phí, lệ phí: Người thuộc hộ nghèo',
    });
    expect(seen.availableActions).not.toContain('request_fee');
    const audit = await t.database.db
      .selectFrom('audit_record')
      .select('details')
      .where('subject_id', '=', id)
      .where('action', '=', 'dossier.transition')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ feeExemption: 'poor_household' });
  });
});
