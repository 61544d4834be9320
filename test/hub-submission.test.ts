import { createHash } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHubSender,
  createSubmissionDelivery,
  joinDemoHub,
} from '../src/server/modules/integration/index.ts';
import { LocalDiskStorage } from '../src/server/platform/file-storage.ts';
import {
  actAsOfficer,
  businessRegistrationForm,
  expectActed,
  findServiceId,
} from './helpers/factories.ts';
import { startFaultyProxy } from './helpers/faulty-proxy.ts';
import { pdfsigReport } from './helpers/pdf-text.ts';
import { freePort } from './helpers/server-process.ts';
import { HttpBrowser, readLoginPage } from './helpers/http-browser.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

// Both systems listen on real ports: the portal delivers over HTTP (through a relay that plays
// the network's faults), the province fetches the portal's keys, the sandbox bank calls back.
let hub: TestApp;
let hubUrl: string;
let province: TestApp;
let provinceUrl: string;
let proxy: Awaited<ReturnType<typeof startFaultyProxy>>;
let delivery: ReturnType<typeof createSubmissionDelivery>;
let sync: ReturnType<typeof createHubSender>;
let applicant: Caller;
let hubServiceId: string;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** An instance on a real port; `host` is its site's name (browsers keep cookies per name). */
async function listening(host: '127.0.0.1' | 'localhost', env: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://${host}:${String(port)}`;
  const t = await createTestApp({ PUBLIC_URL: url, ...env });
  await t.app.listen({ host, port });
  return { t, url };
}

/** The province's sign-in client at the portal's identity provider (single sign-on). */
const provinceClient = (provinceUrl: string) => ({
  clientId: 'opendvc-province-test',
  clientSecret: 'province-client-secret',
  redirectUri: `${provinceUrl}/api/v1/auth/oidc/callback`,
  postLogoutRedirectUri: `${provinceUrl}/`,
});

