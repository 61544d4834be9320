import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICER_PASSWORD } from '../src/server/db/seed/demo-data.ts';
import { agencyIdOf, findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;

type Step = { status: string; attemptToken?: string; totpSecret?: string; totpUri?: string };

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const signIn = (username: string, password = DEMO_OFFICER_PASSWORD) =>
  post('/api/v1/auth/officer/sign-in', { username, password });
const sessionCookie = (response: LightMyRequestResponse) =>
  response.cookies.find((c) => c.name === 'dvc_session')?.value;
const totpCode = (secret: string, at = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
const auditActions = async (fullName: string) =>
  (
    await t.database.db
      .selectFrom('audit_record')
      .select('action')
      .where('actor_name', '=', fullName)
      .orderBy('seq')
      .execute()
  ).map((r) => r.action);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('officer sign-in with a password', () => {
  it('signs a reception officer in with username and password, without a second factor', async () => {
    const response = await signIn('chau.lm');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'signed_in' });
    const cookie = response.cookies.find((c) => c.name === 'dvc_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `dvc_session=${cookie?.value ?? ''}` },
    });
    expect(me.json()).toMatchObject({ account: { fullName: 'Lê Minh Châu', kind: 'officer' } });
  });

  it('answers a wrong password and an unknown user alike, and records both', async () => {
    const wrong = await signIn('dung.pq', 'not the password at all');
    const unknown = await signIn('nobody.here', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (r: LightMyRequestResponse) => {
      const { requestId: _, ...rest } = r.json<{ requestId: string }>();
      return rest;
    };
    expect(strip(wrong)).toEqual(strip(unknown));
    expect(wrong.json()).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      title: 'Tên đăng nhập hoặc mật khẩu không đúng',
    });
    expect(await auditActions('Phạm Quốc Dũng')).toEqual(['identity.sign_in_failed']);
    expect(await auditActions('nobody.here')).toEqual(['identity.sign_in_failed']);
  });

  it('locks the account after 5 wrong passwords, even against the right one, and says so to no one', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await signIn('ha.ht', `wrong guess number ${String(i)}`)).statusCode).toBe(401);
    const locked = await signIn('ha.ht');
    const unknown = await signIn('nobody.at.all', 'whatever');
    expect(locked.statusCode).toBe(401);
    const strip = (r: LightMyRequestResponse) => {
      const { requestId: _, ...rest } = r.json<{ requestId: string }>();
      return rest;
    };
    // Locked, unknown and wrong: one answer, which names the lockout rule but no account's state.
    expect(strip(locked)).toEqual(strip(unknown));
    expect(locked.json<{ detail: string }>().detail).toBe(
      'Sau 5 lần nhập sai liên tiếp, tài khoản tạm khóa 15 phút.',
    );
    expect(sessionCookie(locked)).toBeUndefined();
    expect(await auditActions('Hoàng Thị Hà')).toEqual([
      ...Array<string>(4).fill('identity.sign_in_failed'),
      'identity.account_locked',
      'identity.sign_in_failed',
    ]);
  });

  it('checks at most 5 of 20 guesses sent at once', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn('mai.lt', `parallel guess ${String(i)}`)),
    );
    expect(guesses.map((g) => g.statusCode)).toEqual(Array<number>(20).fill(401));
    const records = await t.database.db
      .selectFrom('audit_record')
      .select(['action', 'details'])
      .where('actor_name', '=', 'Lý Thị Mai')
      .execute();
    const checked = records.filter(
      (r) => (r.details as { reason?: string } | null)?.reason === 'password',
    );
    expect(checked).toHaveLength(5);
    expect(records.filter((r) => r.action === 'identity.account_locked')).toHaveLength(1);
    expect((await signIn('mai.lt')).statusCode).toBe(401);
  });
});

describe('TOTP for administrators and leaders', () => {
  let secret = '';

  it('makes an administrator enrol at the first sign-in, and refuses a wrong code', async () => {
    const first = (await signIn('lan.bt')).json<Step>();
    expect(first.status).toBe('enroll_totp');
    expect(first.totpUri).toMatch(/^otpauth:\/\/totp\/OpenDVC:/);
    secret = first.totpSecret ?? '';

    const wrongCode = totpCode(secret) === '000000' ? '111111' : '000000';
    const refused = await post('/api/v1/auth/officer/totp', {
      attemptToken: first.attemptToken,
      code: wrongCode,
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'INVALID_TOTP' });

    const accepted = await post('/api/v1/auth/officer/totp', {
      attemptToken: first.attemptToken,
      code: totpCode(secret),
    });
    expect(accepted.json()).toEqual({ status: 'signed_in' });
    expect(sessionCookie(accepted)).toBeDefined();
    const stored = await t.database.db
      .selectFrom('account')
      .select('totp_secret')
      .where('username', '=', 'lan.bt')
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret).not.toContain(secret); // sealed, not in clear
  });

  it('asks the enrolled administrator for a code and never accepts the same code twice', async () => {
    const step = (await signIn('lan.bt')).json<Step>();
    expect(step.status).toBe('totp');
    const replay = await post('/api/v1/auth/officer/totp', {
      attemptToken: step.attemptToken,
      code: totpCode(secret),
    });
    expect(replay.statusCode).toBe(401);
    const next = await post('/api/v1/auth/officer/totp', {
      attemptToken: step.attemptToken,
      code: totpCode(secret, Date.now() + 30_000),
    });
    expect(next.json()).toEqual({ status: 'signed_in' });
  });

  it('counts wrong codes with wrong passwords: a known password buys 5 guesses, then the lock', async () => {
    const enrolment = (await signIn('viet.tq')).json<Step>();
    await post('/api/v1/auth/officer/totp', {
      attemptToken: enrolment.attemptToken,
      code: totpCode(enrolment.totpSecret ?? ''),
    });
    const wrong = (code: string) => (code === '000000' ? '111111' : '000000');
    const now = totpCode(enrolment.totpSecret ?? '', Date.now() + 30_000);
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const step = (await signIn('viet.tq')).json<Step>();
      for (let i = 0; i < 2; i += 1)
        statuses.push(
          (
            await post('/api/v1/auth/officer/totp', {
              attemptToken: step.attemptToken,
              code: wrong(now),
            })
          ).statusCode,
        );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423, 401]);
    expect((await signIn('viet.tq')).statusCode).toBe(401);
  });

  it('does not let a password alone open an administrator session', async () => {
    const step = (await signIn('minh.nd')).json<Step>();
    expect(step.status).toBe('enroll_totp');
    const guessed = await post(
      '/api/v1/auth/officer/totp',
      { attemptToken: 'made-up-attempt', code: '123456' },
      {},
    );
    expect(guessed.json()).toMatchObject({ code: 'SIGN_IN_ATTEMPT_EXPIRED' });
  });
});

