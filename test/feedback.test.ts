import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthKey } from '../src/domain/stats-period.ts';
import { createWorkingCalendar } from '../src/domain/working-calendar.ts';
import { remindFeedbackComingDue } from '../src/server/modules/feedback/index.ts';
import { findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const WARD = '000.00.31.H29';

let t: TestApp;
let citizen: Caller;
let otherCitizen: Caller;
let nationalDesk: Caller;
let wardDesk: Caller;
let specialist: Caller;
let leader: Caller;
let dossierCode: string;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await t.signIn('Nguyễn Văn An');
  otherCitizen = await t.signIn('Trần Thị Bình');
  nationalDesk = await t.signIn('Đinh Thị Phượng');
  wardDesk = await t.signIn('Mạc Văn Sơn');
  specialist = await t.signIn('Võ Thanh Giang');
  leader = await t.signIn('Đỗ Văn Khoa');
  const serviceId = await findServiceId(t, 'khai sinh', WARD);
  dossierCode = (await submitBirthRegistration(citizen, serviceId)).code;
}, 60_000);

afterAll(() => t.close());

let textCounter = 0;
/** A text unlike every other one sent in this file (the duplicate rule compares words). */
const freshText = (topic: string) => {
  const n = ++textCounter;
  const own = Array.from({ length: 30 }, (_, i) => `t${String(n)}w${String(i)}`).join(' ');
  return `${topic}: ${own}`;
};

async function send(caller: Caller, body: Record<string, unknown>) {
  return caller.post('/api/v1/feedback', {
    categoryCode: 'giai-quyet-ho-so',
    title: 'Hồ sơ khai sinh trễ hẹn',
    content: freshText('Hồ sơ khai sinh của tôi đã quá hạn'),
    consentToPublish: true,
    ...body,
  });
}

async function sent(caller: Caller, body: Record<string, unknown> = {}) {
  const answer = await send(caller, body);
  expect(answer.statusCode, answer.body).toBe(201);
  return answer.json<{ code: string; trackingKey: string }>();
}

async function act(caller: Caller, code: string, body: Record<string, unknown>) {
  return caller.post(`/api/v1/officer/feedback/${code}/actions`, body);
}

async function acted(caller: Caller, code: string, body: Record<string, unknown>) {
  const answer = await act(caller, code, body);
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json<{ state: string }>();
}

/** Takes an item from the national desk to an approved answer at the ward. */
async function answerAtWard(code: string, options: { publicInterest?: boolean } = {}) {
  await acted(nationalDesk, code, { action: 'forward', agencyCode: WARD });
  const detail = (await wardDesk.get(`/api/v1/officer/feedback/${code}`)).json<{
    assignable: { id: string; name: string }[];
  }>();
  const giang = detail.assignable.find((o) => o.name === 'Võ Thanh Giang');
  expect(giang).toBeDefined();
  await acted(wardDesk, code, { action: 'assign', officerId: giang?.id });
  await acted(specialist, code, {
    action: 'submitAnswer',
    answer: 'Ủy ban nhân dân phường đã kiểm tra và trả kết quả cho ông trong ngày hôm nay.',
  });
  return acted(leader, code, {
    action: 'approve',
    publicInterest: options.publicInterest ?? false,
  });
}

const figures = async () =>
  (await t.anonymous.get('/api/v1/stats/feedback?period=live')).json<{
    received: number;
    withinScope: number;
    merged: number;
    answered: number;
    answeredOnTime: number;
    onTimeRate: { numerator: number; denominator: number };
    satisfactionRate: { numerator: number; denominator: number };
  }>();

