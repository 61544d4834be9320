import { createHash } from 'node:crypto';
import { CompactSign, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackRelay } from '../src/server/modules/feedback/index.ts';
import {
  createHubSender,
  joinDemoHub,
  memberServing,
  signForSeconds,
} from '../src/server/modules/integration/index.ts';
import { LocalDiskStorage } from '../src/server/platform/file-storage.ts';
import { freePort } from './helpers/server-process.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

// The national portal and a province's system, each on a real port: the portal's desk forwards
// feedback to the ward the province answers for; the ward answers; the sender reads the answer
// and rates it at the portal.
const WARD = '000.00.31.H29';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let hub: TestApp;
let province: TestApp;
let provinceUrl: string;
let relay: ReturnType<typeof createFeedbackRelay>;
let sync: ReturnType<typeof createHubSender>;
let citizen: Caller;
let nationalDesk: Caller;

async function listening(host: '127.0.0.1' | 'localhost', env: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://${host}:${String(port)}`;
  const t = await createTestApp({ PUBLIC_URL: url, ...env });
  await t.app.listen({ host, port });
  return { t, url };
}

beforeAll(async () => {
  let hubUrl: string;
  ({ t: hub, url: hubUrl } = await listening('127.0.0.1', { INSTANCE_ROLE: 'national' }));
  ({ t: province, url: provinceUrl } = await listening('localhost', { HUB_URL: hubUrl }));
  expect(
    await joinDemoHub(province.database.db, {
      hubUrl,
      name: 'Hệ thống thông tin giải quyết TTHC Thành phố Hồ Chí Minh',
      url: provinceUrl,
    }),
  ).toBe(true);
  sync = createHubSender(province.database.db, { hubUrl });
  expect(await sync.deliver()).toBe('idle');
  relay = createFeedbackRelay({
    db: hub.database.db,
    storage: new LocalDiskStorage(hub.filesDir),
    memberUrl: async (code) => (await memberServing(hub.database.db, code))?.url,
    sign: (payload) => signForSeconds(hub.database.db, payload, 600),
    timeoutMs: 10_000,
  });
  citizen = await hub.signIn('Nguyễn Văn An');
  nationalDesk = await hub.signIn('Đinh Thị Phượng');
}, 120_000);

afterAll(async () => {
  await province.close();
  await hub.close();
});

let sent = 0;
const TOPICS = [
  'Tôi là Nguyễn Văn An, điện thoại 0912 345 678, đến phường vẫn chưa được hướng dẫn đủ giấy tờ cần nộp.',
  'Trang dịch vụ công trực tuyến của phường báo lỗi khi tải tệp đính kèm lên, đã thử nhiều trình duyệt khác nhau.',
  'Hồ sơ đăng ký kinh doanh của tôi nộp từ tháng trước đến nay vẫn chưa có kết quả, không ai liên hệ giải thích.',
];

/** The citizen sends feedback at the portal; answers its code. */
async function sendAtPortal(body: Record<string, unknown> = {}) {
  const content = TOPICS[sent] ?? '';
  sent += 1;
  const answer = await citizen.post('/api/v1/feedback', {
    categoryCode: 'thai-do-phuc-vu',
    title: `Cán bộ phường hướng dẫn chưa rõ ràng lần ${String(sent)}`,
    content,
    consentToPublish: true,
    ...body,
  });
  expect(answer.statusCode, answer.body).toBe(201);
  return answer.json<{ code: string }>().code;
}

const hubItem = (code: string) =>
  hub.database.db
    .selectFrom('feedback')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

const provinceItems = (portalCode: string) =>
  province.database.db
    .selectFrom('feedback')
    .selectAll()
    .where('origin_code', '=', portalCode)
    .execute();

async function acted(caller: Caller, code: string, body: Record<string, unknown>) {
  const answer = await caller.post(`/api/v1/officer/feedback/${code}/actions`, body);
  expect(answer.statusCode, answer.body).toBe(200);
}

