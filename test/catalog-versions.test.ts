import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthRegistrationForm } from './helpers/factories.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

type Detail = {
  id: string;
  status: string;
  versions: {
    id: string;
    version: number;
    formSchema: { properties: Record<string, unknown>; required: string[] };
    uiSchema: object;
    requiredDocuments: object[];
    processingDays: number;
    feeVnd: number;
    publishedAt: string | null;
  }[];
};

let t: TestApp;
let admin: Caller;
let otherAdmin: Caller;
let citizen: Caller;
let reception: Caller;
let serviceId: string;

async function submit(formData: Record<string, unknown>) {
  const file = (await citizen.upload('giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf')).json<{
    id: string;
  }>();
  return citizen.post('/api/v1/dossiers', {
    serviceId,
    formData,
    documents: [{ documentKey: 'giay-chung-sinh', fileId: file.id }],
  });
}

async function publishedVersion(): Promise<Detail['versions'][number]> {
  const detail = (await admin.get(`/api/v1/admin/services/${serviceId}`)).json<Detail>();
  const published = detail.versions.find((v) => v.publishedAt !== null);
  if (!published) throw new Error('no published version');
  return published;
}

function withExtraRequiredField(version: Detail['versions'][number]) {
  return {
    formSchema: {
      ...version.formSchema,
      required: [...version.formSchema.required, 'soGiayChungSinh'],
      properties: {
        ...version.formSchema.properties,
        soGiayChungSinh: { type: 'string', title: 'Số giấy chứng sinh', minLength: 1 },
      },
    },
    uiSchema: version.uiSchema,
    requiredDocuments: version.requiredDocuments,
    processingDays: version.processingDays,
    feeVnd: version.feeVnd,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('Bùi Thị Lan');
  otherAdmin = await t.signIn('Ngô Đức Minh');
  citizen = await t.signIn('Nguyễn Văn An');
  reception = await t.signIn('Lê Minh Châu');
  const services = (await admin.get('/api/v1/admin/services')).json<
    { id: string; procedureCode: string }[]
  >();
  serviceId = services.find((s) => s.procedureCode === '1.001193')?.id ?? '';
});
afterAll(() => t.close());

