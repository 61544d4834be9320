import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_CODE_PATTERN } from '../src/domain/dossier-code.ts';
import { birthRegistrationForm as birthForm, countDossiers } from './helpers/factories.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

type Service = { id: string; procedureCode: string; agency: { code: string; name: string } };

let t: TestApp;
let citizen: Caller;
let otherCitizen: Caller;
let reception: Caller;
let otherAgencyReception: Caller;
let specialist: Caller;
let birthRegistration: Service;

async function submitBirthRegistration(formData: Record<string, unknown> = birthForm) {
  const upload = await citizen.upload('giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf');
  expect(upload.statusCode).toBe(201);
  return citizen.post('/api/v1/dossiers', {
    serviceId: birthRegistration.id,
    formData,
    documents: [{ documentKey: 'giay-chung-sinh', fileId: upload.json<{ id: string }>().id }],
  });
}

const dossierCount = () => countDossiers(t);

beforeAll(async () => {
  t = await createTestApp();
  citizen = await t.signIn('Nguyễn Văn An');
  otherCitizen = await t.signIn('Trần Thị Bình');
  reception = await t.signIn('Lê Minh Châu');
  otherAgencyReception = await t.signIn('Hoàng Thị Hà');
  specialist = await t.signIn('Võ Thanh Giang');
  const services = (
    await t.anonymous.get('/api/v1/catalog/services?q=khai%20sinh&agency=000.00.31.H29')
  ).json<{ items: Service[] }>().items;
  const found = services.find((s) => s.agency.code === '000.00.31.H29');
  if (!found) throw new Error('demo birth registration service missing');
  birthRegistration = found;
});
afterAll(() => t.close());