describe('feedback forwarded through the national portal to the system answering for the agency', () => {
  it('is handled at the ward’s system and answered, published and rated at the portal', async () => {
    const photo = await citizen.upload('anh.png', PNG, 'image/png', '/api/v1/feedback/files');
    expect(photo.statusCode, photo.body).toBe(201);
    const file = photo.json<{ id: string; key: string }>();
    const code = await sendAtPortal({ attachments: [{ id: file.id, key: file.key }] });

    await acted(nationalDesk, code, { action: 'forward', agencyCode: WARD });
    const forwarded = await hubItem(code);
    expect(forwarded).toMatchObject({ state: 'forwarded' });
    expect(forwarded.sent_to_member_at).not.toBeNull();
    // the portal's desk has nothing more to do with it: the ward's system handles it
    const detail = (await nationalDesk.get(`/api/v1/officer/feedback/${code}`)).json<{
      actions: string[];
    }>();
    expect(detail.actions).toEqual([]);

    expect(await relay.deliverDue()).toBe(1);
    const [atWard, ...others] = await provinceItems(code);
    expect(others).toEqual([]);
    expect(atWard).toMatchObject({
      state: 'forwarded',
      source: 'national_portal',
      sender_phone: null,
      sender_email: null,
      sender_account_id: null,
    });
    // the clock the portal started runs on: same due date
    expect(atWard?.due_at?.toISOString()).toBe(forwarded.due_at?.toISOString());
    expect((await hubItem(code)).member_code).toBe(atWard?.code);
    const files = await province.database.db
      .selectFrom('feedback_file')
      .select(['file_name', 'sha256'])
      .where('feedback_id', '=', atWard?.id ?? '')
      .execute();
    expect(files).toEqual([
      { file_name: 'anh.png', sha256: createHash('sha256').update(PNG).digest('hex') },
    ]);

    // a delivery repeated after a lost answer makes no second item
    await hub.database.db
      .updateTable('feedback_transfer')
      .set({ state: 'pending', next_attempt_at: new Date() })
      .execute();
    expect(await relay.deliverDue()).toBe(1);
    expect(await provinceItems(code)).toHaveLength(1);

    // the ward's desk, officer and leader handle it on their own system
    const wardCode = atWard?.code ?? '';
    const wardDesk = await province.signIn('Mạc Văn Sơn');
    const officer = await province.signIn('Võ Thanh Giang');
    const leader = await province.signIn('Đỗ Văn Khoa');
    const assignable = (await wardDesk.get(`/api/v1/officer/feedback/${wardCode}`)).json<{
      assignable: { id: string; name: string }[];
    }>().assignable;
    await acted(wardDesk, wardCode, {
      action: 'assign',
      officerId: assignable.find((o) => o.name === 'Võ Thanh Giang')?.id,
    });
    await acted(wardDesk, wardCode, {
      action: 'extend',
      reason: 'Cần xác minh với bộ phận một cửa của phường.',
    });
    await acted(officer, wardCode, {
      action: 'submitAnswer',
      answer: 'Phường đã nhắc nhở cán bộ và gửi ông danh mục giấy tờ cần nộp qua thư điện tử.',
    });
    await acted(leader, wardCode, { action: 'approve', publicInterest: false });

    // the ward's changes reach the portal on the federation stream
    expect(await sync.deliver()).toBe('idle');
    const answered = await hubItem(code);
    const atWardAfter = (await provinceItems(code))[0];
    expect(answered).toMatchObject({
      state: 'answered',
      answer: 'Phường đã nhắc nhở cán bộ và gửi ông danh mục giấy tờ cần nộp qua thư điện tử.',
      extension_reason: 'Cần xác minh với bộ phận một cửa của phường.',
    });
    expect(answered.due_at?.toISOString()).toBe(atWardAfter?.due_at?.toISOString());
    expect(answered.due_at?.getTime()).toBeGreaterThan(forwarded.due_at?.getTime() ?? 0);
    const view = (await citizen.get(`/api/v1/feedback/${code}`)).json<{
      state: string;
      answer: string;
      competentAgencyName: string;
    }>();
    expect(view.state).toBe('answered');
    expect(view.answer).toContain('danh mục giấy tờ');
    const notices = await hub.database.db
      .selectFrom('notification')
      .select('title')
      .where('title', 'in', [
        `Trả lời phản ánh, kiến nghị ${code}`,
        `Gia hạn trả lời phản ánh, kiến nghị ${code}`,
      ])
      .execute();
    expect(notices.map((n) => n.title).sort()).toEqual([
      `Gia hạn trả lời phản ánh, kiến nghị ${code}`,
      `Trả lời phản ánh, kiến nghị ${code}`,
    ]);
    // published at the portal with the sender's consent, without their phone number
    const page = (
      await hub.anonymous.get('/api/v1/public/feedback?q=huong dan chua ro rang')
    ).json<{
      items: { code: string; content: string }[];
    }>();
    const published = page.items.find((i) => i.code === code);
    expect(published?.content).not.toContain('0912 345 678');
    expect(published?.content).not.toContain('Nguyễn Văn An');

    // the sender rates at the portal; the ward's system counts the rating too
    const rated = await citizen.post(`/api/v1/feedback/${code}/rating`, {
      satisfied: false,
      comment: 'Trả lời chậm.',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(await relay.deliverDue()).toBe(1);
    expect((await provinceItems(code))[0]).toMatchObject({
      rating_satisfied: false,
      rating_comment: 'Trả lời chậm.',
    });
    const wardFigures = (
      await province.anonymous.get(`/api/v1/stats/feedback?period=live&agencyCode=${WARD}`)
    ).json<{ answered: number; ratedUnsatisfied: number }>();
    expect(wardFigures).toMatchObject({ answered: 1, ratedUnsatisfied: 1 });
    const portalFigures = (
      await hub.anonymous.get(`/api/v1/stats/feedback?period=live&agencyCode=${WARD}`)
    ).json<{ answered: number; ratedUnsatisfied: number }>();
    expect(portalFigures).toMatchObject({ answered: 1, ratedUnsatisfied: 1 });
  });

  it('comes back to the national desk, with the reason, when the member refuses it', async () => {
    // the province no longer has this category
    await province.database.db
      .deleteFrom('feedback_category')
      .where('code', '=', 'dich-vu-cong-truc-tuyen')
      .execute();
    const code = await sendAtPortal({ categoryCode: 'dich-vu-cong-truc-tuyen' });
    await acted(nationalDesk, code, { action: 'forward', agencyCode: WARD });
    expect(await relay.deliverDue()).toBe(0);
    expect(await hubItem(code)).toMatchObject({
      state: 'received',
      competent_agency_id: null,
      sent_to_member_at: null,
    });
    expect(await provinceItems(code)).toEqual([]);
    const events = (await nationalDesk.get(`/api/v1/officer/feedback/${code}`)).json<{
      events: { action: string; note: string | null }[];
      actions: string[];
    }>();
    expect(events.events.at(-1)?.action).toBe('returned');
    expect(events.actions).toContain('forward');
  });

  it('keeps the stream flowing when the member passes the item to an agency the portal does not know it for', async () => {
    const code = await sendAtPortal({ categoryCode: 'giai-quyet-ho-so' });
    await acted(nationalDesk, code, { action: 'forward', agencyCode: WARD });
    expect(await relay.deliverDue()).toBe(1);
    const [atWard] = await provinceItems(code);
    // the ward's desk passes it to the city, which offers no service and so is not registered
    const wardDesk = await province.signIn('Mạc Văn Sơn');
    await acted(wardDesk, atWard?.code ?? '', { action: 'forward', agencyCode: '000.00.00.H29' });
    expect(await sync.deliver()).toBe('idle');
    const events = await hub.database.db
      .selectFrom('feedback_event')
      .innerJoin('feedback', 'feedback.id', 'feedback_event.feedback_id')
      .select('feedback_event.action')
      .where('feedback.code', '=', code)
      .orderBy('feedback_event.id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['sent', 'forwarded', 'forwarded']);
  });

  it('takes nothing the portal did not sign', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new CompactSign(
      new TextEncoder().encode(JSON.stringify({ type: 'hub.feedback', portalCode: 'x' })),
    )
      .setProtectedHeader({ alg: 'RS256', kid: 'not-the-portal' })
      .sign(privateKey);
    const answer = await province.anonymous.post('/api/v1/federation/feedback', {
      message: forged,
      files: [],
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.json()).toMatchObject({ code: 'FEDERATION_NOT_PORTAL' });
  });
});
