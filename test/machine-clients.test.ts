import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachineClients, type MachineClients } from '../src/server/modules/identity/index.ts';
import { agencyIdOf, findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let clients: MachineClients;
let portal: { clientId: string; clientSecret: string };
const ISSUER = 'http://localhost:3000';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const tokenRequest = (body: string, authorization?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/oauth/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(authorization ? { authorization } : {}),
    },
    payload: body,
  });
const accessToken = async (scope?: string) =>
  (
    await tokenRequest(
      `grant_type=client_credentials${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`,
      basic(portal.clientId, portal.clientSecret),
    )
  ).json<{ access_token: string }>().access_token;
const feed = (token: string, since = '2020-01-01T00:00:00Z') =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/machine/dossiers?since=${encodeURIComponent(since)}`,
    headers: { authorization: `Bearer ${token}` },
  });

beforeAll(async () => {
  t = await createTestApp();
  clients = createMachineClients({ db: t.database.db, issuer: ISSUER });
  const ward = { id: await agencyIdOf(t, '000.00.31.H29') };
  portal = await clients.register({
    name: 'Cổng Dịch vụ công quốc gia (thử nghiệm)',
    scopes: ['dossiers:read'],
    agencyIds: [ward.id],
    rateLimitPerMinute: 5,
  });
  const citizenA = await t.signIn('Nguyễn Văn An');
  const citizenB = await t.signIn('Trần Thị Bình');
  await submitBirthRegistration(citizenA, await findServiceId(t, 'khai sinh', '000.00.31.H29'));
  await submitBirthRegistration(citizenB, await findServiceId(t, 'khai sinh', '000.00.31.H41'));
});
afterAll(() => t.close());

describe('other systems with OAuth 2 client credentials', () => {
  it('issues a short-lived JWT that verifies against the published key set', async () => {
    const response = await tokenRequest(
      'grant_type=client_credentials',
      basic(portal.clientId, portal.clientSecret),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const token = response.json<{ access_token: string; expires_in: number; scope: string }>();
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'dossiers:read' });

    const jwks = (
      await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })
    ).json<JSONWebKeySet>();
    expect(JSON.stringify(jwks)).not.toMatch(/"d"|"p"|"q"/); // public parts only
    const { payload } = await jwtVerify(token.access_token, createLocalJWKSet(jwks), {
      issuer: ISSUER,
      audience: 'opendvc-api',
    });
    expect(payload).toMatchObject({ sub: portal.clientId, scope: 'dossiers:read' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
  });

  it('refuses a wrong secret, an unknown grant and a scope the client was not given', async () => {
    const wrong = await tokenRequest('grant_type=client_credentials', basic(portal.clientId, 'x'));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await tokenRequest(
      'grant_type=password',
      basic(portal.clientId, portal.clientSecret),
    );
    expect(grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const scope = await tokenRequest(
      'grant_type=client_credentials&scope=catalog:read',
      basic(portal.clientId, portal.clientSecret),
    );
    expect(scope.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('feeds the client only its own agencies’ dossiers, without personal data', async () => {
    const response = await feed(await accessToken());
    expect(response.statusCode).toBe(200);
    const dossiers = response.json<{ code: string; agencyCode: string }[]>();
    expect(dossiers.map((d) => d.agencyCode)).toEqual(['000.00.31.H29']);
    expect(response.body).not.toContain('079090001234');
    expect(response.body).not.toContain('Nguyễn');
  });

  it('refuses a forged or foreign token, and a cookie session', async () => {
    const token = await accessToken();
    const [header, payload] = token.split('.');
    const forged = `${header ?? ''}.${payload ?? ''}.${'A'.repeat(342)}`;
    expect((await feed(forged)).statusCode).toBe(401);
    const officer = await t.signIn('Lê Minh Châu');
    const withCookie = await officer.get('/api/v1/machine/dossiers?since=2020-01-01T00:00:00Z');
    expect(withCookie.statusCode).toBe(401);
    expect(withCookie.json()).toMatchObject({ code: 'BEARER_TOKEN_REQUIRED' });
  });

  it('keeps old tokens valid across a key rotation and signs new ones with the new key', async () => {
    const before = await accessToken();
    const oldKid = decodeProtectedHeader(before).kid;
    const newKid = await clients.rotateKeys();
    const fresh = createMachineClients({ db: t.database.db, issuer: ISSUER });
    const after = await fresh.issueToken(portal);
    // the running application learns of the new key from the first token that names it
    expect((await feed(after.access_token)).statusCode).toBe(200);
    expect(decodeProtectedHeader(after.access_token).kid).toBe(newKid);
    expect(newKid).not.toBe(oldKid);
    const published = (await fresh.jwks()).keys.map((k) => k.kid);
    expect(published).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(await fresh.resolveBearer(before)).toMatchObject({ clientId: portal.clientId });
  });

  it('limits each client to its own rate', async () => {
    const token = await accessToken();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await feed(token)).statusCode);
    // 5 a minute for this client (one call was spent by an earlier test's token)
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
  });
});
