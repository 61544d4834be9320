import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateStatistics } from '../src/server/modules/monitoring/index.ts';
import {
  actAsOfficer,
  birthRegistrationForm,
  expectActed,
  findServiceId,
} from './helpers/factories.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

// Decree 118/2025: a province's Public Administration Service Centers receive dossiers regardless
// of administrative boundary. Phường Sài Gòn's desk takes a procedure of Phường Bến Thành; Bến
// Thành handles it; the result comes back to Sài Gòn.
const SAI_GON = '000.00.31.H29';
const BEN_THANH = '000.00.32.H29';
const TRUONG_VINH = '000.00.31.H41'; // Nghệ An: another province

let t: TestApp;
let citizen: Caller;
let saiGonDesk: Caller;
let benThanhDesk: Caller;
let benThanhLeader: Caller;
let serviceId: string;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await t.signIn('Nguyễn Văn An');
  saiGonDesk = await t.signIn('Lê Minh Châu');
  benThanhDesk = await t.signIn('Lý Thị Mai');
  benThanhLeader = await t.signIn('Phan Văn Nam');
  serviceId = await findServiceId(t, 'khai sinh', BEN_THANH);
});
afterAll(() => t.close());

const applicant = { fullName: 'Phạm Thị Hoa', citizenId: '079195012345', phone: '0901234567' };
const form = {
  ...birthRegistrationForm,
  hoTenNguoiYeuCau: 'Phạm Thị Hoa',
  soCccdNguoiYeuCau: '079195012345',
  quanHe: 'Mẹ',
};

async function registerAt(desk: Caller, receivedAtCode: string) {
  const scan = (await desk.upload('scan.pdf', SAMPLE_PDF, 'application/pdf')).json<{
    id: string;
  }>();
  return desk.post('/api/v1/officer/dossiers', {
    serviceId,
    channel: 'counter',
    applicant,
    formData: form,
    documents: [{ documentKey: 'giay-chung-sinh', fileId: scan.id }],
    receivedAtCode,
  });
}

/** Bến Thành's specialist and leader take the dossier from reception to a result ready. */
async function handledAtBenThanh(id: string) {
  await expectActed(benThanhDesk, id, 'claim');
  await expectActed(benThanhDesk, id, 'forward');
  await expectActed(benThanhLeader, id, 'claim');
  await expectActed(benThanhLeader, id, 'approve');
}

const eventsOf = (id: string) =>
  t.database.db
    .selectFrom('dossier_event')
    .innerJoin('agency', 'agency.id', 'dossier_event.agency_id')
    .select(['dossier_event.action', 'agency.code'])
    .where('dossier_event.dossier_id', '=', id)
    .orderBy('dossier_event.id')
    .execute();

