import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../src/server/config.ts';
import { checkRouteDeclaration } from '../src/server/platform/route-rules.ts';
import { ROOT } from './helpers/server-process.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('answers health and readiness', async () => {
    expect((await t.anonymous.get('/health')).json()).toEqual({ status: 'ok' });
    const ready = await t.anonymous.get('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const spec = (await t.anonymous.get('/docs/openapi.json')).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/dossiers',
        '/api/v1/public/dossiers/{code}',
        '/api/v1/officer/dossiers/{dossierId}/actions',
      ]),
    );
  });

  it('answers unknown addresses with a problem JSON and a request id', async () => {
    const response = await t.anonymous.get('/api/v1/khong-ton-tai');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      title: 'Không tìm thấy địa chỉ yêu cầu',
    });
    expect(response.json<{ requestId: string }>().requestId).toBe(response.headers['x-request-id']);
  });

  it('sends security headers with a strict content security policy', async () => {
    const response = await t.anonymous.get('/health');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('rate limiting', () => {
  it('answers 429 with a Vietnamese problem once a client exceeds its bucket', async () => {
    const app = await createTestApp({ RATE_LIMIT_PER_MINUTE: '30' });
    try {
      const statuses: number[] = [];
      // the sign-in bucket allows max(5, 30/30) = 5 attempts a minute
      for (let attempt = 0; attempt < 6; attempt++) {
        const response = await app.anonymous.post('/api/v1/auth/demo/sign-in', {
          accountId: '00000000-0000-4000-8000-000000000000',
        });
        statuses.push(response.statusCode);
        if (response.statusCode === 429)
          expect(response.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      }
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('every API route declares its guard pipeline', () => {
  it('builds the app only when each API route has access, a rate-limit bucket and a response schema', () => {
    const routes: string[] = [];
    for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n'))
      if (line.includes('/api/')) routes.push(line);
    expect(routes.length).toBeGreaterThan(8);
  });

  it('refuses to register a route that lacks one of them', () => {
    const base = { method: 'GET' as const, url: '/api/v1/x', handler: () => undefined };
    expect(
      checkRouteDeclaration({ ...base, config: { rateLimit: {} }, schema: { response: {} } }),
    ).toMatch(/no access/);
    expect(
      checkRouteDeclaration({ ...base, config: { access: 'public' }, schema: { response: {} } }),
    ).toMatch(/rate-limit/);
    expect(checkRouteDeclaration({ ...base, config: { access: 'public', rateLimit: {} } })).toMatch(
      /response schema/,
    );
    expect(
      checkRouteDeclaration({
        ...base,
        config: { access: 'public', rateLimit: {} },
        schema: { response: {} },
      }),
    ).toBeUndefined();
  });
});

describe('configuration', () => {
  it('makes the public address follow the port and interface it listens on, unless set', () => {
    expect(loadConfig({ PORT: '3101' }).PUBLIC_URL).toBe('http://localhost:3101');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '192.168.1.20', PORT: '8080' }).PUBLIC_URL).toBe(
      'http://192.168.1.20:8080',
    );
    expect(loadConfig({ PORT: '3101', PUBLIC_URL: 'https://dvc.example.vn' }).PUBLIC_URL).toBe(
      'https://dvc.example.vn',
    );
  });

  it('stops with one line naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      'Configuration error: PORT must be a whole number from 0 to 65535 (got "abc")',
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must start with postgres: or postgresql:/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /PUBLIC_URL must be set in production/,
    );
    const production = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://dvc.example.vn',
      OIDC_CLIENT_SECRET: 'secret from the identity provider',
      CLAMAV_URL: 'tcp://127.0.0.1:3310',
      TSA_URL: 'https://tsa.example.gov.vn/tsr',
    };
    expect(() => loadConfig(production)).toThrow(/APP_SECRET must be set in production/);
    expect(() => loadConfig({ ...production, APP_SECRET: 'too short' })).toThrow(
      /APP_SECRET must be at least 32 characters/,
    );
    const secret = 'a production secret of at least thirty-two characters';
    expect(() => loadConfig({ ...production, APP_SECRET: secret })).toThrow(
      /DEMO_MODE must be false/,
    );
    expect(() =>
      loadConfig({
        ...production,
        APP_SECRET: secret,
        DEMO_MODE: 'false',
        OIDC_ISSUER: 'http://idp.example.vn',
      }),
    ).toThrow(/OIDC_ISSUER must use https in production/);
    const operated = { ...production, APP_SECRET: secret, DEMO_MODE: 'false' };
    expect(() => loadConfig(operated)).toThrow(/PAYMENT_SANDBOX must be false in production/);
    expect(() =>
      loadConfig({
        ...operated,
        PAYMENT_SANDBOX: 'false',
        VNPAY_PAYMENT_URL: 'https://pay.vnpay.vn/vpcpay.html',
        VNPAY_API_URL: 'https://merchant.vnpay.vn/merchant_webapi/api/transaction',
      }),
    ).toThrow(/VNPAY_HASH_SECRET must be set in production/);
    // Without a gateway the instance runs; only services without fees can then be full online.
    expect(loadConfig({ ...operated, PAYMENT_SANDBOX: 'false' }).vnpay).toBeUndefined();
  });

  it('refuses to run production on the published development secrets', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://dvc.example.vn',
      APP_SECRET: 'a production secret of at least thirty-two characters',
      OIDC_CLIENT_SECRET: 'secret from the identity provider',
      CLAMAV_URL: 'tcp://127.0.0.1:3310',
      TSA_URL: 'https://tsa.example.gov.vn/tsr',
      DEMO_MODE: 'false',
      PAYMENT_SANDBOX: 'false',
    };
    expect(loadConfig(production).APP_SECRET).toBe(production.APP_SECRET);
    for (const name of ['APP_SECRET', 'OIDC_CLIENT_SECRET'] as const)
      expect(() => loadConfig({ ...production, [name]: CONFIG_VARIABLES[name].default })).toThrow(
        `Configuration error: ${name} is the published development default; production needs a value of its own`,
      );
  });

  it('exits 1 at start naming the default secret', async () => {
    const started = await promisify(execFile)(process.execPath, ['src/server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://dvc.example.vn',
        APP_SECRET: CONFIG_VARIABLES.APP_SECRET.default,
        OIDC_CLIENT_SECRET: 'secret from the identity provider',
        DEMO_MODE: 'false',
        PAYMENT_SANDBOX: 'false',
      },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(started.code).toBe(1);
    expect(started.stderr.trim()).toBe(
      'Configuration error: APP_SECRET is the published development default; production needs a value of its own',
    );
  });

  it('believes X-Forwarded-For only from the configured proxies', () => {
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16,::1' }).TRUSTED_PROXIES).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.example.vn' })).toThrow(
      /TRUSTED_PROXIES must list IP addresses or CIDR ranges/,
    );
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('runs everything embedded by default', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.pgliteDir).toMatch(/data\/pglite$/);
    expect(config.PORT).toBe(3000);
  });

  it('documents every variable in the README table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(CONFIG_VARIABLES))
      expect(readme, name).toContain(`| \`${name}\``);
  });
});

describe('the client address', () => {
  const signInFailureIp = async (app: TestApp, forwardedFor: string) => {
    await app.app.inject({
      method: 'POST',
      url: '/api/v1/auth/officer/sign-in',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username: 'nobody.forwarded', password: 'wrong password here' },
    });
    const record = await app.database.db
      .selectFrom('audit_record')
      .select('ip')
      .where('actor_name', '=', 'nobody.forwarded')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    return record.ip;
  };

  it('is the connecting address unless a trusted proxy forwards it', async () => {
    expect(await signInFailureIp(t, '203.0.113.9')).toBe('127.0.0.1');
    const behindProxy = await createTestApp({ TRUSTED_PROXIES: '127.0.0.1' });
    try {
      expect(await signInFailureIp(behindProxy, '203.0.113.9')).toBe('203.0.113.9');
    } finally {
      await behindProxy.close();
    }
  });
});
