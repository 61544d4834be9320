import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateStatistics } from '../src/server/modules/monitoring/index.ts';
import { refreshCatalogListing } from '../src/server/modules/catalog/index.ts';
import { publishDemoProcedure } from '../src/server/db/seed/demo-data.ts';
import { DEMO_PROCEDURES } from '../src/server/db/seed/demo-procedures.ts';
import {
  actAsOfficer,
  agencyIdOf,
  countDossiers,
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

// The rest of the centers' scope (decision 0022): a vertically organised agency's procedures are
// received in the province it works in, a ministry's procedure assigned to the localities in every
// province.
describe('vertically organised agencies and ministries’ procedures at the centers', () => {
  const MINISTRY = '000.00.00.G17'; // Bộ Xây dựng
  const CITY_POLICE = '000.00.16.H29';
  const deskServices = async (desk: Caller) => {
    const response = await desk.get('/api/v1/officer/desk-services');
    expect(response.statusCode).toBe(200);
    return response.json<
      { id: string; agency: { code: string }; receivedAtCode: string | null }[]
    >();
  };
  const centersOf = async (id: string) =>
    (await t.anonymous.get(`/api/v1/catalog/services/${id}/centers`))
      .json<{ code: string }[]>()
      .map((center) => center.code)
      .sort();

  it('lists at a center’s desk its own services and every one of its province’s agencies, not another province’s', async () => {
    const listed = await deskServices(saiGonDesk);
    const own = listed.filter((s) => s.receivedAtCode === null);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s) => s.agency.code === SAI_GON)).toBe(true);
    expect(
      new Set(listed.filter((s) => s.receivedAtCode === SAI_GON).map((s) => s.agency.code)),
    ).toEqual(new Set([BEN_THANH, CITY_POLICE]));
    // a desk officer with no desk role at all is refused
    expect((await benThanhLeader.get('/api/v1/officer/desk-services')).statusCode).toBe(403);
  });

  it('receives a ministry’s procedure only once it is assigned to the localities, then in every province', async () => {
    // The ministry's own procedure, as its system publishes it (a province's system offers none).
    const licence = DEMO_PROCEDURES.find((p) => p.offeredBy === 'ministry');
    if (!licence) throw new Error('no ministry procedure in the demo');
    await publishDemoProcedure(t.database.db, licence, [await agencyIdOf(t, MINISTRY)]);
    await refreshCatalogListing(t.database.db);
    const licenceId = await findServiceId(t, 'chung chi hanh nghe', MINISTRY);
    const registerLicence = async () => {
      const scan = (await saiGonDesk.upload('don.pdf', SAMPLE_PDF, 'application/pdf')).json<{
        id: string;
      }>();
      return saiGonDesk.post('/api/v1/officer/dossiers', {
        serviceId: licenceId,
        channel: 'counter',
        applicant,
        formData: {
          hoTenNguoiYeuCau: applicant.fullName,
          soCccdNguoiYeuCau: applicant.citizenId,
          soDienThoai: applicant.phone,
          linhVuc: 'Thiết kế xây dựng',
          trinhDo: 'Kỹ sư xây dựng dân dụng và công nghiệp',
          soNamKinhNghiem: 9,
        },
        documents: [{ documentKey: 'don-de-nghi', fileId: scan.id }],
        receivedAtCode: SAI_GON,
      });
    };
    const before = await countDossiers(t);
    expect(await centersOf(licenceId)).toEqual([]);
    expect((await deskServices(saiGonDesk)).some((s) => s.id === licenceId)).toBe(false);
    expect((await registerLicence()).json()).toMatchObject({ code: 'DOSSIER_NOT_SERVICE_CENTER' });
    expect(await countDossiers(t)).toBe(before);

    // The ministry's designer ticks "assigned to the localities" and publishes a new version.
    const designer = await t.database.db
      .selectFrom('account')
      .select('id')
      .where('full_name', '=', 'Hồ Văn Tâm')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('officer_role')
      .values({
        account_id: designer.id,
        agency_id: await agencyIdOf(t, MINISTRY),
        role: 'agency_admin',
      })
      .execute();
    const admin = await t.signIn('Hồ Văn Tâm');
    const { versions } = (await admin.get(`/api/v1/admin/services/${licenceId}`)).json<{
      versions: Record<string, unknown>[];
    }>();
    const { formSchema, uiSchema, requiredDocuments, processingDays, feeVnd, feeSchedule } =
      versions[0] ?? {};
    const saved = await admin.put(`/api/v1/admin/services/${licenceId}/draft`, {
      ...{ formSchema, uiSchema, requiredDocuments, processingDays, feeVnd, feeSchedule },
      receivedLocally: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.post(`/api/v1/admin/services/${licenceId}/publish`)).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/v1/catalog/services/${licenceId}`)).json()).toMatchObject({
      receivedLocally: true,
    });
    expect(await centersOf(licenceId)).toEqual([SAI_GON, BEN_THANH, TRUONG_VINH].sort());
    expect(await deskServices(saiGonDesk)).toContainEqual(
      expect.objectContaining({ id: licenceId, receivedAtCode: SAI_GON }),
    );
    const registered = await registerLicence();
    expect(registered.statusCode, registered.body).toBe(201);
    const dossier = registered.json<{ id: string; code: string }>();
    expect(dossier.code.startsWith(`${SAI_GON}-`)).toBe(true);
    // Sài Gòn's desk receives it, not the ministry's; the ministry's specialist then takes it up
    expect((await actAsOfficer(admin, dossier.id, 'receive')).statusCode).toBe(403);
    await expectActed(saiGonDesk, dossier.id, 'receive');
    await expectActed(admin, dossier.id, 'claim');
    const stored = await t.database.db
      .selectFrom('dossier')
      .select(['agency_id', 'reception_agency_id', 'return_agency_id'])
      .where('id', '=', dossier.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      agency_id: await agencyIdOf(t, MINISTRY),
      reception_agency_id: await agencyIdOf(t, SAI_GON),
      return_agency_id: await agencyIdOf(t, SAI_GON),
    });
  });

  it('receives a vertically organised agency’s procedures in the province it is located in', async () => {
    const recordId = await findServiceId(t, 'ly lich tu phap', CITY_POLICE);
    // The city police as a vertically organised agency: under a ministry, located in the city.
    const [ministryId, cityId] = [
      await agencyIdOf(t, MINISTRY),
      await agencyIdOf(t, '000.00.00.H29'),
    ];
    const moveTo = (parent: string, locatedIn: string | null) =>
      t.database.db
        .updateTable('agency')
        .set({ parent_id: parent, level: 'ministry_unit', located_in_id: locatedIn })
        .where('code', '=', CITY_POLICE)
        .execute();
    await moveTo(ministryId, cityId);
    const hcmCenters = [SAI_GON, BEN_THANH].sort();
    expect(await centersOf(recordId)).toEqual(hcmCenters);
    expect(await deskServices(saiGonDesk)).toContainEqual(
      expect.objectContaining({ id: recordId, receivedAtCode: SAI_GON }),
    );
    // without its location it is a ministry's unit like any other: no center receives it
    await moveTo(ministryId, null);
    expect(await centersOf(recordId)).toEqual([]);
    expect((await deskServices(saiGonDesk)).some((s) => s.id === recordId)).toBe(false);
  });
});
