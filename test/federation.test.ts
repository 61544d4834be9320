import { readFile, writeFile } from 'node:fs/promises';
import { CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSender, joinDemoHub } from '../src/server/modules/integration/index.ts';
import { outboxAfter, outboxRecord } from '../src/server/platform/outbox.ts';
import { insertRows } from '../src/server/platform/row-writes.ts';
import { signingKeys } from '../src/server/platform/signing-keys.ts';
import { updateStatistics } from '../src/server/modules/monitoring/index.ts';
import {
  actAsApplicant,
  expectActed,
  findServiceId,
  submitBirthRegistration,
} from './helpers/factories.ts';
import { freePort } from './helpers/server-process.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

// The national portal listens on a real port: the province's sender reaches it over HTTP.
let hub: TestApp;
let hubUrl: string;
let province: TestApp;
let citizen: Caller;
let reception: Caller;
let specialist: Caller;
let serviceId: string;

/** The codes the province's system answers for (the demo system holds two provinces' wards). */
const PROVINCE_CODES = [
  '000.00.00.H29',
  '000.00.31.H29',
  '000.00.32.H29',
  '000.00.16.H29',
  '000.00.31.H41',
  '000.00.16.H41',
];

const hubDossier = (code: string) =>
  hub.database.db
    .selectFrom('member_dossier')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();

const hubEvents = async (code: string) =>
  (
    await hub.database.db
      .selectFrom('member_dossier_event')
      .select(['seq', 'action', 'to_status'])
      .where('code', '=', code)
      .orderBy('seq')
      .execute()
  ).map((e) => `${e.action}→${e.to_status}`);

const hubState = async () => {
  const result = await sql<{ state: string }>`
    select concat_ws('|', (select count(*) from member_dossier), (select count(*) from member_dossier_event),
      (select string_agg(applied_seq::text, ',') from member_system)) as state`.execute(
    hub.database.db,
  );
  return result.rows[0]?.state ?? '';
};

/** A message signed as a member would sign it, with any key: for the refusals. */
async function signed(jwk: JWK, payload: Record<string, unknown>) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? '' })
    .sign(await importJWK(jwk, 'RS256'));
}

const progressMessage = (seq: number, agencyCode: string) => ({
  id: crypto.randomUUID(),
  seq,
  sentAt: new Date().toISOString(),
  type: 'dossier.progress',
  agencyCode,
  key: 'X',
  body: {},
});

beforeAll(async () => {
  const port = await freePort();
  hubUrl = `http://127.0.0.1:${String(port)}`;
  hub = await createTestApp({ INSTANCE_ROLE: 'national', PUBLIC_URL: hubUrl });
  await hub.app.listen({ port, host: '127.0.0.1' });
  province = await createTestApp();
  citizen = await province.signIn('Nguyễn Văn An');
  reception = await province.signIn('Lê Minh Châu');
  specialist = await province.signIn('Võ Thanh Giang');
  serviceId = await findServiceId(province, 'khai sinh', '000.00.31.H29');

  const jwks = (await province.anonymous.get('/api/v1/federation/jwks.json')).json<{
    keys: object[];
  }>();
  const admin = await hub.signIn('Trịnh Quốc Việt');
  const registered = await admin.post('/api/v1/admin/federation/members', {
    name: 'Hệ thống thông tin giải quyết TTHC Thành phố Hồ Chí Minh',
    agencyCodes: PROVINCE_CODES,
    jwks,
  });
  expect(registered.statusCode, registered.body).toBe(201);
});
afterAll(async () => {
  await province.close();
  await hub.close();
});

