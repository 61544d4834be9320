import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, readLoginPage } from './helpers/http-browser.ts';
import { removeDataDir, startServer, type RunningServer } from './helpers/server-process.ts';

let server: RunningServer;

const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T;

beforeAll(async () => {
  server = await startServer({ env: { WORKERS: 'false', OFFICERS_SIGN_IN_WITH_OIDC: 'true' } });
});
afterAll(async () => {
  await server.stop();
  await removeDataDir(server.dataDir);
});

async function signInThroughProvider(
  browser: HttpBrowser,
  who: string,
  returnTo = '/ho-so-cua-toi',
) {
  const login = await browser.navigate(
    `/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`,
  );
  expect(login.url).toMatch(/\/idp\/interaction\/[\w-]+$/);
  const page = readLoginPage(await login.response.text());
  const identity = page.identities.find((i) => i.name === who);
  if (!identity) throw new Error(`${who} is not offered on the sign-in page`);
  return browser.postForm(page.action, { identityId: identity.id });
}

/** Goes through the provider as the first sample identity, and stops before the portal's callback. */
async function callbackUrlOf(browser: HttpBrowser, returnTo?: string) {
  const start = await browser.navigate(
    `/api/v1/auth/oidc/start${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`,
  );
  const page = readLoginPage(await start.response.text());
  let current = await browser.request(page.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identityId: page.identities[0]?.id ?? '' }).toString(),
  });
  while (current.status >= 300 && current.status < 400) {
    const location = new URL(current.headers.get('location') ?? '', server.url);
    if (location.pathname === '/api/v1/auth/oidc/callback') return location.href;
    current = await browser.request(location.href);
  }
  throw new Error('the provider never sent the browser back');
}