describe('reception regardless of boundary within the province', () => {
  it('Sài Gòn’s desk receives a Bến Thành procedure; Bến Thành handles it; Sài Gòn returns it', async () => {
    const registered = await registerAt(saiGonDesk, SAI_GON);
    expect(registered.statusCode, registered.body).toBe(201);
    const dossier = registered.json<{ id: string; code: string }>();
    // the code names the agency that received it (Circular 01/2018)
    expect(dossier.code.startsWith(`${SAI_GON}-`)).toBe(true);
    const found = await t.anonymous.get(`/api/v1/public/dossiers/${dossier.code}`);
    expect(found.statusCode, found.body).toBe(200);

    // it waits in Sài Gòn's center view, not among what Sài Gòn holds
    const inbox = async (view: string) =>
      (await saiGonDesk.get(`/api/v1/officer/inbox?view=${view}&pageSize=100`))
        .json<{ items: { code: string }[] }>()
        .items.map((i) => i.code);
    expect(await inbox('center')).toContain(dossier.code);
    expect(await inbox('held')).not.toContain(dossier.code);

    // only the receiving desk receives it; Bến Thành's desk cannot
    expect((await actAsOfficer(benThanhDesk, dossier.id, 'receive')).statusCode).toBe(403);
    await expectActed(saiGonDesk, dossier.id, 'receive');
    // …and Sài Gòn's desk takes no part in the processing
    const atSaiGon = (await saiGonDesk.get(`/api/v1/officer/dossiers/${dossier.id}`)).json<{
      availableActions: string[];
      receptionAgencyName: string | null;
      agencyName: string;
    }>();
    expect(atSaiGon.availableActions).not.toContain('claim');
    expect(atSaiGon.receptionAgencyName).toBe('Ủy ban nhân dân Phường Sài Gòn');
    expect(atSaiGon.agencyName).toBe('Ủy ban nhân dân Phường Bến Thành');

    await handledAtBenThanh(dossier.id);
    expect(await inbox('center')).toContain(dossier.code);
    const byBenThanh = await actAsOfficer(benThanhDesk, dossier.id, 'return_result', {
      returnMethod: 'counter',
    });
    expect(byBenThanh.statusCode).toBe(403);
    await expectActed(saiGonDesk, dossier.id, 'return_result', { returnMethod: 'counter' });
    expect(await inbox('center')).not.toContain(dossier.code);
    expect(await eventsOf(dossier.id)).toEqual([
      { action: 'register', code: SAI_GON },
      { action: 'receive', code: SAI_GON },
      { action: 'claim', code: BEN_THANH },
      { action: 'forward', code: BEN_THANH },
      { action: 'claim', code: BEN_THANH },
      { action: 'approve', code: BEN_THANH },
      { action: 'return_result', code: SAI_GON },
    ]);
  });

  it('an online dossier is received and handled by Bến Thành and returned where the applicant chose', async () => {
    const upload = await citizen.upload('giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf');
    const submitted = await citizen.post('/api/v1/dossiers', {
      serviceId,
      formData: birthRegistrationForm,
      documents: [{ documentKey: 'giay-chung-sinh', fileId: upload.json<{ id: string }>().id }],
      returnAtCode: SAI_GON,
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const dossier = submitted.json<{ id: string; code: string }>();
    expect(dossier.code.startsWith(`${BEN_THANH}-`)).toBe(true);
    expect((await actAsOfficer(saiGonDesk, dossier.id, 'receive')).statusCode).toBe(403);
    await expectActed(benThanhDesk, dossier.id, 'receive');
    await handledAtBenThanh(dossier.id);
    await expectActed(saiGonDesk, dossier.id, 'return_result', { returnMethod: 'counter' });

    // receptions count where they happened, handling at the competent agency
    await updateStatistics(t.database.db);
    const figures = async (code: string) =>
      (await t.anonymous.get(`/api/v1/stats/agencies/${code}?period=live`)).json<{
        indicators: { dossiers: { received: number; finished: number } };
      }>().indicators.dossiers;
    expect(await figures(SAI_GON)).toMatchObject({ received: 1, finished: 0 });
    expect(await figures(BEN_THANH)).toMatchObject({ received: 1, finished: 2 });
  });

  it('refuses a desk that is not a center of the competent agency’s province, and changes nothing', async () => {
    const elsewhere = await registerAt(saiGonDesk, TRUONG_VINH);
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json()).toMatchObject({ code: 'DOSSIER_NOT_SERVICE_CENTER' });
    // a center of the province, but not one where this officer works
    const notMine = await registerAt(benThanhLeader, SAI_GON);
    expect(notMine.statusCode).toBe(403);
    const upload = await citizen.upload('giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf');
    const online = await citizen.post('/api/v1/dossiers', {
      serviceId,
      formData: birthRegistrationForm,
      documents: [{ documentKey: 'giay-chung-sinh', fileId: upload.json<{ id: string }>().id }],
      returnAtCode: '000.00.16.H29', // the city police: not a service center
    });
    expect(online.statusCode).toBe(422);
  });
});