describe('synchronisation from an agency system to the national portal', () => {
  it('reports each status change of a dossier, in order, once', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    await expectActed(reception, dossier.id, 'receive');
    await expectActed(specialist, dossier.id, 'claim');
    const sender = createHubSender(province.database.db, { hubUrl });
    expect(await sender.deliver()).toBe('idle');

    expect(await hubDossier(dossier.code)).toMatchObject({
      status: 'processing',
      agency_code: '000.00.31.H29',
      procedure_name: 'Đăng ký khai sinh',
      applicant_citizen_id: '079090001234',
      channel: 'online',
    });
    expect(await hubEvents(dossier.code)).toEqual([
      'submit→submitted',
      'receive→received',
      'claim→processing',
    ]);
    // They came in the snapshot of the past the portal received first, for it alone: a webhook
    // subscriber, who had them already, is not sent them again.
    const everyone = await outboxAfter(province.database.db, 0, 1_000, 'webhook:any');
    const portalOnly = await outboxAfter(province.database.db, 0, 1_000, 'hub');
    expect(everyone.filter((m) => m.key === dossier.code)).toHaveLength(3);
    expect(portalOnly.filter((m) => m.key === dossier.code)).toHaveLength(6);
  });

  it('shows citizens at the portal their dossiers at every member, and no one else’s', async () => {
    const code = (
      await hub.database.db.selectFrom('member_dossier').select('code').executeTakeFirstOrThrow()
    ).code;
    const an = await hub.signIn('Nguyễn Văn An');
    const mine = (await an.get('/api/v1/national/dossiers')).json<
      { code: string; status: string }[]
    >();
    expect(mine).toEqual([expect.objectContaining({ code, status: 'processing' })]);
    const detail = (await an.get(`/api/v1/national/dossiers/${code}`)).json<{
      events: { action: string; to: string }[];
    }>();
    expect(detail.events.map((e) => `${e.action}→${e.to}`)).toEqual([
      'submit→submitted',
      'receive→received',
      'claim→processing',
    ]);

    const binh = await hub.signIn('Trần Thị Bình');
    expect((await binh.get('/api/v1/national/dossiers')).json()).toEqual([]);
    const hidden = await binh.get(`/api/v1/national/dossiers/${code}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
  });

  it('applies a message delivered twenty times once', async () => {
    const before = await hubState();
    const sender = createHubSender(province.database.db, { hubUrl });
    for (let i = 0; i < 20; i += 1) {
      await sql`update outbox_cursor set delivered_seq = 0 where destination = 'hub'`.execute(
        province.database.db,
      );
      expect(await sender.deliver()).toBe('idle');
    }
    expect(await hubState()).toBe(before);
  });

  it('refuses a message signed with a key it never registered: 403, audited, nothing applied', async () => {
    const before = await hubState();
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const stranger = { ...(await exportJWK(privateKey)), kid: 'ke-la' };
    const response = await hub.anonymous.post('/api/v1/federation/messages', {
      messages: [await signed(stranger, progressMessage(1, '000.00.31.H29'))],
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FEDERATION_UNKNOWN_KEY' });
    expect(await hubState()).toBe(before);
    const audit = await hub.database.db
      .selectFrom('audit_record')
      .select(['action', 'actor_name', 'details'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'federation.refused',
      actor_name: 'federation key ke-la',
      details: { code: 'FEDERATION_UNKNOWN_KEY' },
    });
  });

  it("refuses a member's message about an agency it does not answer for (Bộ Tài chính): 403, nothing applied", async () => {
    const before = await hubState();
    const [key] = await signingKeys(province.database.db, 'federation');
    if (!key) throw new Error('the province has no federation key');
    const response = await hub.anonymous.post('/api/v1/federation/messages', {
      messages: [await signed(key, progressMessage(1_000, '000.00.00.G12'))],
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FEDERATION_FOREIGN_AGENCY' });
    expect(await hubState()).toBe(before);
  });

  it('gives a key to one member only; a demonstration member joins once, by name', async () => {
    const admin = await hub.signIn('Trịnh Quốc Việt');
    const jwks = (await province.anonymous.get('/api/v1/federation/jwks.json')).json<{
      keys: object[];
    }>();
    const twice = await admin.post('/api/v1/admin/federation/members', {
      name: 'Một hệ thống khác',
      agencyCodes: ['000.00.31.H41'],
      jwks,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'FEDERATION_KEY_TAKEN' });

    const name = 'Hệ thống thông tin giải quyết TTHC Thành phố Hồ Chí Minh';
    expect(
      await joinDemoHub(province.database.db, { hubUrl, name, url: 'http://127.0.0.1:9' }),
    ).toBe(true);
    expect(
      await joinDemoHub(province.database.db, { hubUrl, name, url: 'http://127.0.0.1:9' }),
    ).toBe(true);
    const members = (await admin.get('/api/v1/admin/federation/members')).json<
      { name: string; agencyCodes: string[] }[]
    >();
    expect(members.map((m) => m.name)).toEqual([name]);
    // joining declares the agencies offering services on the province's system
    expect(members[0]?.agencyCodes).toEqual(expect.arrayContaining(['000.00.31.H29']));
  });

  it("puts a member's published services in the national catalog, found without diacritics, and takes them out when withdrawn", async () => {
    const search = async () =>
      (
        await hub.anonymous.get(
          '/api/v1/catalog/services?q=dang%20ky%20khai%20sinh&agency=000.00.31.H29',
        )
      ).json<{
        items: { procedureName: string; agency: { code: string }; processingDays: number }[];
      }>().items;
    // the portal offers no services of its own; the province's came with its first synchronisation
    const found = () =>
      search().then((items) => items.map((s) => [s.agency.code, s.processingDays]));
    expect(await found()).toEqual([['000.00.31.H29', 1]]);

    const admin = await province.signIn('Bùi Thị Lan');
    const detail = (await admin.get(`/api/v1/admin/services/${serviceId}`)).json<{
      versions: {
        formSchema: object;
        uiSchema: object;
        requiredDocuments: object[];
        feeVnd: number;
      }[];
    }>();
    const [current] = detail.versions;
    if (!current) throw new Error('no version');
    const saved = await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
      formSchema: current.formSchema,
      uiSchema: current.uiSchema,
      requiredDocuments: current.requiredDocuments,
      processingDays: 2,
      feeVnd: current.feeVnd,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.post(`/api/v1/admin/services/${serviceId}/publish`)).statusCode).toBe(200);
    const sender = createHubSender(province.database.db, { hubUrl });
    expect(await sender.deliver()).toBe('idle');
    expect((await search()).map((s) => [s.procedureName, s.agency.code, s.processingDays])).toEqual(
      [['Đăng ký khai sinh', '000.00.31.H29', 2]],
    );

    expect((await admin.post(`/api/v1/admin/services/${serviceId}/unpublish`)).statusCode).toBe(
      200,
    );
    expect(await sender.deliver()).toBe('idle');
    expect(await search()).toEqual([]);
    // back to taking dossiers, for the tests that follow
    await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
      formSchema: current.formSchema,
      uiSchema: current.uiSchema,
      requiredDocuments: current.requiredDocuments,
      processingDays: 1,
      feeVnd: current.feeVnd,
    });
    expect((await admin.post(`/api/v1/admin/services/${serviceId}/publish`)).statusCode).toBe(200);
    expect(await sender.deliver()).toBe('idle');
  });

  it('answers what is not a signed message 400, and a message of the wrong shape too', async () => {
    const before = await hubState();
    for (const messages of [['khong-phai-jws'], ['a.b.c'], ['']]) {
      const response = await hub.anonymous.post('/api/v1/federation/messages', { messages });
      expect(response.statusCode, JSON.stringify(messages)).toBe(400);
    }
    const [key] = await signingKeys(province.database.db, 'federation');
    if (!key) throw new Error('the province has no federation key');
    const shapeless = await hub.anonymous.post('/api/v1/federation/messages', {
      messages: [await signed(key, { seq: 'một', agencyCode: '000.00.31.H29' })],
    });
    expect(shapeless.statusCode).toBe(400);
    expect(shapeless.json()).toMatchObject({ code: 'FEDERATION_MESSAGE_INVALID' });
    expect(await hubState()).toBe(before);
  });

  it('keeps changes made while the portal is down, and delivers them all afterwards, in order', async () => {
    const down = createHubSender(province.database.db, {
      hubUrl: `http://127.0.0.1:${String(await freePort())}`,
    });
    const dossier = await submitBirthRegistration(citizen, serviceId);
    await expectActed(reception, dossier.id, 'receive');
    expect(await down.deliver()).toBe('failed');
    await expectActed(specialist, dossier.id, 'claim');
    await expectActed(specialist, dossier.id, 'forward');
    expect(await hubDossier(dossier.code)).toBeUndefined();

    // the province's system administrator sees the portal behind, and why
    const admin = await province.signIn('Trịnh Quốc Việt');
    const status = (await admin.get('/api/v1/admin/federation/status')).json<{
      lastSeq: number;
      destinations: { destination: string; lag: number; failures: number; lastError: string }[];
    }>();
    expect(status.destinations).toEqual([
      expect.objectContaining({ destination: 'hub', lag: 4, failures: 1 }),
    ]);
    expect(status.destinations[0]?.lastError).toBeTruthy();

    // back up: the administrator asks for a retry now, and everything arrives, in order
    const retried = await admin.post('/api/v1/admin/federation/destinations/hub/retry');
    expect(retried.statusCode, retried.body).toBe(200);
    const up = createHubSender(province.database.db, { hubUrl });
    expect(await up.deliver()).toBe('idle');
    expect(await hubEvents(dossier.code)).toEqual([
      'submit→submitted',
      'receive→received',
      'claim→processing',
      'forward→processing',
    ]);
  });

  it('stops at a message the portal refuses for good (a dead letter) until the registry is fixed and someone retries', async () => {
    const hubAdmin = await hub.signIn('Trịnh Quốc Việt');
    const [member] = (await hubAdmin.get('/api/v1/admin/federation/members')).json<
      { id: string; name: string; agencyCodes: string[] }[]
    >();
    if (!member) throw new Error('no member registered');
    const jwks = (await province.anonymous.get('/api/v1/federation/jwks.json')).json<{
      keys: object[];
    }>();
    const registry = (agencyCodes: string[]) =>
      hubAdmin.put(`/api/v1/admin/federation/members/${member.id}`, {
        name: member.name,
        agencyCodes,
        jwks,
      });
    // the portal's registry lost the ward: its next message is refused
    expect((await registry(PROVINCE_CODES.filter((c) => c !== '000.00.31.H29'))).statusCode).toBe(
      200,
    );
    const sender = createHubSender(province.database.db, { hubUrl });
    expect(await sender.deliver()).toBe('idle');
    const dossier = await submitBirthRegistration(citizen, serviceId);
    expect(await sender.deliver()).toBe('failed');
    expect(await sender.deliver()).toBe('waiting'); // given up: no attempt by itself
    const admin = await province.signIn('Trịnh Quốc Việt');
    const status = (await admin.get('/api/v1/admin/federation/status')).json<{
      destinations: { deadLetter: { seq: number; error: string } | null }[];
    }>();
    expect(status.destinations[0]?.deadLetter).toMatchObject({
      error: '403 FEDERATION_FOREIGN_AGENCY',
    });
    expect(await hubDossier(dossier.code)).toBeUndefined();

    expect((await registry(PROVINCE_CODES)).statusCode).toBe(200);
    expect((await admin.post('/api/v1/admin/federation/destinations/hub/retry')).statusCode).toBe(
      200,
    );
    expect(await sender.deliver()).toBe('idle');
    expect(await hubEvents(dossier.code)).toEqual(['submit→submitted']);
    const retried = await province.database.db
      .selectFrom('audit_record')
      .select('action')
      .where('action', '=', 'federation.retried')
      .execute();
    expect(retried.length).toBeGreaterThan(0);
  });

  it('a portal restored from an older backup asks for what it lost, and gets it again, once', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    await expectActed(reception, dossier.id, 'receive');
    const sender = createHubSender(province.database.db, { hubUrl });
    expect(await sender.deliver()).toBe('idle');
    const full = await hubEvents(dossier.code);
    // the backup ends before this dossier
    const member = await hub.database.db
      .selectFrom('member_dossier_event')
      .select((eb) => eb.fn.min('seq').as('first'))
      .where('code', '=', dossier.code)
      .executeTakeFirstOrThrow();
    const lastKept = member.first - 1;
    await sql`delete from member_dossier_event where seq > ${lastKept}`.execute(hub.database.db);
    await sql`delete from member_dossier where code = ${dossier.code}`.execute(hub.database.db);
    await sql`update member_system set applied_seq = ${lastKept}`.execute(hub.database.db);

    await expectActed(specialist, dossier.id, 'claim');
    expect(await sender.deliver()).toBe('idle');
    expect(await hubEvents(dossier.code)).toEqual([...full, 'claim→processing']);
  });

  // Last: it numbers messages by hand, past the province's own sequence.
  it("shows the citizen at the portal a member's result reference and payments", async () => {
    const code = (
      await hub.database.db.selectFrom('member_dossier').select('code').executeTakeFirstOrThrow()
    ).code;
    // the member's own outbox reports them, as its payments and results modules write them
    const at = '2026-12-03T03:00:00.000Z';
    const entry = (type: string, body: Record<string, unknown>) =>
      outboxRecord({ type, agencyCode: '000.00.31.H29', key: code, body });
    const payment = { code, txnRef: 'T1', amountVnd: 100_000, receiptNo: 'BL-0001', at };
    await insertRows(province.database.db, [
      entry('payment.settled', payment),
      entry('payment.refunded', { ...payment, at: '2026-12-03T04:00:00.000Z' }),
      entry('result.signed', {
        code,
        verificationCode: 'ABCD2345EFGH',
        sha256: 'a'.repeat(64),
        signedAt: at,
      }),
    ]);
    expect(await createHubSender(province.database.db, { hubUrl }).deliver()).toBe('idle');
    const an = await hub.signIn('Nguyễn Văn An');
    expect((await an.get(`/api/v1/national/dossiers/${code}`)).json()).toMatchObject({
      result: { verificationCode: 'ABCD2345EFGH', sha256: 'a'.repeat(64) },
      payments: [
        { state: 'paid', amountVnd: 100_000, receiptNo: 'BL-0001' },
        { state: 'refunded', amountVnd: 100_000, receiptNo: 'BL-0001' },
      ],
    });
  });
});