describe('temporary passwords', () => {
  it('makes the officer choose a new password that meets the policy before any session', async () => {
    await t.database.db
      .updateTable('account')
      .set({ must_change_password: true })
      .where('username', '=', 'giang.vt')
      .execute();
    const step = (await signIn('giang.vt')).json<Step>();
    expect(step.status).toBe('change_password');

    const weak = await post('/api/v1/auth/officer/change-password', {
      attemptToken: step.attemptToken,
      newPassword: 'giang.vt2026',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      code: 'PASSWORD_POLICY',
      errors: [{ field: '/newPassword', message: 'Mật khẩu không được chứa tên đăng nhập' }],
    });
    const changed = await post('/api/v1/auth/officer/change-password', {
      attemptToken: step.attemptToken,
      newPassword: 'sông Sài Gòn mùa nước nổi',
    });
    expect(changed.json()).toEqual({ status: 'signed_in' });
    expect((await signIn('giang.vt')).statusCode).toBe(401);
    expect((await signIn('giang.vt', 'sông Sài Gòn mùa nước nổi')).json()).toEqual({
      status: 'signed_in',
    });
  });
});

describe('sessions', () => {
  it('lists my sessions, revokes one, and signs out everywhere', async () => {
    const first = await t.signIn('Võ Thanh Giang');
    const second = await t.signIn('Võ Thanh Giang');
    const sessions = (await first.get('/api/v1/auth/sessions')).json<
      { id: string; current: boolean; method: string; ip: string }[]
    >();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current);
    expect(other).toMatchObject({ ip: '127.0.0.1' });

    expect((await first.post(`/api/v1/auth/sessions/${other?.id ?? ''}/revoke`)).statusCode).toBe(
      200,
    );
    const remaining = (await first.get('/api/v1/auth/sessions')).json<{ id: string }[]>();
    expect(remaining.map((s) => s.id)).not.toContain(other?.id);

    // someone else's session id is not mine to revoke
    const stranger = await t.signIn('Lê Minh Châu');
    const mine = (await first.get('/api/v1/auth/sessions')).json<{ id: string }[]>();
    expect(
      (await stranger.post(`/api/v1/auth/sessions/${mine[0]?.id ?? ''}/revoke`)).statusCode,
    ).toBe(404);

    const everywhere = await first.post('/api/v1/auth/sign-out-everywhere');
    expect(everywhere.json<{ ended: number }>().ended).toBeGreaterThanOrEqual(1);
    expect((await first.get('/api/v1/auth/sessions')).statusCode).toBe(401);
    expect((await second.get('/api/v1/auth/sessions')).statusCode).toBe(401);
  });
});

describe('roles that extend to sub-agencies', () => {
  it('lets a role held at the province with sub-agencies reach its communes’ dossiers', async () => {
    const citizen = await t.signIn('Nguyễn Văn An');
    const dossier = await submitBirthRegistration(
      citizen,
      await findServiceId(t, 'khai sinh', '000.00.31.H29'),
    );
    const officer = await t.database.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'dung.pq')
      .executeTakeFirstOrThrow();
    const province = { id: await agencyIdOf(t, '000.00.00.H29') };
    await t.database.db
      .insertInto('officer_role')
      .values({ account_id: officer.id, agency_id: province.id, role: 'specialist' })
      .execute();
    const dung = await t.signIn('Phạm Quốc Dũng');
    expect((await dung.get(`/api/v1/officer/dossiers/${dossier.id}`)).statusCode).toBe(404);

    await t.database.db
      .updateTable('officer_role')
      .set({ include_sub_agencies: true })
      .where('account_id', '=', officer.id)
      .where('agency_id', '=', province.id)
      .execute();
    expect((await dung.get(`/api/v1/officer/dossiers/${dossier.id}`)).statusCode).toBe(200);
    // the extension belongs to that one role: his reception role elsewhere does not travel
    const receive = await dung.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
      action: 'receive',
      lockVersion: 0,
    });
    expect(receive.json()).toMatchObject({ code: 'DOSSIER_ACTION_NOT_PERMITTED' });
  });
});
