import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhooks, pruneDelivered } from '../src/server/modules/integration/index.ts';
import { checkWebhookUrl } from '../src/server/modules/integration/outbound.ts';
import { lastOutboxSeq, sealOutbox } from '../src/server/platform/outbox.ts';
import { createSecretBox } from '../src/server/platform/secret-box.ts';
import {
  agencyIdOf,
  expectActed,
  findServiceId,
  submitBirthRegistration,
} from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

type Received = { headers: Record<string, string>; body: string; answered: number };

/** A third party's endpoint: answers each request with the next status of its script, then 200. */
class Endpoint {
  received: Received[] = [];
  script: number[] = [];
  private server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const answered = this.script.shift() ?? 200;
      const headers: Record<string, string> = {};
      for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'])
        headers[name] = String(request.headers[name]);
      this.received.push({ headers, body, answered });
      response.writeHead(answered).end();
    });
  });
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}/hooks`;
  }
  stop() {
    return new Promise((resolve) => this.server.close(resolve));
  }
  /** What the endpoint accepted, in the order it accepted it. */
  accepted() {
    return this.received.filter((r) => r.answered < 300);
  }
}

let province: TestApp;
let citizen: Caller;
let reception: Caller;
let specialist: Caller;
let admin: Caller;
let serviceId: string;
let wardId: string;
const endpoint = new Endpoint();
let url: string;

// The delivery rounds run on a clock the test moves: the waits between attempts are hours.
let clock = new Date();
let webhooks: ReturnType<typeof createWebhooks>;

beforeAll(async () => {
  province = await createTestApp();
  citizen = await province.signIn('Nguyễn Văn An');
  reception = await province.signIn('Lê Minh Châu');
  specialist = await province.signIn('Võ Thanh Giang');
  admin = await province.signIn('Bùi Thị Lan');
  serviceId = await findServiceId(province, 'khai sinh', '000.00.31.H29');
  wardId = await agencyIdOf(province, '000.00.31.H29');
  url = await endpoint.start();
  webhooks = createWebhooks(province.database.db, {
    secrets: createSecretBox(province.appSecret),
    publicOnly: false,
    now: () => clock,
  });
});
afterAll(async () => {
  await endpoint.stop();
  await province.close();
});
beforeEach(() => {
  endpoint.received = [];
  endpoint.script = [];
});

async function subscribe(eventTypes = ['dossier.progress']) {
  const response = await admin.post('/api/v1/admin/webhooks', {
    agencyId: wardId,
    url,
    eventTypes,
    description: 'Hệ thống một cửa của đối tác',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ webhook: { id: string }; secret: string }>();
}

const subscription = async (id: string) =>
  (await admin.get('/api/v1/admin/webhooks'))
    .json<{ id: string; pending: number; failures: number; deadLetter: { seq: number } | null }[]>()
    .find((w) => w.id === id);

/** Delivery rounds until nothing is due, moving the clock to each next attempt. */
async function deliverAll(id: string, rounds = 30) {
  for (let round = 0; round < rounds; round++) {
    await webhooks.deliverDue();
    const cursor = await province.database.db
      .selectFrom('outbox_cursor')
      .selectAll()
      .where('destination', '=', `webhook:${id}`)
      .executeTakeFirst();
    if (!cursor || cursor.dead_at !== null) return; // ended, or given up
    if ((await subscription(id))?.pending === 0) return;
    clock = new Date(Math.max(clock.getTime(), cursor.next_attempt_at.getTime()) + 1);
  }
}

/** A dossier submitted, received and claimed: three status changes of the ward. */
async function threeChanges() {
  const dossier = await submitBirthRegistration(citizen, serviceId);
  await expectActed(reception, dossier.id, 'receive');
  await expectActed(specialist, dossier.id, 'claim');
  return dossier;
}

const events = (received: Received[]) =>
  received.map((r) => {
    const payload = JSON.parse(r.body) as { type: string; data: Record<string, unknown> };
    return `${String(payload.data.code)} ${String(payload.data.action)}→${String(payload.data.to)}`;
  });

describe('webhooks for third parties', () => {
  it('delivers every event once, in order, signed as Standard Webhooks, after five failures', async () => {
    const { webhook, secret } = await subscribe();
    const first = await threeChanges();
    const second = await threeChanges();
    endpoint.script = [500, 502, 503, 500, 408];

    await deliverAll(webhook.id);

    // The first event was attempted six times under one id; then each next event once.
    expect(endpoint.received.map((r) => r.answered)).toEqual([
      500, 502, 503, 500, 408, 200, 200, 200, 200, 200, 200,
    ]);
    expect(new Set(endpoint.received.slice(0, 6).map((r) => r.headers['webhook-id'])).size).toBe(1);
    const accepted = endpoint.accepted();
    expect(new Set(accepted.map((r) => r.headers['webhook-id'])).size).toBe(6);
    expect(events(accepted)).toEqual([
      `${first.code} submit→submitted`,
      `${first.code} receive→received`,
      `${first.code} claim→processing`,
      `${second.code} submit→submitted`,
      `${second.code} receive→received`,
      `${second.code} claim→processing`,
    ]);
    // An independent implementation verifies each signature; a changed byte fails it.
    const verifier = new Webhook(secret);
    for (const r of endpoint.received) expect(verifier.verify(r.body, r.headers)).toBeTruthy();
    const tampered = accepted[0];
    expect(() =>
      verifier.verify(tampered?.body.replace('submit', 'reject') ?? '', tampered?.headers ?? {}),
    ).toThrow();
    // No personal data leaves with the event.
    for (const r of accepted) expect(r.body).not.toContain('079090001234');

    const log = await admin.get(`/api/v1/admin/webhooks/${webhook.id}/deliveries`);
    expect(log.json<{ attempt: number; status: number }[]>().map((d) => d.status)).toEqual([
      200, 200, 200, 200, 200, 200, 408, 500, 503, 502, 500,
    ]);
    await admin.delete(`/api/v1/admin/webhooks/${webhook.id}`);
  });

  it('gives up after the schedule (a dead letter), delivers nothing past it, and resumes on retry', async () => {
    const { webhook } = await subscribe();
    const dossier = await threeChanges();
    endpoint.script = Array<number>(9).fill(500);

    await deliverAll(webhook.id);
    expect(endpoint.received).toHaveLength(8); // the first attempt and seven retries
    const dead = await subscription(webhook.id);
    expect(dead?.deadLetter).not.toBeNull();
    expect(dead?.pending).toBe(3);
    clock = new Date(clock.getTime() + 7 * 24 * 3_600_000);
    await webhooks.deliverDue();
    expect(endpoint.received).toHaveLength(8); // given up: nothing until a person retries

    const retried = await admin.post(`/api/v1/admin/webhooks/${webhook.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    endpoint.script = [];
    await deliverAll(webhook.id);
    expect(events(endpoint.accepted())).toEqual([
      `${dossier.code} submit→submitted`,
      `${dossier.code} receive→received`,
      `${dossier.code} claim→processing`,
    ]);
    expect((await subscription(webhook.id))?.deadLetter).toBeNull();
    await admin.delete(`/api/v1/admin/webhooks/${webhook.id}`);
  });

  it('replays from a number with the same ids, in order', async () => {
    const { webhook } = await subscribe();
    await threeChanges();
    await deliverAll(webhook.id);
    const firstTime = endpoint.accepted().map((r) => r.headers['webhook-id']);
    expect(firstTime).toHaveLength(3);
    const firstSeq = (await admin.get(`/api/v1/admin/webhooks/${webhook.id}/deliveries`))
      .json<{ seq: number }[]>()
      .at(-1)?.seq;

    endpoint.received = [];
    const replay = await admin.post(`/api/v1/admin/webhooks/${webhook.id}/replay`, {
      fromSeq: firstSeq,
    });
    expect(replay.statusCode, replay.body).toBe(200);
    await deliverAll(webhook.id);
    expect(endpoint.accepted().map((r) => r.headers['webhook-id'])).toEqual(firstTime);
    await admin.delete(`/api/v1/admin/webhooks/${webhook.id}`);
  });

  it('stops an endpoint that answers 410 Gone, and sends only the subscribed types', async () => {
    const { webhook } = await subscribe(['result.signed']);
    await threeChanges();
    await deliverAll(webhook.id);
    expect(endpoint.received).toHaveLength(0); // progress is not what it asked for
    // its cursor still passes those messages: an idle subscription holds nothing back
    const idle = (await admin.get('/api/v1/admin/webhooks'))
      .json<{ id: string; deliveredSeq: number }[]>()
      .find((w) => w.id === webhook.id);
    expect(idle?.deliveredSeq).toBe(await lastOutboxSeq(province.database.db));

    const gone = await subscribe();
    await threeChanges();
    endpoint.script = [410];
    await deliverAll(gone.webhook.id);
    expect(endpoint.received).toHaveLength(1);
    const list = (await admin.get('/api/v1/admin/webhooks')).json<{ id: string }[]>();
    expect(list.map((w) => w.id)).not.toContain(gone.webhook.id);
    await admin.delete(`/api/v1/admin/webhooks/${webhook.id}`);
  });
});