describe("the national portal's figures", () => {
  it('equal the province system’s own figures for the same agency and period', async () => {
    const leader = await province.signIn('Đỗ Văn Khoa');
    const withdraw = async (code: string) =>
      expect((await actAsApplicant(citizen, code, { action: 'withdraw' })).statusCode).toBe(200);
    // dossiers at each stage: withdrawn, refused at the desk, received, refused by the leader,
    // approved, approved and returned
    const journeys: ((dossier: { id: string; code: string }) => Promise<unknown>)[] = [
      (d) => withdraw(d.code),
      (d) => expectActed(reception, d.id, 'refuse', { note: 'Không thuộc thẩm quyền' }),
      (d) => expectActed(reception, d.id, 'receive'),
      async (d) => {
        await expectActed(reception, d.id, 'receive');
        await expectActed(specialist, d.id, 'claim');
        await expectActed(specialist, d.id, 'forward');
        await expectActed(leader, d.id, 'claim');
        await expectActed(leader, d.id, 'refuse', { note: 'Hồ sơ không hợp lệ' });
      },
      async (d) => {
        await expectActed(reception, d.id, 'receive');
        await expectActed(specialist, d.id, 'claim');
        await expectActed(specialist, d.id, 'forward');
        await expectActed(leader, d.id, 'claim');
        await expectActed(leader, d.id, 'approve');
        await expectActed(reception, d.id, 'return_result', { returnMethod: 'online' });
        const rated = await actAsApplicant(citizen, d.code, { action: 'rate', rating: 2 });
        expect(rated.statusCode, rated.body).toBe(200);
      },
    ];
    for (const journey of journeys)
      await journey(await submitBirthRegistration(citizen, serviceId));
    expect(await createHubSender(province.database.db, { hubUrl }).deliver()).toBe('idle');

    await updateStatistics(province.database.db);
    type Figures = Record<string, unknown>;
    const { dossiers: own, satisfaction } = (
      await province.anonymous.get('/api/v1/stats/agencies/000.00.31.H29?period=live')
    ).json<{ indicators: { dossiers: Figures; satisfaction: Figures } }>().indicators;
    const national = await hub.anonymous.get('/api/v1/national/stats/agencies?period=live');
    expect(national.statusCode, national.body).toBe(200);
    const ward = national
      .json<{ agencies: { agencyCode: string; figures: Figures; satisfaction: Figures }[] }>()
      .agencies.find((a) => a.agencyCode === '000.00.31.H29');
    const compared = [
      'received',
      'receivedByChannel',
      'submittedOnline',
      'onlineRate',
      'finished',
      'finishedEarly',
      'finishedOnTime',
      'finishedLate',
      'onTimeRate',
      'electronicResultRate',
      'averageProcessingDays',
      'withdrawn',
    ];
    const pick = (figures: Figures | undefined) =>
      Object.fromEntries(compared.map((key) => [key, figures?.[key]]));
    expect(pick(ward?.figures)).toEqual(pick(own));
    expect(ward?.satisfaction).toEqual(satisfaction);
    expect(satisfaction.rated).toBeGreaterThan(0);
    expect(own.finished).toBeGreaterThan(0);
    expect(own.withdrawn).toBeGreaterThan(0);
  });

  it('answers a period it cannot read 400, in Vietnamese', async () => {
    const response = await hub.anonymous.get('/api/v1/national/stats/agencies?period=2026-13');
    expect(response.statusCode).toBe(400);
  });
});

