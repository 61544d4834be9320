import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICER_PASSWORD } from '../src/server/db/seed/demo-data.ts';
import { agencyIdOf } from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let admin: Caller;
let systemAdmin: Caller;
let wardH29 = '';
let wardH41 = '';

type Officer = { id: string; fullName: string; roles: { role: string; agencyId: string }[] };

const officerNamed = async (caller: Caller, name: string) =>
  (await caller.get('/api/v1/admin/officers')).json<Officer[]>().find((o) => o.fullName === name);
const passwordSignIn = (username: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/officer/sign-in',
    payload: { username, password },
  });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('Bùi Thị Lan');
  systemAdmin = await t.signIn('Trịnh Quốc Việt');
  wardH29 = await agencyIdOf(t, '000.00.31.H29');
  wardH41 = await agencyIdOf(t, '000.00.31.H41');
});
afterAll(() => t.close());

describe('officer administration', () => {
  it('lists the officers of the agencies the administrator manages, and only those', async () => {
    const names = (await admin.get('/api/v1/admin/officers'))
      .json<Officer[]>()
      .map((o) => o.fullName);
    expect(names).toEqual([
      'Bùi Thị Lan',
      'Lê Minh Châu',
      'Mạc Văn Sơn',
      'Võ Thanh Giang',
      'Đặng Thị Oanh',
      'Đỗ Văn Khoa',
    ]);
  });

  it('creates an officer with a temporary password that must be replaced at first sign-in', async () => {
    const created = await admin.post('/api/v1/admin/officers', {
      fullName: 'Nguyễn Văn Tuấn',
      username: 'Tuan.NV',
      email: 'tuan.nv@saigon.example.vn',
      agencyId: wardH29,
      role: 'reception',
      includeSubAgencies: false,
    });
    expect(created.statusCode).toBe(201);
    const { temporaryPassword } = created.json<{ temporaryPassword: string }>();
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect((await passwordSignIn('tuan.nv', temporaryPassword)).json()).toMatchObject({
      status: 'change_password',
    });

    const again = await admin.post('/api/v1/admin/officers', {
      fullName: 'Người Khác',
      username: 'tuan.nv',
      email: null,
      agencyId: wardH29,
      role: 'reception',
      includeSubAgencies: false,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'USERNAME_TAKEN' });
  });

  it('refuses roles outside the administrator’s agencies and national roles', async () => {
    const outside = await admin.post('/api/v1/admin/officers', {
      fullName: 'Nguyễn Thị Mơ',
      username: 'mo.nt',
      email: null,
      agencyId: wardH41,
      role: 'reception',
      includeSubAgencies: false,
    });
    expect(outside.json()).toMatchObject({ code: 'AGENCY_NOT_ADMINISTERED' });
    const giang = await officerNamed(admin, 'Võ Thanh Giang');
    const national = await admin.post(`/api/v1/admin/officers/${giang?.id ?? ''}/roles`, {
      agencyId: wardH29,
      role: 'system_admin',
      includeSubAgencies: false,
    });
    expect(national.json()).toMatchObject({ code: 'ROLE_NEEDS_SYSTEM_ADMIN' });
  });

  it('grants and takes back a role, and audits both', async () => {
    const giang = await officerNamed(admin, 'Võ Thanh Giang');
    const url = `/api/v1/admin/officers/${giang?.id ?? ''}/roles`;
    const grant = { agencyId: wardH29, role: 'department_head', includeSubAgencies: false };
    expect((await admin.post(url, grant)).statusCode).toBe(200);
    expect((await officerNamed(admin, 'Võ Thanh Giang'))?.roles.map((r) => r.role).sort()).toEqual([
      'department_head',
      'specialist',
    ]);
    const revoke = { agencyId: wardH29, role: 'department_head' };
    expect((await admin.post(`${url}/revoke`, revoke)).statusCode).toBe(200);
    expect((await admin.post(`${url}/revoke`, revoke)).json()).toMatchObject({
      code: 'ROLE_NOT_HELD',
    });
    const audited = await t.database.db
      .selectFrom('audit_record')
      .select('action')
      .where('subject_id', '=', giang?.id ?? '')
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      'identity.role_granted',
      'identity.role_revoked',
    ]);
  });

  it('resets a password: the old one stops working and the officer’s sessions end', async () => {
    const chau = await t.signIn('Lê Minh Châu');
    const officer = await officerNamed(admin, 'Lê Minh Châu');
    const reset = await admin.post(`/api/v1/admin/officers/${officer?.id ?? ''}/reset-password`, {
      resetTotp: false,
    });
    const { temporaryPassword } = reset.json<{ temporaryPassword: string }>();
    expect((await passwordSignIn('chau.lm', DEMO_OFFICER_PASSWORD)).statusCode).toBe(401);
    expect((await passwordSignIn('chau.lm', temporaryPassword)).json()).toMatchObject({
      status: 'change_password',
    });
    expect((await chau.get('/api/v1/officer/inbox')).statusCode).toBe(401);
  });

  it('will not let a ward administrator take over an officer who also serves elsewhere', async () => {
    const giang = await officerNamed(admin, 'Võ Thanh Giang');
    // the system administrator gives him a role in another province's ward
    expect(
      (
        await systemAdmin.post(`/api/v1/admin/officers/${giang?.id ?? ''}/roles`, {
          agencyId: wardH41,
          role: 'specialist',
          includeSubAgencies: false,
        })
      ).statusCode,
    ).toBe(200);
    const reset = await admin.post(`/api/v1/admin/officers/${giang?.id ?? ''}/reset-password`, {
      resetTotp: true,
    });
    expect(reset.statusCode).toBe(403);
    expect(reset.json()).toMatchObject({ code: 'OFFICER_BEYOND_SCOPE' });
  });
});