describe('retention', () => {
  it('keeps what a subscription has not had, and removes what everyone has once it is old', async () => {
    const { webhook } = await subscribe();
    const dossier = await threeChanges();
    // a month after the latest attempt (the delivery rounds run on the test's clock)
    const monthLater = new Date(clock.getTime() + 31 * 86_400_000);
    const kept = () =>
      province.database.db
        .selectFrom('outbox_message')
        .select('seq')
        .where('key', '=', dossier.code)
        .execute();
    // not delivered yet: kept however old
    await pruneDelivered(province.database.db, 30, monthLater);
    expect(await kept()).toHaveLength(3);

    await deliverAll(webhook.id);
    expect(events(endpoint.accepted())).toHaveLength(3);
    const removed = await pruneDelivered(province.database.db, 30, monthLater);
    expect(removed.messages).toBe(2);
    expect(removed.attempts).toBeGreaterThanOrEqual(3);
    // the newest message stays, so the numbering goes on from it and never starts again
    const [newest] = await kept();
    expect(await kept()).toHaveLength(1);
    const next = await threeChanges();
    await sealOutbox(province.database.db);
    const numbered = await province.database.db
      .selectFrom('outbox_message')
      .select('seq')
      .where('key', '=', next.code)
      .orderBy('seq')
      .execute();
    expect(numbered.map((m) => m.seq)).toEqual([1, 2, 3].map((k) => (newest?.seq ?? 0) + k));
    const replay = await admin.post(`/api/v1/admin/webhooks/${webhook.id}/replay`, {
      fromSeq: 1,
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'WEBHOOK_REPLAY_INVALID' });
    await admin.delete(`/api/v1/admin/webhooks/${webhook.id}`);
  });
});