describe('the first journey: submit online, receive at the one-stop desk', () => {
  it('gives the citizen a dossier code in the legal format, then the officer receives it', async () => {
    const submitted = await submitBirthRegistration();
    expect(submitted.statusCode).toBe(201);
    const dossier = submitted.json<{ id: string; code: string; status: string }>();
    expect(dossier.code).toMatch(DOSSIER_CODE_PATTERN);
    expect(dossier.code.startsWith('000.00.31.H29-')).toBe(true);
    expect(dossier.status).toBe('submitted');

    const inbox = (await reception.get('/api/v1/officer/inbox?status=submitted')).json<{
      items: { code: string }[];
    }>();
    expect(inbox.items.map((d) => d.code)).toContain(dossier.code);

    const opened = (await reception.get(`/api/v1/officer/dossiers/${dossier.id}`)).json<{
      lockVersion: number;
      files: { id: string }[];
    }>();
    expect(opened.files).toHaveLength(1);
    const download = await reception.get(
      `/api/v1/officer/dossiers/${dossier.id}/files/${opened.files[0]?.id ?? ''}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(SAMPLE_PDF)).toBe(true);

    const received = await reception.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
      action: 'receive',
      lockVersion: opened.lockVersion,
    });
    expect(received.statusCode).toBe(200);
    expect(received.json()).toMatchObject({ status: 'received' });

    const seen = (await citizen.get(`/api/v1/dossiers/${dossier.code}`)).json<{
      status: string;
      events: { toStatus: string; byOfficer: boolean }[];
    }>();
    expect(seen.status).toBe('received');
    expect(seen.events.map((e) => [e.toStatus, e.byOfficer])).toEqual([
      ['submitted', false],
      ['received', true],
    ]);

    const lookup = await t.anonymous.get(`/api/v1/public/dossiers/${dossier.code}`);
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({
      code: dossier.code,
      status: 'received',
      procedureName: 'Đăng ký khai sinh',
    });
    for (const personal of ['applicantName', 'formData', 'Nguyễn Văn An', '079090001234'])
      expect(lookup.body).not.toContain(personal);
  });

  it('numbers a day’s dossiers of one agency in sequence', async () => {
    const first = (await submitBirthRegistration()).json<{ code: string }>().code;
    const second = (await submitBirthRegistration()).json<{ code: string }>().code;
    expect(Number(second.slice(-4))).toBe(Number(first.slice(-4)) + 1);
  });
});

describe('access is scoped by agency and by applicant', () => {
  let dossier: { id: string; code: string };
  beforeAll(async () => {
    dossier = (await submitBirthRegistration()).json();
  });

  it('hides the dossier from an officer of another agency (404, as if it did not exist)', async () => {
    expect(
      (await otherAgencyReception.get(`/api/v1/officer/dossiers/${dossier.id}`)).statusCode,
    ).toBe(404);
    expect(
      (
        await otherAgencyReception.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
          action: 'receive',
          lockVersion: 0,
        })
      ).statusCode,
    ).toBe(404);
    const inbox = (await otherAgencyReception.get('/api/v1/officer/inbox')).json<{
      items: { id: string }[];
    }>();
    expect(inbox.items.map((d) => d.id)).not.toContain(dossier.id);
  });

  it('hides the dossier and its files from another citizen', async () => {
    expect((await otherCitizen.get(`/api/v1/dossiers/${dossier.code}`)).statusCode).toBe(404);
    const mine = (await citizen.get(`/api/v1/dossiers/${dossier.code}`)).json<{
      files: { id: string }[];
    }>();
    expect(
      (await otherCitizen.get(`/api/v1/dossiers/${dossier.code}/files/${mine.files[0]?.id ?? ''}`))
        .statusCode,
    ).toBe(404);
  });

  it('lets only the reception role receive', async () => {
    const response = await specialist.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
      action: 'receive',
      lockVersion: 0,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'DOSSIER_ACTION_NOT_PERMITTED' });
  });

  it('keeps citizens out of the back office and anonymous callers out of both', async () => {
    expect((await citizen.get('/api/v1/officer/inbox')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/dossiers')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/v1/dossiers')).json()).toMatchObject({
      title: 'Vui lòng đăng nhập để tiếp tục',
    });
  });
});

describe('bad input is refused with field-level Vietnamese messages and nothing is stored', () => {
  it('refuses a wrong CCCD and a missing required field', async () => {
    const before = await dossierCount();
    const { hoTenTre: _omitted, ...withoutChildName } = birthForm;
    const response = await submitBirthRegistration({
      ...withoutChildName,
      soCccdNguoiYeuCau: '079090',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json<{ code: string; errors: { field: string; message: string }[] }>();
    expect(problem.code).toBe('DOSSIER_FORM_INVALID');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: '/formData/soCccdNguoiYeuCau',
          message: 'Số CCCD không hợp lệ (12 chữ số, đúng mã tỉnh và năm sinh)',
        }),
        expect.objectContaining({
          field: '/formData/hoTenTre',
          message: 'Vui lòng nhập thông tin bắt buộc này',
        }),
      ]),
    );
    expect(await dossierCount()).toBe(before);
  });

  it('refuses a dossier without its mandatory document', async () => {
    const before = await dossierCount();
    const response = await citizen.post('/api/v1/dossiers', {
      serviceId: birthRegistration.id,
      formData: birthForm,
      documents: [],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(
      '/documents/giay-chung-sinh',
    );
    expect(await dossierCount()).toBe(before);
  });

  it('refuses a file that is not really a PDF or image, whatever its name', async () => {
    const response = await citizen.upload(
      'giay-chung-sinh.pdf',
      Buffer.from('MZ this is an executable'),
      'application/pdf',
    );
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
  });

  it('refuses another citizen’s file', async () => {
    const upload = (await otherCitizen.upload('x.pdf', SAMPLE_PDF, 'application/pdf')).json<{
      id: string;
    }>();
    const response = await citizen.post('/api/v1/dossiers', {
      serviceId: birthRegistration.id,
      formData: birthForm,
      documents: [{ documentKey: 'giay-chung-sinh', fileId: upload.id }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
      '/documents/0/fileId',
    );
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const me = await t.database.db
      .selectFrom('account')
      .select('id')
      .where('full_name', '=', 'Lê Minh Châu')
      .executeTakeFirstOrThrow();
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/demo/sign-in',
      payload: { accountId: me.id },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'dvc_session')?.value ?? '';
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie: `dvc_session=${cookie}` },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
  });
});

describe('two officers acting at once', () => {
  it('lets one receive and tells the other 409 without losing anything', async () => {
    const dossier = (await submitBirthRegistration()).json<{ id: string }>();
    const secondReception = await t.signIn('Lê Minh Châu');
    const [a, b] = await Promise.all([
      reception.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
        action: 'receive',
        lockVersion: 0,
      }),
      secondReception.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
        action: 'receive',
        lockVersion: 0,
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = await t.database.db
      .selectFrom('dossier_event')
      .select('action')
      .where('dossier_id', '=', dossier.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['submit', 'receive']);
  });
});