describe('the protocol, published', () => {
  it('keeps docs/federation-openapi.json equal to what the two sides serve', async () => {
    type Document = {
      openapi: string;
      info: object;
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const tagged = (document: Document, tags: string[]) =>
      Object.fromEntries(
        Object.entries(document.paths).flatMap(([path, operations]) => {
          const kept = Object.entries(operations).filter(([, operation]) =>
            (operation.tags ?? []).some((tag) => tags.includes(tag)),
          );
          return kept.length > 0 ? [[path, Object.fromEntries(kept)]] : [];
        }),
      );
    const national = hub.app.swagger() as unknown as Document;
    const agency = province.app.swagger() as unknown as Document;
    const published = {
      openapi: national.openapi,
      info: {
        title: 'OpenDVC federation and webhooks',
        version: '1',
        description:
          'The national portal (hub) and agency systems: signed, sequenced messages, the member registry, the synchronisation state, and webhooks for third parties. See docs/federation-protocol.md.',
      },
      paths: { ...tagged(national, ['federation']), ...tagged(agency, ['federation', 'webhooks']) },
    };
    const file = new URL('../docs/federation-openapi.json', import.meta.url);
    const text = `${JSON.stringify(published, null, 2)}\n`;
    if (process.env.UPDATE_PROTOCOL_DOC === '1') await writeFile(file, text);
    // Out of date: UPDATE_PROTOCOL_DOC=1 npx vitest run test/federation.test.ts
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});

describe('a portal restored from a backup older than what the member keeps', () => {
  it('stops with a dead letter that says so, instead of replaying for ever', async () => {
    const sender = createHubSender(province.database.db, { hubUrl });
    expect(await sender.deliver()).toBe('idle');
    const dossier = await submitBirthRegistration(citizen, serviceId);
    // the member has pruned all but its newest messages; the portal's backup predates them
    await sql`delete from outbox_message where seq < (select max(seq) from outbox_message)`.execute(
      province.database.db,
    );
    await sql`update member_system set applied_seq = 3`.execute(hub.database.db);
    expect(await sender.deliver()).toBe('failed');
    expect(await sender.deliver()).toBe('waiting');
    const admin = await province.signIn('Trịnh Quốc Việt');
    const status = (await admin.get('/api/v1/admin/federation/status')).json<{
      destinations: { deadLetter: { error: string } | null }[];
    }>();
    expect(status.destinations[0]?.deadLetter?.error).toMatch(/no longer kept/);
    expect(await hubDossier(dossier.code)).toBeUndefined();
  });
});