describe('citizens sign in through the OpenID Connect identity provider', () => {
  it('publishes its discovery document with PKCE and the citizen claims', async () => {
    const discovery = await json<{
      issuer: string;
      code_challenge_methods_supported: string[];
      claims_supported: string[];
    }>(fetch(`${server.url}/idp/.well-known/openid-configuration`));
    expect(discovery.issuer).toBe(`${server.url}/idp`);
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(['citizen_id', 'birthdate']));
  });

  it('signs a citizen in, links the account by CCCD, and returns to the page asked for', async () => {
    const browser = new HttpBrowser(server.url);
    const landed = await signInThroughProvider(browser, 'Nguyễn Văn An');
    expect(new URL(landed.url).pathname).toBe('/ho-so-cua-toi');
    expect(browser.cookie('dvc_session')).toBeDefined();

    const me = await json<{
      account: {
        kind: string;
        fullName: string;
        citizenId: string;
        birthDate: string;
        sex: string;
      };
    }>(browser.request('/api/v1/auth/me'));
    expect(me.account).toMatchObject({
      kind: 'citizen',
      fullName: 'Nguyễn Văn An',
      citizenId: '079090001234',
      birthDate: '1990-05-12',
      sex: 'Nam',
    });
    const sessions = await json<{ method: string }[]>(browser.request('/api/v1/auth/sessions'));
    expect(sessions.map((s) => s.method)).toEqual(['oidc']);
  });

  it('creates the account of a business it has not seen, from the claims', async () => {
    const browser = new HttpBrowser(server.url);
    await signInThroughProvider(browser, 'Công ty TNHH Dịch vụ Sài Gòn Xanh', '/');
    const me = await json<{
      account: { fullName: string; taxCode: string; address: string };
    }>(browser.request('/api/v1/auth/me'));
    expect(me.account).toMatchObject({
      fullName: 'Công ty TNHH Dịch vụ Sài Gòn Xanh',
      taxCode: '0312345673',
      address: '45 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh',
    });
  });

  it('signs out at the portal and at the provider (RP-initiated logout)', async () => {
    const browser = new HttpBrowser(server.url);
    await signInThroughProvider(browser, 'Trần Thị Bình');
    const me = await json<{
      account: { csrfToken: string };
    }>(browser.request('/api/v1/auth/me'));
    const signOut = await json<{ logoutUrl: string }>(
      browser.request('/api/v1/auth/sign-out', {
        method: 'POST',
        headers: { 'x-csrf-token': me.account.csrfToken, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(signOut.logoutUrl).toContain('/idp/session/end?');
    expect(browser.cookie('dvc_session')).toBeUndefined();

    const confirm = await browser.navigate(signOut.logoutUrl);
    const html = await confirm.response.text();
    expect(html).toContain('Bạn muốn đăng xuất khỏi tài khoản định danh điện tử');
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await browser.postForm(action, { xsrf, logout: 'yes' });
    expect(new URL(done.url).pathname).toBe('/');

    // the provider forgot the person: the next sign-in shows its sign-in page again
    const again = await browser.navigate('/api/v1/auth/oidc/start');
    expect(again.url).toMatch(/\/idp\/interaction\//);
  });

  it('refuses a callback it did not start, and one replayed', async () => {
    const browser = new HttpBrowser(server.url);
    const forged = await browser.request('/api/v1/auth/oidc/callback?code=abc&state=forged');
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toBe('/dang-nhap?loi=OIDC_LOGIN_EXPIRED');

    // capture the real callback URL, use it once, then replay it
    const callback = await callbackUrlOf(browser);
    expect(callback).toContain('code=');
    expect((await browser.request(callback)).headers.get('location')).toBe('/');
    const replay = await new HttpBrowser(server.url).request(callback);
    expect(replay.headers.get('location')).toBe('/dang-nhap?loi=OIDC_LOGIN_EXPIRED');
  });

  it('answers a Vietnamese page for a wrong CCCD or password', async () => {
    const browser = new HttpBrowser(server.url);
    const login = await browser.navigate('/api/v1/auth/oidc/start');
    const page = readLoginPage(await login.response.text());
    const refused = await browser.postForm(page.action, {
      username: '079090001234',
      password: 'not the password',
    });
    expect(refused.response.status).toBe(401);
    expect(await refused.response.text()).toContain('Số định danh hoặc mật khẩu không đúng');
  });
});

describe('officers through the identity provider, when the instance allows it', () => {
  async function asSystemAdmin() {
    const browser = new HttpBrowser(server.url);
    const accounts = await json<{ id: string; fullName: string }[]>(
      browser.request('/api/v1/auth/demo/accounts'),
    );
    const admin = accounts.find((a) => a.fullName === 'Trịnh Quốc Việt');
    await browser.request('/api/v1/auth/demo/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: admin?.id }),
    });
    const me = await json<{ account: { csrfToken: string } }>(browser.request('/api/v1/auth/me'));
    const post = (url: string, body: object) =>
      browser.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.account.csrfToken },
        body: JSON.stringify(body),
      });
    return { post };
  }

  it('signs an officer in by the CCCD on the account, and asks leaders for a second factor', async () => {
    const admin = await asSystemAdmin();
    const agencies = await json<{ id: string; code: string | null }[]>(
      fetch(`${server.url}/api/v1/catalog/agencies`),
    );
    const ward = agencies.find((a) => a.code === '000.00.31.H41');
    const created = await admin.post('/api/v1/admin/officers', {
      fullName: 'Trần Thị Bình',
      username: 'binh.tt',
      citizenId: '040195004567',
      agencyId: ward?.id,
      role: 'reception',
      includeSubAgencies: false,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const officer = new HttpBrowser(server.url);
    const start = await officer.navigate('/api/v1/auth/oidc/start?as=officer&returnTo=/can-bo');
    const page = readLoginPage(await start.response.text());
    const bình = page.identities.find((i) => i.name === 'Trần Thị Bình');
    const landed = await officer.postForm(page.action, { identityId: bình?.id ?? '' });
    expect(new URL(landed.url).pathname).toBe('/can-bo');
    const me = await json<{ account: { kind: string; roles: { role: string }[] } }>(
      officer.request('/api/v1/auth/me'),
    );
    expect(me.account).toMatchObject({ kind: 'officer', roles: [{ role: 'reception' }] });

    // the same person entering as a citizen gets her citizen account
    const citizen = new HttpBrowser(server.url);
    await signInThroughProvider(citizen, 'Trần Thị Bình');
    const asCitizen = await json<{ account: { kind: string } }>(citizen.request('/api/v1/auth/me'));
    expect(asCitizen.account.kind).toBe('citizen');

    // an administrator's role needs more than the provider's password
    await admin.post(`/api/v1/admin/officers/${id}/roles`, {
      agencyId: ward?.id,
      role: 'agency_admin',
      includeSubAgencies: false,
    });
    const again = new HttpBrowser(server.url);
    const second = await again.navigate('/api/v1/auth/oidc/start?as=officer');
    const secondPage = readLoginPage(await second.response.text());
    const refused = await again.postForm(secondPage.action, {
      identityId: secondPage.identities.find((i) => i.name === 'Trần Thị Bình')?.id ?? '',
    });
    expect(new URL(refused.url).search).toBe('?loi=OIDC_SECOND_FACTOR_REQUIRED');
    expect(again.cookie('dvc_session')).toBeUndefined();
  });

  it('refuses an identity that no officer account carries', async () => {
    const browser = new HttpBrowser(server.url);
    const start = await browser.navigate('/api/v1/auth/oidc/start?as=officer');
    const page = readLoginPage(await start.response.text());
    const refused = await browser.postForm(page.action, {
      identityId: page.identities.find((i) => i.name === 'Nguyễn Văn An')?.id ?? '',
    });
    expect(new URL(refused.url).search).toBe('?loi=OIDC_NO_OFFICER_ACCOUNT');
  });
});

describe('sign-in cannot be turned against the citizen', () => {
  it('never sends the browser to another site after sign-in, and keeps a Vietnamese search', async () => {
    for (const hostile of [
      '/\t/evil.example',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
    ]) {
      const browser = new HttpBrowser(server.url);
      const callback = await callbackUrlOf(browser, hostile);
      const landed = await browser.request(callback);
      expect(landed.headers.get('location'), hostile).toBe('/');
    }
    const browser = new HttpBrowser(server.url);
    const callback = await callbackUrlOf(browser, '/tim-kiem?q=đăng ký kết hôn');
    const landed = await browser.request(callback);
    expect(landed.status).toBe(302);
    expect(decodeURIComponent(landed.headers.get('location') ?? '')).toBe(
      '/tim-kiem?q=đăng ký kết hôn',
    );
    expect(browser.cookie('dvc_session')).toBeDefined();
  });

  it('signs nobody in when the callback is opened in another browser (state bound to the browser)', async () => {
    const attacker = new HttpBrowser(server.url);
    const callback = await callbackUrlOf(attacker);
    const victim = new HttpBrowser(server.url);
    const planted = await victim.request(callback);
    expect(planted.headers.get('location')).toBe('/dang-nhap?loi=OIDC_LOGIN_EXPIRED');
    expect(victim.cookie('dvc_session')).toBeUndefined();
  });

  it('refuses an officer or demo sign-in form posted from another site', async () => {
    for (const [path, body] of [
      ['/api/v1/auth/officer/sign-in', 'username=chau.lm&password=motcua-demo-2026'],
      ['/api/v1/auth/demo/sign-in', 'accountId=00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
        },
        body,
      });
      expect(response.status, path).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    // A page of another site that hides its origin is refused too.
    const hidden = await fetch(`${server.url}/api/v1/auth/officer/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
      body: 'username=chau.lm&password=motcua-demo-2026',
    });
    expect(hidden.status).toBe(403);
    // The same form from the portal's own pages works, as Chromium sends it (no-referrer policy).
    const ownPages: Record<string, string>[] = [
      { origin: server.url },
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of ownPages) {
      const own = await fetch(`${server.url}/api/v1/auth/officer/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ username: 'chau.lm', password: 'motcua-demo-2026' }),
      });
      expect(own.status).toBe(200);
    }
  });
});