describe('feedback from sending to a published, rated answer', () => {
  it('goes from the citizen through both desks, the officer and the leader, and back', async () => {
    const photo = await t.anonymous.upload(
      'anh-chup.png',
      PNG,
      'image/png',
      '/api/v1/feedback/files',
    );
    expect(photo.statusCode, photo.body).toBe(201);
    const file = photo.json<{ id: string; key: string }>();
    const { code } = await sent(citizen, {
      dossierCode,
      content: `Tôi là Nguyễn Văn An, CCCD 079090001234, điện thoại 0912 345 678. ${freshText('Hồ sơ trễ hẹn')}`,
      attachments: [{ id: file.id, key: file.key }],
    });
    expect(code).toMatch(/^PAKN-\d{8}-\d{6}$/);

    const mine = (await citizen.get('/api/v1/feedback/mine')).json<{ code: string }[]>();
    expect(mine.map((m) => m.code)).toContain(code);

    const atNational = (await nationalDesk.get('/api/v1/officer/feedback?view=desk')).json<{
      items: { code: string }[];
    }>();
    expect(atNational.items.map((i) => i.code)).toContain(code);
    // the ward's desk does not see it before it is forwarded there
    expect((await wardDesk.get(`/api/v1/officer/feedback/${code}`)).statusCode).toBe(404);

    const answered = await answerAtWard(code);
    expect(answered.state).toBe('answered');

    const view = (await citizen.get(`/api/v1/feedback/${code}`)).json<{
      state: string;
      answer: string;
      attachments: { fileName: string }[];
    }>();
    expect(view.state).toBe('answered');
    expect(view.answer).toContain('đã kiểm tra');
    expect(view.attachments.map((a) => a.fileName)).toEqual(['anh-chup.png']);

    const rated = await citizen.post(`/api/v1/feedback/${code}/rating`, {
      satisfied: true,
      comment: 'Cảm ơn phường',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(
      (await citizen.post(`/api/v1/feedback/${code}/rating`, { satisfied: false })).statusCode,
    ).toBe(409);

    const published = (await t.anonymous.get('/api/v1/public/feedback?q=tre hen')).json<{
      items: { code: string; content: string; answer: string }[];
    }>();
    const item = published.items.find((i) => i.code === code);
    expect(item).toBeDefined();
    expect(item?.content).not.toContain('Nguyễn Văn An');
    expect(item?.content).not.toContain('079090001234');
    expect(item?.content).not.toContain('0912 345 678');

    const onDossier = (
      await specialist.get(`/api/v1/officer/dossiers/${dossierCode}/feedback`)
    ).json<{ code: string }[]>();
    expect(onDossier.map((f) => f.code)).toContain(code);

    const notices = await t.database.db
      .selectFrom('mail_message')
      .select(['subject', 'body_text'])
      .where('to_address', '=', 'nguyenvanan@example.vn')
      .where('subject', 'like', `%${code}%`)
      .execute();
    expect(notices.map((n) => n.subject)).toEqual(
      expect.arrayContaining([
        `Đã tiếp nhận phản ánh, kiến nghị ${code}`,
        `Trả lời phản ánh, kiến nghị ${code}`,
      ]),
    );
  });

  it('answers 404 to another citizen, and to a wrong key, and logs the refusal', async () => {
    const { code } = await sent(citizen);
    expect((await otherCitizen.get(`/api/v1/feedback/${code}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/v1/feedback/${code}?key=wrong-key-123`)).statusCode).toBe(
      404,
    );
    expect(
      (await otherCitizen.post(`/api/v1/feedback/${code}/rating`, { satisfied: false })).statusCode,
    ).toBe(404);
    const refusals = await t.database.db
      .selectFrom('audit_record')
      .select('action')
      .where('action', '=', 'access.refused')
      .where('actor_name', '=', 'Trần Thị Bình')
      .execute();
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });

  it('lets an anonymous sender follow with the key, and refuses one without a contact', async () => {
    const missing = await send(t.anonymous, { senderName: 'Người dân' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ code: string }>().code).toBe('FEEDBACK_CONTACT_REQUIRED');
    const { code, trackingKey } = await sent(t.anonymous, {
      senderName: 'Phạm Thị Dung',
      email: 'dung@example.vn',
    });
    const view = await t.anonymous.get(`/api/v1/feedback/${code}?key=${trackingKey}`);
    expect(view.statusCode, view.body).toBe(200);
    // a dossier is only ever the sender's own
    expect(
      (await send(t.anonymous, { senderName: 'Phạm Thị Dung', phone: '0987000111', dossierCode }))
        .statusCode,
    ).toBe(400);
    expect((await send(otherCitizen, { dossierCode })).json<{ code: string }>().code).toBe(
      'FEEDBACK_DOSSIER_NOT_FOUND',
    );
  });
});

describe('classification', () => {
  it('never forwards feedback outside the scope, and tells the sender why', async () => {
    const { code } = await sent(citizen);
    await acted(nationalDesk, code, {
      action: 'reject',
      reason: 'Nội dung là khiếu nại, đề nghị gửi theo Luật Khiếu nại',
    });
    const forward = await act(nationalDesk, code, { action: 'forward', agencyCode: WARD });
    expect(forward.statusCode).toBe(409);
    const item = await t.database.db
      .selectFrom('feedback')
      .select(['state', 'competent_agency_id', 'forwarded_at'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      state: 'rejected',
      competent_agency_id: null,
      forwarded_at: null,
    });
    const view = (await citizen.get(`/api/v1/feedback/${code}`)).json<{
      rejectionReason: string;
    }>();
    expect(view.rejectionReason).toContain('Luật Khiếu nại');
    const notice = await t.database.db
      .selectFrom('notification')
      .select('body')
      .where('title', '=', `Phản ánh, kiến nghị ${code} không thuộc phạm vi xử lý`)
      .executeTakeFirst();
    expect(notice?.body).toContain('Luật Khiếu nại');
  });

  it('lets only the desk classify: an officer of another role is refused', async () => {
    const { code } = await sent(citizen);
    expect((await act(specialist, code, { action: 'forward', agencyCode: WARD })).statusCode).toBe(
      404,
    );
    expect((await act(wardDesk, code, { action: 'forward', agencyCode: WARD })).statusCode).toBe(
      404,
    );
  });
});

describe('duplicates', () => {
  it('refuses the same text from the same sender within a day, naming the first code', async () => {
    const content = freshText('Đường dây nóng của phường không ai nghe máy');
    const first = await sent(citizen, { content });
    const again = await send(citizen, { content: `${content}.` });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ existingCode: string }>().existingCode).toBe(first.code);
  });

  it('counts merged duplicates once', async () => {
    const before = await figures();
    const content = freshText('Phường yêu cầu bản sao công chứng không có trong quy định');
    const first = await sent(citizen, { content });
    const second = await sent(otherCitizen, { content });
    const detail = (await nationalDesk.get(`/api/v1/officer/feedback/${second.code}`)).json<{
      similar: { code: string }[];
    }>();
    expect(detail.similar.map((s) => s.code)).toContain(first.code);
    await acted(nationalDesk, second.code, { action: 'merge', intoCode: first.code });
    const after = await figures();
    expect(after.received - before.received).toBe(1);
    expect(after.merged - before.merged).toBe(1);
  });
});