describe('who may manage webhooks', () => {
  it("keeps one agency's subscriptions from another's administrator and from citizens", async () => {
    const { webhook } = await subscribe();
    const otherAdmin = await province.signIn('Ngô Đức Minh');
    const hidden = await otherAdmin.post(`/api/v1/admin/webhooks/${webhook.id}/retry`);
    expect(hidden.statusCode).toBe(404);
    const foreign = await otherAdmin.post('/api/v1/admin/webhooks', {
      agencyId: wardId,
      url,
      eventTypes: ['dossier.progress'],
    });
    expect(foreign.statusCode).toBe(403);
    expect((await citizen.get('/api/v1/admin/webhooks')).statusCode).toBe(403);
    expect((await otherAdmin.get('/api/v1/admin/webhooks')).json()).toEqual([]);
    await admin.delete(`/api/v1/admin/webhooks/${webhook.id}`);
  });

  it('refuses, in production, endpoints that are not HTTPS or that point into a private network', () => {
    expect(checkWebhookUrl('https://hooks.example.gov.vn/a', true)).toBeNull();
    expect(checkWebhookUrl('http://hooks.example.gov.vn/a', true)).toMatch(/HTTPS/);
    expect(checkWebhookUrl('https://127.0.0.1/a', true)).toMatch(/nội bộ/);
    expect(checkWebhookUrl('https://[::1]/a', true)).toMatch(/nội bộ/);
    expect(checkWebhookUrl('https://10.1.2.3/a', true)).toMatch(/nội bộ/);
    expect(checkWebhookUrl('https://user:pw@example.gov.vn/a', true)).toMatch(/mật khẩu/);
    expect(checkWebhookUrl('http://127.0.0.1:4000/a', false)).toBeNull();
  });
});
