import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceAgencies } from '../src/server/db/seed/reference-agencies.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

type Agency = {
  id: string;
  code: string | null;
  name: string;
  level: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: string | null;
};

let t: TestApp;
let all: Agency[];
const byName = (name: string, current = true) =>
  all.find((a) => a.name === name && (a.validTo === null) === current);

beforeAll(async () => {
  t = await createTestApp();
  all = (await t.anonymous.get('/api/v1/catalog/agencies')).json<Agency[]>();
});
afterAll(() => t.close());

describe('agency registry with history', () => {
  it('holds the 34 provinces of today and the 63 of 2020', async () => {
    const current = (await t.anonymous.get('/api/v1/catalog/agencies?current=true')).json<
      Agency[]
    >();
    expect(current.filter((a) => a.level === 'province')).toHaveLength(34);
    const existing2020 = all.filter((a) => a.level === 'province' && a.validFrom <= '2020-12-31');
    expect(existing2020).toHaveLength(63);
  });

  it('closes a merged province on 30/06/2025 and points to its successor', () => {
    const binhDuong = byName('Ủy ban nhân dân Tỉnh Bình Dương', false);
    const hcmc = byName('Ủy ban nhân dân Thành phố Hồ Chí Minh');
    expect(binhDuong).toMatchObject({ validTo: '2025-06-30', successorId: hcmc?.id });
    // the city goes on under its name, keeping its code and its history since 2020
    expect(hcmc).toMatchObject({ code: '000.00.00.H29', validFrom: '2020-01-01', validTo: null });
  });

  it('keeps merged ministries with their successor under the Government', () => {
    const government = byName('Chính phủ');
    const mic = byName('Bộ Thông tin và Truyền thông', false);
    const most = byName('Bộ Khoa học và Công nghệ');
    expect(mic).toMatchObject({
      validTo: '2025-02-28',
      successorId: most?.id,
      parentId: government?.id,
    });
    expect(byName('Bộ Tài chính')).toMatchObject({
      code: '000.00.00.G12',
      parentId: government?.id,
    });
  });

  it('loads once: a second run changes nothing', async () => {
    expect(await loadReferenceAgencies(t.database.db)).toBe(false);
    expect((await t.anonymous.get('/api/v1/catalog/agencies')).json<Agency[]>()).toHaveLength(
      all.length,
    );
  });
});

describe('an agency without a code', () => {
  let admin: Caller;
  beforeAll(async () => {
    admin = await t.signIn('Trịnh Quốc Việt');
  });

  it('cannot publish a service', async () => {
    const agency = byName('Ủy ban nhân dân Tỉnh Cao Bằng');
    expect(agency?.code).toBeNull();
    const account = await t.database.db
      .selectFrom('account')
      .select('id')
      .where('full_name', '=', 'Trịnh Quốc Việt')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('officer_role')
      .values({ account_id: account.id, agency_id: agency?.id ?? '', role: 'agency_admin' })
      .execute();
    admin = await t.signIn('Trịnh Quốc Việt');
    const procedure = await t.database.db
      .selectFrom('procedure')
      .select('id')
      .where('national_code', '=', '1.001193')
      .executeTakeFirstOrThrow();
    const created = await admin.post('/api/v1/admin/services', {
      agencyId: agency?.id,
      procedureId: procedure.id,
      onlineLevel: 'partial',
    });
    expect(created.statusCode).toBe(201);
    const serviceId = created.json<{ id: string }>().id;
    await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
      formSchema: { type: 'object', properties: { hoTen: { type: 'string', title: 'Họ tên' } } },
      uiSchema: {},
      requiredDocuments: [],
      processingDays: 1,
      feeVnd: 0,
    });
    const published = await admin.post(`/api/v1/admin/services/${serviceId}/publish`);
    expect(published.statusCode).toBe(409);
    expect(published.json()).toMatchObject({ code: 'AGENCY_CODE_MISSING' });
  });
});