describe('due dates', () => {
  it('counts an answer after the due date as late', async () => {
    const before = await figures();
    const { code } = await sent(otherCitizen);
    await acted(nationalDesk, code, { action: 'forward', agencyCode: WARD });
    const forwarded = await t.database.db
      .selectFrom('feedback')
      .select(['forwarded_at', 'due_at'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    // ten working days: at least two weeks of calendar
    expect(
      (forwarded.due_at?.getTime() ?? 0) - (forwarded.forwarded_at?.getTime() ?? 0),
    ).toBeGreaterThanOrEqual(13 * 24 * 3600 * 1000);
    await t.database.db
      .updateTable('feedback')
      .set({ due_at: new Date(Date.now() - 3600_000) })
      .where('code', '=', code)
      .execute();
    const officers = (await wardDesk.get(`/api/v1/officer/feedback/${code}`)).json<{
      assignable: { id: string; name: string }[];
    }>();
    const overdue = (await wardDesk.get('/api/v1/officer/feedback?view=overdue')).json<{
      items: { code: string; overdue: boolean }[];
    }>();
    expect(overdue.items.find((i) => i.code === code)?.overdue).toBe(true);
    await acted(wardDesk, code, {
      action: 'assign',
      officerId: officers.assignable.find((o) => o.name === 'Võ Thanh Giang')?.id,
    });
    await acted(specialist, code, {
      action: 'submitAnswer',
      answer: 'Phường trả lời sau thời hạn, xin lỗi ông vì sự chậm trễ này.',
    });
    await acted(leader, code, { action: 'approve', publicInterest: false });
    const after = await figures();
    expect(after.answered - before.answered).toBe(1);
    expect(after.answeredOnTime - before.answeredOnTime).toBe(0);
    expect(after.onTimeRate.denominator - before.onTimeRate.denominator).toBe(1);
    expect(after.satisfactionRate.numerator - before.satisfactionRate.numerator).toBe(0);

    // behind the figure: the ward's leader lists its late items; a specialist may not
    const behind = `/api/v1/stats/feedback/items?period=live&agencyCode=${WARD}&measure=late`;
    const late = await leader.get(behind);
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json<{ items: { code: string }[] }>().items.map((i) => i.code)).toContain(code);
    const onTime = await leader.get(behind.replace('measure=late', 'measure=answeredOnTime'));
    expect(onTime.json<{ items: { code: string }[] }>().items.map((i) => i.code)).not.toContain(
      code,
    );
    expect((await specialist.get(behind)).statusCode).toBe(403);
    expect(
      (await wardDesk.get('/api/v1/stats/feedback/items?period=live&measure=late')).statusCode,
    ).toBe(403);
  });

  it('reminds the desk and the assignee once of an item coming due', async () => {
    const { code } = await sent(otherCitizen);
    await acted(nationalDesk, code, { action: 'forward', agencyCode: WARD });
    await t.database.db
      .updateTable('feedback')
      .set({ due_at: new Date(Date.now() + 3600_000) })
      .where('code', '=', code)
      .execute();
    const calendar = createWorkingCalendar([]);
    expect(await remindFeedbackComingDue(t.database.db, calendar)).toBeGreaterThanOrEqual(1);
    const reminders = await t.database.db
      .selectFrom('notification')
      .innerJoin('account', 'account.id', 'notification.account_id')
      .select('account.full_name')
      .where('notification.title', '=', `Phản ánh, kiến nghị ${code} sắp đến hạn trả lời`)
      .execute();
    expect(reminders.map((r) => r.full_name)).toEqual(['Mạc Văn Sơn']);
    expect(await remindFeedbackComingDue(t.database.db, calendar)).toBe(0);
  });

  it('extends once, with a reason', async () => {
    const { code } = await sent(otherCitizen);
    await acted(nationalDesk, code, { action: 'forward', agencyCode: WARD });
    const due = async () =>
      (
        await t.database.db
          .selectFrom('feedback')
          .select('due_at')
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).due_at?.getTime() ?? 0;
    const first = await due();
    await acted(wardDesk, code, { action: 'extend', reason: 'Cần xác minh với Công an phường' });
    expect(await due()).toBeGreaterThan(first);
    expect(
      (await act(wardDesk, code, { action: 'extend', reason: 'Cần thêm thời gian xác minh' }))
        .statusCode,
    ).toBe(409);
  });

  it('lets only the leader approve, and the assignee draft', async () => {
    const { code } = await sent(otherCitizen);
    await acted(nationalDesk, code, { action: 'forward', agencyCode: WARD });
    const officers = (await wardDesk.get(`/api/v1/officer/feedback/${code}`)).json<{
      assignable: { id: string; name: string }[];
    }>();
    await acted(wardDesk, code, {
      action: 'assign',
      officerId: officers.assignable.find((o) => o.name === 'Võ Thanh Giang')?.id,
    });
    const byLeader = await act(leader, code, {
      action: 'submitAnswer',
      answer: 'Một câu trả lời không phải của người được giao xử lý.',
    });
    expect(byLeader.statusCode).toBe(403);
    await acted(specialist, code, {
      action: 'submitAnswer',
      answer: 'Dự thảo câu trả lời của chuyên viên được giao xử lý.',
    });
    expect(
      (await act(specialist, code, { action: 'approve', publicInterest: true })).statusCode,
    ).toBe(403);
    await acted(leader, code, { action: 'sendBack', note: 'Bổ sung căn cứ pháp lý' });
    const view = (await otherCitizen.get(`/api/v1/feedback/${code}`)).json<{ state: string }>();
    expect(view.state).toBe('assigned');
  });
});

describe('the agency’s scorecard', () => {
  it('carries the feedback rates into the statistics, the ranking and the monthly report', async () => {
    const { code } = await sent(otherCitizen);
    await answerAtWard(code);
    const own = (
      await t.anonymous.get(`/api/v1/stats/feedback?period=live&agencyCode=${WARD}`)
    ).json<{
      withinScope: number;
      answered: number;
      onTimeRate: unknown;
      satisfactionRate: unknown;
    }>();
    expect(own.answered).toBeGreaterThan(0);
    type Scorecard = {
      feedback: {
        competent: number;
        answered: number;
        onTimeRate: { percent: number | null };
        satisfactionRate: unknown;
      };
    };
    const ward = (await t.anonymous.get(`/api/v1/stats/agencies/${WARD}?period=live`)).json<{
      indicators: Scorecard;
    }>();
    expect(ward.indicators.feedback).toMatchObject({
      competent: own.withinScope,
      answered: own.answered,
      onTimeRate: own.onTimeRate,
      satisfactionRate: own.satisfactionRate,
    });

    // The province counts its communes' feedback, and ranks by it.
    const ranking = (
      await t.anonymous.get('/api/v1/stats/agencies?period=live&indicator=feedbackOnTimeRate')
    ).json<{
      indicator: string;
      national: Scorecard;
      agencies: { code: string; rank: number; indicators: Scorecard }[];
    }>();
    expect(ranking.indicator).toBe('feedbackOnTimeRate');
    const national = (await figures()).onTimeRate;
    expect(ranking.national.feedback.onTimeRate).toEqual(national);
    const province = ranking.agencies.find((a) => a.code === '000.00.00.H29');
    expect(province?.indicators.feedback.competent).toBeGreaterThanOrEqual(own.withinScope);
    const percents = ranking.agencies.map((a) => a.indicators.feedback.onTimeRate.percent ?? -1);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));

    const report = (
      await leader.get(`/api/v1/reports/monthly?agency=${WARD}&month=${monthKey(new Date())}`)
    ).json<{ total: { indicators: Scorecard } }>();
    expect(report.total.indicators.feedback.answered).toBeGreaterThan(0);
  });
});