describe('service versions', () => {
  it('lists only the services of the agencies the administrator manages', async () => {
    const mine = (await admin.get('/api/v1/admin/services')).json<{ agencyName: string }[]>();
    expect(mine).toHaveLength(4);
    expect(new Set(mine.map((s) => s.agencyName))).toEqual(
      new Set(['Ủy ban nhân dân Phường Sài Gòn']),
    );
    expect((await otherAdmin.get(`/api/v1/admin/services/${serviceId}`)).statusCode).toBe(404);
    expect((await otherAdmin.post(`/api/v1/admin/services/${serviceId}/publish`)).statusCode).toBe(
      404,
    );
    expect((await reception.get('/api/v1/admin/services')).json()).toEqual([]);
    expect((await citizen.get('/api/v1/admin/services')).statusCode).toBe(403);
  });

  it('publishes a new version for new dossiers while earlier dossiers keep theirs', async () => {
    const before = await submit(birthRegistrationForm);
    expect(before.statusCode).toBe(201);
    const v1 = await publishedVersion();

    const draft = await admin.put(
      `/api/v1/admin/services/${serviceId}/draft`,
      withExtraRequiredField(v1),
    );
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ version: v1.version + 1 });
    // saving again replaces the one draft instead of adding versions
    expect(
      (
        await admin.put(`/api/v1/admin/services/${serviceId}/draft`, withExtraRequiredField(v1))
      ).json(),
    ).toMatchObject({ version: v1.version + 1 });
    // the draft is not public yet
    expect((await submit(birthRegistrationForm)).statusCode).toBe(201);

    const published = await admin.post(`/api/v1/admin/services/${serviceId}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ version: v1.version + 1 });

    const refused = await submit(birthRegistrationForm);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(
      '/formData/soGiayChungSinh',
    );
    expect(
      (await submit({ ...birthRegistrationForm, soGiayChungSinh: 'CS-2026-000123' })).statusCode,
    ).toBe(201);

    const earlier = (
      await citizen.get(`/api/v1/dossiers/${before.json<{ code: string }>().code}`)
    ).json<{ formLabels: Record<string, string> }>();
    expect(earlier.formLabels).not.toHaveProperty('soGiayChungSinh');
  });

  it('refuses to publish a form the server could not check', async () => {
    const v = await publishedVersion();
    await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
      ...withExtraRequiredField(v),
      formSchema: { type: 'object', properties: { hoTen: { type: 'strnig' } } },
    });
    const response = await admin.post(`/api/v1/admin/services/${serviceId}/publish`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'FORM_SCHEMA_INVALID',
      errors: [{ field: '/formSchema', code: 'compile' }],
    });
    expect((await publishedVersion()).version).toBe(v.version);
  });

  it('answers 409 when there is no draft to publish', async () => {
    const other = (await admin.get('/api/v1/admin/services'))
      .json<{ id: string; procedureCode: string }[]>()
      .find((s) => s.procedureCode === '1.000656');
    const response = await admin.post(`/api/v1/admin/services/${other?.id ?? ''}/publish`);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'NO_DRAFT_VERSION' });
  });

  it('keeps published versions immutable even against direct SQL', async () => {
    const v = await publishedVersion();
    await expect(
      sql`update service_version set fee_vnd = 1 where id = ${v.id}`.execute(t.database.db),
    ).rejects.toThrow(/published and cannot change/);
    await expect(
      sql`delete from service_version where id = ${v.id}`.execute(t.database.db),
    ).rejects.toThrow(/published and cannot change/);
  });

  it('unpublishing stops new dossiers but leaves submitted ones workable', async () => {
    const pending = (
      await submit({ ...birthRegistrationForm, soGiayChungSinh: 'CS-2026-000124' })
    ).json<{ id: string }>();
    expect(
      (await admin.post(`/api/v1/admin/services/${serviceId}/unpublish`)).json(),
    ).toMatchObject({ status: 'unpublished' });
    expect((await t.anonymous.get(`/api/v1/catalog/services/${serviceId}`)).statusCode).toBe(404);
    const refused = await submit({ ...birthRegistrationForm, soGiayChungSinh: 'CS-2026-000125' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
    expect(
      (
        await reception.post(`/api/v1/officer/dossiers/${pending.id}/actions`, {
          action: 'receive',
          lockVersion: 0,
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('offering a procedure as a new service', () => {
  it('creates a draft service only in an agency the administrator manages, once', async () => {
    const procedures = (await admin.get('/api/v1/admin/procedures')).json<
      { id: string; nationalCode: string }[]
    >();
    const criminalRecord = procedures.find((p) => p.nationalCode === '2.000488');
    const ward = await t.database.db
      .selectFrom('agency')
      .select('id')
      .where('code', '=', '000.00.31.H29')
      .executeTakeFirstOrThrow();
    const province = await t.database.db
      .selectFrom('agency')
      .select('id')
      .where('code', '=', '000.00.00.H29')
      .executeTakeFirstOrThrow();
    const body = { agencyId: ward.id, procedureId: criminalRecord?.id, onlineLevel: 'partial' };
    expect((await admin.post('/api/v1/admin/services', body)).statusCode).toBe(201);
    expect((await admin.post('/api/v1/admin/services', body)).json()).toMatchObject({
      code: 'SERVICE_EXISTS',
    });
    expect(
      (await admin.post('/api/v1/admin/services', { ...body, agencyId: province.id })).json(),
    ).toMatchObject({ code: 'AGENCY_NOT_MANAGED' });
  });
});

describe('procedure details and document limits', () => {
  it('shows who carries the procedure out, its result and conditions', async () => {
    const page = (
      await t.anonymous.get('/api/v1/catalog/services?q=khai%20tu&agency=000.00.31.H29')
    ).json<{ items: { id: string }[] }>();
    const detail = (
      await t.anonymous.get(`/api/v1/catalog/services/${page.items[0]?.id ?? ''}`)
    ).json<{
      carriedOutBy: string[];
      resultType: string;
      conditions: string;
    }>();
    expect(detail).toMatchObject({ carriedOutBy: ['commune'], resultType: 'Trích lục khai tử' });
    expect(detail.conditions).toContain('15 ngày');
  });

  it('refuses a file larger than its document allows', async () => {
    const services = (await admin.get('/api/v1/admin/services')).json<
      { id: string; procedureCode: string }[]
    >();
    const marriage = services.find((s) => s.procedureCode === '1.000894')?.id ?? '';
    const version = (await admin.get(`/api/v1/admin/services/${marriage}`)).json<Detail>()
      .versions[0];
    await admin.put(`/api/v1/admin/services/${marriage}/draft`, {
      formSchema: { type: 'object', properties: { hoTen: { type: 'string', title: 'Họ tên' } } },
      uiSchema: version?.uiSchema ?? {},
      requiredDocuments: [
        {
          key: 'to-khai',
          name: 'Tờ khai đăng ký kết hôn',
          mandatory: true,
          accept: ['pdf'],
          maxSizeMb: 1,
        },
      ],
      processingDays: 5,
      feeVnd: 0,
    });
    expect((await admin.post(`/api/v1/admin/services/${marriage}/publish`)).statusCode).toBe(200);
    const big = Buffer.concat([SAMPLE_PDF, Buffer.alloc(1024 * 1024 + 1, 0x20)]);
    const file = (await citizen.upload('to-khai.pdf', big, 'application/pdf')).json<{
      id: string;
    }>();
    const response = await citizen.post('/api/v1/dossiers', {
      serviceId: marriage,
      formData: { hoTen: 'Nguyễn Văn An' },
      documents: [{ documentKey: 'to-khai', fileId: file.id }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: '/documents/0/fileId', code: 'size' }),
    ]);
  });

  it('keeps the fee and the online result a version declares; full online only with both', async () => {
    const services = (await admin.get('/api/v1/admin/services')).json<
      { id: string; procedureCode: string }[]
    >();
    const businessId = services.find((s) => s.procedureCode === '2.000720')?.id ?? '';
    const detail = (await admin.get(`/api/v1/admin/services/${businessId}`)).json<{
      versions: (Detail['versions'][number] & { resultOnline: boolean; resultTemplate: object })[];
    }>();
    const current = detail.versions.find((v) => v.publishedAt !== null);
    if (!current) throw new Error('no published version');
    expect(current).toMatchObject({ feeVnd: 100_000, paymentOnline: true, resultOnline: true });
    const content = {
      formSchema: current.formSchema,
      uiSchema: current.uiSchema,
      requiredDocuments: current.requiredDocuments,
      processingDays: current.processingDays,
      feeVnd: 150_000,
    };
    const publish = async (extra: object) => {
      const saved = await admin.put(`/api/v1/admin/services/${businessId}/draft`, {
        ...content,
        ...extra,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await admin.post(`/api/v1/admin/services/${businessId}/publish`)).statusCode).toBe(
        200,
      );
      return (await t.anonymous.get(`/api/v1/catalog/services/${businessId}`)).json<{
        onlineLevel: string;
        feeSchedule: object;
      }>();
    };
    // Without an online result the service is partial, whatever was declared.
    const partial = await publish({ resultOnline: false });
    expect(partial).toMatchObject({
      onlineLevel: 'partial',
      feeSchedule: { kind: 'fixed', amountVnd: 150_000, payAt: 'submission' },
    });
    const full = await publish({
      resultOnline: true,
      resultTemplate: {
        title: 'Giấy chứng nhận đăng ký hộ kinh doanh',
        body: 'Cấp cho {{tenHoKinhDoanh}}',
      },
    });
    expect(full).toMatchObject({ onlineLevel: 'full', paymentOnline: true, resultOnline: true });
    // A fee the applicant must pay at the desk keeps it partial.
    expect(await publish({ resultOnline: true, paymentOnline: false })).toMatchObject({
      onlineLevel: 'partial',
    });
  });
});