/** A citizen at the national portal applies for the province ward's business registration. */
async function applyAtPortal(citizen: Caller = applicant) {
  const upload = await citizen.upload('giay-de-nghi.pdf', SAMPLE_PDF, 'application/pdf');
  expect(upload.statusCode, upload.body).toBe(201);
  const submitted = await citizen.post('/api/v1/dossiers', {
    serviceId: hubServiceId,
    formData: businessRegistrationForm,
    documents: [{ documentKey: 'giay-de-nghi', fileId: upload.json<{ id: string }>().id }],
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  return submitted.json<{ submissionId: string; agencyName: string }>();
}

const submission = async (id: string) => {
  const answer = await applicant.get(`/api/v1/national/submissions/${id}`);
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json<{ state: string; code: string | null; waiting: boolean; refusal: string }>();
};

const dossiersMadeFor = (submissionId: string) =>
  province.database.db
    .selectFrom('dossier')
    .innerJoin('account', 'account.id', 'dossier.applicant_id')
    .select(['dossier.id', 'dossier.code', 'dossier.channel', 'account.citizen_id'])
    .where('dossier.hub_submission_id', '=', submissionId)
    .execute();

/** Makes a kept submission due now, as the wait after a failure would. */
const dueNow = (id: string) =>
  hub.database.db
    .updateTable('hub_submission')
    .set({ next_attempt_at: new Date() })
    .where('id', '=', id)
    .execute();

beforeAll(async () => {
  ({ t: hub, url: hubUrl } = await listening('127.0.0.1', { INSTANCE_ROLE: 'national' }));
  // The province's citizens sign in at the portal's provider; it runs none of its own.
  const port = await freePort();
  provinceUrl = `http://localhost:${String(port)}`;
  const client = provinceClient(provinceUrl);
  province = await createTestApp({
    PUBLIC_URL: provinceUrl,
    HUB_URL: hubUrl,
    IDP_ENABLED: 'false',
    OIDC_ISSUER: `${hubUrl}/idp`,
    OIDC_CLIENT_ID: client.clientId,
    OIDC_CLIENT_SECRET: client.clientSecret,
  });
  await province.app.listen({ host: 'localhost', port });
  proxy = await startFaultyProxy(provinceUrl);
  const name = 'Hệ thống thông tin giải quyết TTHC Thành phố Hồ Chí Minh';
  expect(
    await joinDemoHub(province.database.db, { hubUrl, name, url: proxy.url, oidcClient: client }),
  ).toBe(true);
  sync = createHubSender(province.database.db, { hubUrl });
  expect(await sync.deliver()).toBe('idle'); // the province's catalog reaches the portal
  delivery = createSubmissionDelivery(hub.database.db, {
    storage: new LocalDiskStorage(hub.filesDir),
    timeoutMs: 10_000,
  });
  applicant = await hub.signIn('Nguyễn Văn An');
  hubServiceId = await findServiceId(hub, 'hộ kinh doanh', '000.00.31.H29');
});
afterAll(async () => {
  await proxy.close();
  await province.close();
  await hub.close();
});

describe('submission at the national portal', () => {
  it('hands the application with its file to the agency system, which issues the code; the citizen follows, pays there and downloads the signed result from the portal', async () => {
    const receipt = await applyAtPortal();
    expect(receipt.agencyName).toBeTruthy();
    expect(await submission(receipt.submissionId)).toMatchObject({
      state: 'pending',
      code: null,
      waiting: false,
    });

    expect(await delivery.deliverDue()).toBe(1);
    const delivered = await submission(receipt.submissionId);
    expect(delivered.state).toBe('delivered');
    const [made, ...others] = await dossiersMadeFor(receipt.submissionId);
    expect(others).toEqual([]);
    expect(made).toMatchObject({
      code: delivered.code,
      channel: 'online',
      citizen_id: '079090001234',
    });
    expect(made?.code).toMatch(/^000\.00\.31\.H29-\d{6}-\d{4}$/);
    const files = await province.database.db
      .selectFrom('stored_file')
      .select(['sha256', 'document_key', 'file_name'])
      .where('dossier_id', '=', made?.id ?? '')
      .execute();
    expect(files).toEqual([
      { sha256: sha256(SAMPLE_PDF), document_key: 'giay-de-nghi', file_name: 'giay-de-nghi.pdf' },
    ]);
    // the portal lets go of the answers and files the member now keeps
    const kept = await hub.database.db
      .selectFrom('stored_file')
      .select('id')
      .where('hub_submission_id', '=', receipt.submissionId)
      .execute();
    expect(kept).toEqual([]);

    // The applicant, signed in at the province with the same CCCD, sees it there and pays there.
    const code = delivered.code ?? '';
    const atProvince = await province.signIn('Nguyễn Văn An');
    const started = await atProvince.post(`/api/v1/dossiers/${code}/payments`);
    expect(started.statusCode, started.body).toBe(201);
    const payment = started.json<{ txnRef: string; paymentUrl: string }>();
    // the bank's page opens the sandbox transaction; the applicant pays there
    expect((await fetch(payment.paymentUrl)).status).toBe(200);
    const paid = await fetch(`${provinceUrl}/sandbox/vnpay/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        txnRef: payment.txnRef,
        outcome: 'success',
      }).toString(),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    const id = made?.id ?? '';
    const reception = await province.signIn('Lê Minh Châu');
    const specialist = await province.signIn('Võ Thanh Giang');
    const leader = await province.signIn('Đỗ Văn Khoa');
    await expectActed(reception, id, 'receive');
    await expectActed(specialist, id, 'claim');
    await expectActed(specialist, id, 'forward');
    await expectActed(leader, id, 'claim');
    expect((await leader.post(`/api/v1/officer/dossiers/${id}/result/draft`)).statusCode).toBe(200);
    expect((await actAsOfficer(leader, id, 'approve')).statusCode).toBe(200);

    // The portal hears of every change, the payment and the result's hash.
    expect(await sync.deliver()).toBe('idle');
    const followed = (await applicant.get(`/api/v1/national/dossiers/${code}`)).json<{
      status: string;
      result: { sha256: string } | null;
      payments: { state: string }[];
      events: { to: string }[];
    }>();
    expect(followed.status).toBe('result_ready');
    expect(followed.payments).toEqual([expect.objectContaining({ state: 'paid' })]);
    expect(followed.events.map((e) => e.to)).toEqual([
      'submitted',
      'submitted', // paid: still waiting for reception
      'received',
      'processing',
      'processing',
      'processing',
      'result_ready',
    ]);

    // The result comes through the portal, the very file the province signed.
    const file = await applicant.get(`/api/v1/national/dossiers/${code}/result/pdf`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(sha256(file.rawPayload)).toBe(followed.result?.sha256);
    expect(pdfsigReport(file.rawPayload)).toContain('Signature Validation: Signature is Valid.');
    // someone else at the portal gets nothing of it
    const other = await hub.signIn('Trần Thị Bình');
    expect((await other.get(`/api/v1/national/dossiers/${code}/result/pdf`)).statusCode).toBe(404);
    expect(
      (await other.get(`/api/v1/national/submissions/${receipt.submissionId}`)).statusCode,
    ).toBe(404);
  });

  it('signs the citizen in at the agency system without asking again, once signed in at the portal (one identity provider)', async () => {
    const browser = new HttpBrowser(hubUrl);
    const login = await browser.navigate('/api/v1/auth/oidc/start?returnTo=/ho-so-cua-toi');
    expect(login.url).toMatch(/\/idp\/interaction\/[\w-]+$/);
    const page = readLoginPage(await login.response.text());
    const an = page.identities.find((i) => i.name === 'Nguyễn Văn An');
    const atPortal = await browser.postForm(page.action, { identityId: an?.id ?? '' });
    expect(atPortal.url).toBe(`${hubUrl}/ho-so-cua-toi`);
    expect(browser.cookie('dvc_session', provinceUrl)).toBeUndefined();

    // The portal's link to the dossier at the province: through the provider, no sign-in page.
    const { code } = await province.database.db
      .selectFrom('dossier')
      .select('code')
      .where('hub_submission_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const followed = await browser.navigate(
      `${provinceUrl}/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(`/ho-so-cua-toi/${code}`)}`,
    );
    expect(followed.url).toBe(`${provinceUrl}/ho-so-cua-toi/${code}`);
    const session = browser.cookie('dvc_session', provinceUrl);
    expect(session).toBeDefined();
    const dossier = await fetch(`${provinceUrl}/api/v1/dossiers/${code}`, {
      headers: { cookie: `dvc_session=${session ?? ''}` },
    });
    expect(dossier.status).toBe(200);
    // and the portal's own session is still the portal's
    expect(browser.cookie('dvc_session', hubUrl)).toBeDefined();
  });

  it('keeps the application while the agency system is unreachable, says so, and delivers it once when it is back, even after an answer lost on the way', async () => {
    const receipt = await applyAtPortal();
    proxy.set('down');
    expect(await delivery.deliverDue()).toBe(0);
    expect(await submission(receipt.submissionId)).toMatchObject({
      state: 'pending',
      code: null,
      waiting: true,
    });
    expect(await dossiersMadeFor(receipt.submissionId)).toEqual([]);
    // not tried again before its time
    expect(await delivery.deliverDue()).toBe(0);

    // Back, but the answer is lost: the province made the dossier, the portal does not know.
    proxy.set('lose-answer');
    await dueNow(receipt.submissionId);
    expect(await delivery.deliverDue()).toBe(0);
    expect(await dossiersMadeFor(receipt.submissionId)).toHaveLength(1);
    expect((await submission(receipt.submissionId)).state).toBe('pending');

    // The portal's administrator sees it waiting for the province, and why, and sends it now.
    const admin = await hub.signIn('Trịnh Quốc Việt');
    const [member] = (await admin.get('/api/v1/admin/federation/members')).json<
      { id: string; waitingSubmissions: number; lastDeliveryError: string | null }[]
    >();
    expect(member?.waitingSubmissions).toBe(1);
    expect(member?.lastDeliveryError).toBeTruthy();
    proxy.set('pass');
    expect(await delivery.deliverDue()).toBe(0); // still waiting its turn
    const retried = await admin.post(`/api/v1/admin/federation/members/${member?.id ?? ''}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(await delivery.deliverDue()).toBe(1);
    const made = await dossiersMadeFor(receipt.submissionId);
    expect(made).toHaveLength(1);
    expect(await submission(receipt.submissionId)).toMatchObject({
      state: 'delivered',
      code: made[0]?.code,
    });
  });

  it('makes one dossier when two deliveries of a submission arrive at once', async () => {
    const receipt = await applyAtPortal();
    await Promise.all([delivery.deliverDue(), delivery.deliverDue()]);
    // the lease keeps a second deliverer away; the province's lock would hold anyway
    expect(await dossiersMadeFor(receipt.submissionId)).toHaveLength(1);
  });

  it('takes nothing the portal did not sign, nor files that are not those it signed', async () => {
    const before = await province.database.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'federation-forged' };
    const forged = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({
          type: 'hub.submission',
          id: crypto.randomUUID(),
          agencyCode: '000.00.31.H29',
          procedureCode: 'X',
          version: 1,
          applicant: { citizenId: '079090001234', fullName: 'Nguyễn Văn An' },
          formData: {},
          feeChoice: null,
          documents: [],
        }),
      ),
    )
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .sign(await importJWK(jwk, 'RS256'));
    const refused = await province.anonymous.post('/api/v1/federation/submissions', {
      submission: forged,
      files: [],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FEDERATION_NOT_PORTAL' });
    const audited = await province.database.db
      .selectFrom('audit_record')
      .select('details')
      .where('action', '=', 'federation.refused')
      .execute();
    expect(audited.map((a) => a.details)).toContainEqual(
      expect.objectContaining({ what: 'submission' }),
    );

    // A result asked for without the portal's signature is not given either.
    const { code } = await province.database.db
      .selectFrom('dossier')
      .select('code')
      .where('hub_submission_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const taken = await fetch(`${provinceUrl}/api/v1/federation/results/${code}`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(taken.status).toBe(403);

    const after = await province.database.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('tells the citizen why when the agency system refuses the application', async () => {
    const receipt = await applyAtPortal();
    // the ward stopped offering the service after the portal took the application
    await province.database.db
      .deleteFrom('catalog_listing')
      .where('agency_code', '=', '000.00.31.H29')
      .where('procedure_name', 'ilike', '%hộ kinh doanh%')
      .execute();
    expect(await delivery.deliverDue()).toBe(0);
    const refused = await submission(receipt.submissionId);
    expect(refused.state).toBe('refused');
    expect(refused.refusal).toMatch(/dịch vụ|thủ tục/i);
    expect(await dossiersMadeFor(receipt.submissionId)).toEqual([]);
    // not tried again
    await dueNow(receipt.submissionId);
    expect(await delivery.deliverDue()).toBe(0);
    expect((await submission(receipt.submissionId)).state).toBe('refused');
  });
});
