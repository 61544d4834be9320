import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNameBook } from '../src/server/modules/dossiers/name-book.ts';
import { expectActed, findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_LOOKUP_PER_MINUTE: '5' });
});
afterAll(() => t.close());

const lookup = (code: string, etag?: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/public/dossiers/${code}`,
    headers: { 'x-forwarded-for': '203.0.113.7', ...(etag ? { 'if-none-match': etag } : {}) },
  });

describe('the public lookup of a dossier by code', () => {
  it('answers with an ETag, a 304 while nothing changed, and a new answer once it did', async () => {
    const citizen = await t.signIn('Nguyễn Văn An');
    const dossier = await submitBirthRegistration(
      citizen,
      await findServiceId(t, 'khai sinh', '000.00.31.H29'),
    );
    const first = await lookup(dossier.code);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);

    const unchanged = await lookup(dossier.code, etag);
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');

    await expectActed(await t.signIn('Lê Minh Châu'), dossier.id, 'receive');
    const changed = await lookup(dossier.code, etag);
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'received' });
    expect(changed.headers.etag).not.toBe(etag);

    // the names read by key match the officer's own view of the dossier, the step's included
    const officer = (
      await (await t.signIn('Lê Minh Châu')).get(`/api/v1/officer/dossiers/${dossier.id}`)
    ).json<Record<string, unknown>>();
    const names = [
      'procedureCode',
      'procedureName',
      'agencyName',
      'holderAgencyName',
      'receptionAgencyName',
      'returnAgencyName',
      'stepName',
    ];
    const seen = changed.json<Record<string, unknown>>();
    expect(Object.fromEntries(names.map((key) => [key, seen[key]]))).toEqual(
      Object.fromEntries(names.map((key) => [key, officer[key]])),
    );
    expect(seen.stepName).toEqual(expect.any(String));
    expect(seen).not.toHaveProperty('applicantName');
    expect(seen).not.toHaveProperty('id');
  });

  it('shows a renamed agency once the name kept for it is older than the age allowed', async () => {
    const { db } = t.database;
    const agency = await db
      .selectFrom('agency')
      .select(['id', 'name'])
      .where('code', '=', '000.00.31.H29')
      .executeTakeFirstOrThrow();
    const row = {
      service_id: '00000000-0000-0000-0000-000000000000',
      agency_id: agency.id,
      reception_agency_id: null,
      return_agency_id: null,
    };
    const kept = createNameBook(db, { maxAgeMs: 60_000 });
    const fresh = createNameBook(db, { maxAgeMs: 0 });
    await kept.learn([row]);
    await fresh.learn([row]);
    expect(kept.agency(agency.id)).toBe(agency.name);
    await db
      .updateTable('agency')
      .set({ name: 'Ủy ban nhân dân Phường Mới' })
      .where('id', '=', agency.id)
      .execute();
    try {
      await kept.learn([row]);
      await fresh.learn([row]);
      expect(kept.agency(agency.id)).toBe(agency.name);
      expect(fresh.agency(agency.id)).toBe('Ủy ban nhân dân Phường Mới');
    } finally {
      await db
        .updateTable('agency')
        .set({ name: agency.name })
        .where('id', '=', agency.id)
        .execute();
    }
  });

  it('counts lookups per address at the configured limit, then answers 429 with Retry-After', async () => {
    // three lookups above came from this address; the limit set is five a minute
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push((await lookup('000.00.31.H29-250101-0001')).statusCode);
    expect(answers).toEqual([404, 404, 429]);
    const refused = await lookup('000.00.31.H29-250101-0001');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('public lookups sent together', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('answers lookups sent together each with its own dossier, or 404 for a code that names none', async () => {
    const citizen = await app.signIn('Nguyễn Văn An');
    const serviceId = await findServiceId(app, 'khai sinh', '000.00.31.H29');
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await submitBirthRegistration(citizen, serviceId)).code);
    const [a = '', b = '', c = ''] = codes;
    const asked = [a, '000.00.31.H29-250101-0001', b, c, a];
    const answers = await Promise.all(
      asked.map((code) =>
        app.app.inject({
          method: 'GET',
          url: `/api/v1/public/dossiers/${code}`,
        }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 404, 200, 200, 200]);
    expect(answers.map((answer) => answer.json<{ code?: string }>().code)).toEqual([
      a,
      'DOSSIER_NOT_FOUND',
      b,
      c,
      a,
    ]);
  });
});