describe('hostile text', () => {
  it('keeps script as text everywhere it is stored and sent', async () => {
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const { code } = await sent(citizen, {
      title: `Tiêu đề ${script}`,
      content: `${freshText('Nội dung')} ${script}`,
      address: script,
    });
    const view = (await citizen.get(`/api/v1/feedback/${code}`)).json<{
      title: string;
      content: string;
    }>();
    expect(view.title).toBe(`Tiêu đề ${script}`);
    const answered = await answerAtWard(code, { publicInterest: true });
    expect(answered.state).toBe('answered');
    const mail = await t.database.db
      .selectFrom('mail_message')
      .select('body_text')
      .where('subject', '=', `Trả lời phản ánh, kiến nghị ${code}`)
      .executeTakeFirstOrThrow();
    // mail goes as text/plain (notifications' transport): the script is words, not markup
    expect(mail.body_text).toContain('<script>alert(1)</script>');
    const page = await t.anonymous.get('/api/v1/public/feedback?q=tieu de script');
    expect(page.headers['content-type']).toContain('application/json');
    expect(page.json<{ items: { code: string; title: string }[] }>().items[0]?.title).toContain(
      '<script>',
    );
  });
});

describe('Open311 GeoReport v2, as a client written from the specification sees it', () => {
  const base = '/api/open311/v2';
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it('lists services and a service definition', async () => {
    const services = await t.anonymous.get(`${base}/services.json`);
    expect(services.statusCode).toBe(200);
    const list = services.json<{ service_code: string; metadata: boolean; type: string }[]>();
    expect(list.map((s) => s.service_code)).toContain('giai-quyet-ho-so');
    expect(list.every((s) => s.type === 'realtime' && !s.metadata)).toBe(true);
    const definition = await t.anonymous.get(`${base}/services/giai-quyet-ho-so.json`);
    expect(definition.json()).toEqual({ service_code: 'giai-quyet-ho-so', attributes: [] });
    const unknown = await t.anonymous.get(`${base}/services/khong-co.json`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ code: number; description: string }[]>()[0]?.code).toBe(404);
  });

  it('creates a request form-encoded, then reads it back', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `${base}/requests.json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        service_code: 'dich-vu-cong-truc-tuyen',
        address_string: '86 Lê Thánh Tôn, Phường Sài Gòn',
        lat: '10.7769',
        long: '106.7009',
        email: 'open311@example.vn',
        first_name: 'Lan',
        last_name: 'Phạm',
        description: freshText('Trang nộp hồ sơ trực tuyến báo lỗi khi tải tệp'),
      }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const [receipt] = created.json<{ service_request_id: string; service_notice: string }[]>();
    expect(receipt?.service_request_id).toMatch(/^PAKN-/);

    const one = await t.anonymous.get(`${base}/requests/${receipt?.service_request_id ?? ''}.json`);
    expect(one.statusCode).toBe(200);
    const [request] =
      one.json<
        { service_request_id: string; status: string; status_notes: string; description: null }[]
      >();
    expect(request).toMatchObject({
      service_request_id: receipt?.service_request_id,
      status: 'open',
      description: null,
    });

    const list = await t.anonymous.get(
      `${base}/requests.json?service_code=dich-vu-cong-truc-tuyen&status=open`,
    );
    expect(
      list.json<{ service_request_id: string }[]>().map((r) => r.service_request_id),
    ).toContain(receipt?.service_request_id);
    const closed = await t.anonymous.get(
      `${base}/requests.json?service_request_id=${receipt?.service_request_id ?? ''}&status=closed`,
    );
    expect(closed.json()).toEqual([]);
  });

  it('answers malformed requests with the specification’s error list', async () => {
    const cases: Record<string, string>[] = [
      { service_code: 'giai-quyet-ho-so', description: 'ngắn', address_string: 'Sài Gòn' },
      {
        service_code: 'giai-quyet-ho-so',
        description: freshText('Không có vị trí'),
        email: 'a@example.vn',
      },
      {
        service_code: 'khong-co',
        description: freshText('Lĩnh vực không có'),
        address_string: 'Sài Gòn',
        email: 'a@example.vn',
      },
    ];
    for (const fields of cases) {
      const answer = await t.app.inject({
        method: 'POST',
        url: `${base}/requests.json`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form(fields),
      });
      expect(answer.statusCode).toBe(400);
      const errors = answer.json<{ code: number; description: string }[]>();
      expect(errors[0]?.code).toBe(400);
      expect(errors[0]?.description.length).toBeGreaterThan(5);
    }
    const badKey = await t.app.inject({
      method: 'POST',
      url: `${base}/requests.json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        api_key: 'not-a-token',
        service_code: 'giai-quyet-ho-so',
        description: freshText('Khóa sai'),
        address_string: 'Sài Gòn',
      }),
    });
    expect(badKey.statusCode).toBe(403);
    expect(badKey.json<{ code: number }[]>()[0]?.code).toBe(403);
    const xml = await t.anonymous.get(`${base}/services.xml`);
    expect(xml.statusCode).toBe(404);
    expect(xml.json<{ code: number }[]>()[0]?.code).toBe(404);
  });
});
