import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  DEFAULT_OFFICE_HOURS,
  dueTime,
  workingMinutesBetween,
} from '../src/domain/working-calendar.ts';
import { GOVERNMENT_CALENDAR_DECISIONS } from '../src/domain/calendar-decisions.ts';
import { formatDateTime } from '../src/domain/vietnam-time.ts';
import { warnDeadlines } from '../src/server/modules/dossiers/index.ts';
import { createLifecycle } from '../src/server/modules/dossiers/service.lifecycle.ts';
import {
  actAsApplicant,
  actAsOfficer,
  agencyIdOf,
  birthRegistrationForm,
  countDossiers,
  findServiceId,
  submitBirthRegistration,
} from './helpers/factories.ts';
import { pdfText } from './helpers/pdf-text.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

type Detail = {
  id: string;
  code: string;
  status: string;
  lockVersion: number;
  dueAt: string | null;
  holderAgencyName: string;
  stepName: string | null;
  assigneeId: string | null;
  events: {
    action: string;
    toStatus: string;
    agencyName: string;
    actorName: string | null;
    note: string | null;
    details: Record<string, unknown>;
  }[];
};

let t: TestApp;
let citizen: Caller;
let reception: Caller;
let specialist: Caller;
let leader: Caller;
let benThanhDesk: Caller;
let benThanhLeader: Caller;
let serviceId: string;
let benThanhId: string;

const calendar = createWorkingCalendar(GOVERNMENT_CALENDAR_DECISIONS);

beforeAll(async () => {
  t = await createTestApp();
  citizen = await t.signIn('Nguyễn Văn An');
  reception = await t.signIn('Lê Minh Châu');
  specialist = await t.signIn('Võ Thanh Giang');
  leader = await t.signIn('Đỗ Văn Khoa');
  benThanhDesk = await t.signIn('Lý Thị Mai');
  benThanhLeader = await t.signIn('Phan Văn Nam');
  serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
  benThanhId = await agencyIdOf(t, '000.00.32.H29');
});
afterAll(() => t.close());

const officerView = async (officer: Caller, id: string) => {
  const response = await officer.get(`/api/v1/officer/dossiers/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json<Detail>();
};

const act = actAsOfficer;

async function actOk(officer: Caller, id: string, action: string, extra: object = {}) {
  const response = await act(officer, id, action, extra);
  expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  return response.json<{ status: string; dueAt: string | null }>();
}

const citizenAct = (code: string, body: object) => actAsApplicant(citizen, code, body);

describe('the one-stop-shop lifecycle through the API', () => {
  it('runs supplement, reception, two steps, transfer, approval, return and rating, and tells the citizen', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);

    expect(
      (
        await actOk(reception, dossier.id, 'request_supplement', {
          note: 'Bổ sung giấy chứng sinh bản rõ nét',
        })
      ).status,
    ).toBe('supplement_requested');
    const scan = (
      await citizen.upload('giay-chung-sinh-ro.pdf', SAMPLE_PDF, 'application/pdf')
    ).json<{
      id: string;
    }>();
    const supplemented = await citizenAct(dossier.code, {
      action: 'supplement',
      documents: [{ documentKey: 'giay-chung-sinh', fileId: scan.id }],
    });
    expect(supplemented.statusCode, supplemented.body).toBe(200);
    expect(supplemented.json()).toMatchObject({ status: 'submitted' });

    const before = new Date();
    const received = await actOk(reception, dossier.id, 'receive');
    const after = new Date();
    // Birth registration takes 1 working day, counted in the ward's office hours.
    const due = new Date(received.dueAt ?? '');
    expect(due.getTime()).toBeGreaterThanOrEqual(
      dueTime(before, 1, calendar, DEFAULT_OFFICE_HOURS).getTime(),
    );
    expect(due.getTime()).toBeLessThanOrEqual(
      dueTime(after, 1, calendar, DEFAULT_OFFICE_HOURS).getTime(),
    );

    await actOk(specialist, dossier.id, 'claim');
    await actOk(specialist, dossier.id, 'forward');
    expect((await officerView(leader, dossier.id)).stepName).toBe('Lãnh đạo phê duyệt');
    await actOk(leader, dossier.id, 'claim');
    expect(
      (await act(leader, dossier.id, 'transfer', { targetAgencyId: benThanhId })).statusCode,
    ).toBe(400);
    await actOk(leader, dossier.id, 'transfer', {
      targetAgencyId: benThanhId,
      note: 'Chuyển UBND phường nơi cư trú của người mẹ giải quyết',
    });
    // The ward that transferred it still reads it, but no longer acts on it.
    expect((await act(leader, dossier.id, 'approve')).statusCode).toBe(404);

    await actOk(benThanhDesk, dossier.id, 'accept_transfer');
    await actOk(benThanhDesk, dossier.id, 'claim');
    await actOk(benThanhDesk, dossier.id, 'forward');
    await actOk(benThanhLeader, dossier.id, 'claim');
    expect((await actOk(benThanhLeader, dossier.id, 'approve')).status).toBe('result_ready');
    expect((await act(benThanhDesk, dossier.id, 'return_result')).statusCode).toBe(400);
    expect(
      (await actOk(benThanhDesk, dossier.id, 'return_result', { returnMethod: 'online' })).status,
    ).toBe('returned');

    const rated = await citizenAct(dossier.code, { action: 'rate', rating: 5, note: 'Nhanh gọn' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect((await citizenAct(dossier.code, { action: 'rate', rating: 1 })).statusCode).toBe(409);

    const seen = (await citizen.get(`/api/v1/dossiers/${dossier.code}`)).json<Detail>();
    expect(seen.events.map((e) => e.action)).toEqual([
      'submit',
      'request_supplement',
      'supplement',
      'receive',
      'claim',
      'forward',
      'claim',
      'transfer',
      'accept_transfer',
      'claim',
      'forward',
      'claim',
      'approve',
      'return_result',
      'rate',
    ]);
    expect(seen.holderAgencyName).toBe('Ủy ban nhân dân Phường Bến Thành');
    expect(seen.stepName).toBeNull();
    expect(seen.events.find((e) => e.action === 'transfer')).toMatchObject({
      agencyName: 'Ủy ban nhân dân Phường Sài Gòn',
      details: { targetAgencyName: 'Ủy ban nhân dân Phường Bến Thành' },
    });
    // The citizen learns the unit at each step, never the officer.
    expect(seen.events.filter((e) => e.action === 'claim').map((e) => e.agencyName)).toEqual([
      'Ủy ban nhân dân Phường Sài Gòn',
      'Ủy ban nhân dân Phường Sài Gòn',
      'Ủy ban nhân dân Phường Bến Thành',
      'Ủy ban nhân dân Phường Bến Thành',
    ]);
    expect(seen.events.filter((e) => e.actorName !== null).map((e) => e.action)).toEqual([
      'submit',
      'supplement',
      'rate',
    ]);
    expect(JSON.stringify(seen)).not.toContain('Võ Thanh Giang');
    expect(seen.assigneeId).toBeNull();

    const sheet = await reception.get(`/api/v1/officer/dossiers/${dossier.id}/forms/control-sheet`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    const sheetText = pdfText(sheet.rawPayload).replace(/\s+/g, ' ');
    expect(sheetText).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    for (const handOver of [
      'Võ Thanh Giang — Ủy ban nhân dân Phường Sài Gòn',
      'Đỗ Văn Khoa — Ủy ban nhân dân Phường Sài Gòn',
      'Lý Thị Mai — Ủy ban nhân dân Phường Bến Thành',
      'Phan Văn Nam — Ủy ban nhân dân Phường Bến Thành',
      'Tổ chức, cá nhân nhận kết quả',
    ])
      expect(sheetText).toContain(handOver);
    expect(sheetText).toContain('Đúng hạn');
    const receipt = await citizen.get(`/api/v1/dossiers/${dossier.code}/forms/receipt`);
    const receiptText = pdfText(receipt.rawPayload).replace(/\s+/g, ' ');
    expect(receiptText).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(receiptText).toContain(`Mã hồ sơ: ${dossier.code}`);
    expect(receiptText).toContain('Ông/Bà Nguyễn Văn An');
    const [dueClock = '', dueDate = ''] = formatDateTime(due).split(' ');
    expect(receiptText).toContain(`${dueClock.replace(':', ' giờ ')} phút, ngày ${dueDate}`);
    expect(
      (await citizen.get(`/api/v1/dossiers/${dossier.code}/forms/control-sheet`)).statusCode,
    ).toBe(404);
    expect(
      (await citizen.get(`/api/v1/dossiers/${dossier.code}/forms/refusal`)).json(),
    ).toMatchObject({
      code: 'FORM_NOT_AVAILABLE',
    });

    const notices = (await citizen.get('/api/v1/notifications')).json<
      { title: string; body: string }[]
    >();
    expect(notices.map((n) => n.title)).toEqual(
      expect.arrayContaining([
        `Hồ sơ ${dossier.code}: yêu cầu bổ sung, hoàn thiện hồ sơ`,
        `Hồ sơ ${dossier.code}: tiếp nhận hồ sơ, hẹn ngày trả kết quả`,
        `Hồ sơ ${dossier.code}: trả kết quả`,
      ]),
    );
    const mailbox = (await t.anonymous.get('/api/v1/demo/mailbox')).json<
      { to: string; subject: string; body: string }[]
    >();
    const supplementMail = mailbox.find(
      (m) => m.subject === `Hồ sơ ${dossier.code}: yêu cầu bổ sung, hoàn thiện hồ sơ`,
    );
    expect(supplementMail?.to).toBe('nguyenvanan@example.vn');
    expect(supplementMail?.body).toContain('Bổ sung giấy chứng sinh bản rõ nét');
  });

  it('allows one supplement request at reception, wants reasons, and a refusal changes nothing', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    const noReason = await act(reception, dossier.id, 'request_supplement');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'DOSSIER_ACTION_INVALID' });
    expect((await officerView(reception, dossier.id)).status).toBe('submitted');

    await actOk(reception, dossier.id, 'request_supplement', { note: 'Thiếu giấy chứng sinh' });
    expect((await citizenAct(dossier.code, { action: 'supplement' })).statusCode).toBe(200);
    const again = await act(reception, dossier.id, 'request_supplement', { note: 'Thêm nữa' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SUPPLEMENT_ALREADY_REQUESTED' });

    const refused = await actOk(reception, dossier.id, 'refuse', {
      note: 'Không thuộc thẩm quyền: trẻ sinh tại nước ngoài',
    });
    expect(refused.status).toBe('refused');
    expect((await citizenAct(dossier.code, { action: 'withdraw' })).statusCode).toBe(409);
  });

  it('lets only the step’s role and its assignee act, and a leader assign', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    await actOk(reception, dossier.id, 'receive');
    const byLeader = await act(leader, dossier.id, 'claim');
    expect(byLeader.statusCode).toBe(403);
    const specialistId = (
      await t.database.db
        .selectFrom('account')
        .select('id')
        .where('full_name', '=', 'Võ Thanh Giang')
        .executeTakeFirstOrThrow()
    ).id;
    await actOk(leader, dossier.id, 'assign', { assigneeId: specialistId });
    expect((await officerView(reception, dossier.id)).assigneeId).toBe(specialistId);
    const notAssignee = await act(leader, dossier.id, 'forward');
    expect(notAssignee.statusCode).toBe(409);
    expect(notAssignee.json()).toMatchObject({ code: 'DOSSIER_HELD_BY_ANOTHER_OFFICER' });
    const backFromFirst = await act(specialist, dossier.id, 'send_back', { note: 'x' });
    expect(backFromFirst.statusCode).toBe(409);
  });

  it('gives one of two officers claiming at once the dossier and the other a 409', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    await actOk(reception, dossier.id, 'receive');
    const secondSpecialist = await t.signIn('Võ Thanh Giang');
    const { lockVersion } = await officerView(specialist, dossier.id);
    const [a, b] = await Promise.all(
      [specialist, secondSpecialist].map((officer) =>
        officer.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
          action: 'claim',
          lockVersion,
        }),
      ),
    );
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const loser = a?.statusCode === 409 ? a : b;
    expect(loser?.json()).toMatchObject({ code: 'DOSSIER_CHANGED' });
    const claims = await t.database.db
      .selectFrom('dossier_event')
      .select('action')
      .where('dossier_id', '=', dossier.id)
      .where('action', '=', 'claim')
      .execute();
    expect(claims).toHaveLength(1);
    const audited = await t.database.db
      .selectFrom('audit_record')
      .select('seq')
      .where('subject_id', '=', dossier.id)
      .where(sql<boolean>`details->>'action' = 'claim'`)
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('writes nothing when the dossier changes between the read and the write', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    const citizenAccount = await t.database.db
      .selectFrom('account')
      .select(['id', 'full_name', 'citizen_id'])
      .where('full_name', '=', 'Nguyễn Văn An')
      .executeTakeFirstOrThrow();
    const lifecycle = createLifecycle({ db: t.database.db, calendar: async () => calendar });
    const { lockVersion } = await officerView(reception, dossier.id);
    const traces = () =>
      t.database.db
        .selectFrom('dossier_event')
        .select(({ fn }) => fn.countAll<number>().as('events'))
        .where('dossier_id', '=', dossier.id)
        .executeTakeFirstOrThrow();
    const before = await traces();
    // `within` lands another change after the read: the guarded update must match nothing.
    await expect(
      lifecycle.act(
        {
          accountId: citizenAccount.id,
          kind: 'citizen',
          fullName: citizenAccount.full_name,
          citizenId: citizenAccount.citizen_id,
          sessionId: '',
          csrfToken: '',
          roles: [],
          ip: '127.0.0.1',
        },
        { code: dossier.code },
        { applicantId: citizenAccount.id },
        { action: 'withdraw', lockVersion, note: 'Không cần nữa' },
        async (tx) => {
          await tx
            .updateTable('dossier')
            .set({ lock_version: sql`lock_version + 1`, applicant_name: 'Đổi giữa chừng' })
            .where('id', '=', dossier.id)
            .execute();
          return {};
        },
      ),
    ).rejects.toMatchObject({ code: 'DOSSIER_CHANGED' });
    const after = await officerView(reception, dossier.id);
    expect(after).toMatchObject({ status: 'submitted', lockVersion });
    expect(await traces()).toEqual(before);
    const audited = await t.database.db
      .selectFrom('audit_record')
      .select('seq')
      .where('subject_id', '=', dossier.id)
      .where(sql<boolean>`details->>'action' = 'withdraw'`)
      .execute();
    expect(audited).toEqual([]);
  });

  it('stops the clock while the applicant supplements during processing', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    await actOk(reception, dossier.id, 'receive');
    await actOk(specialist, dossier.id, 'claim');
    await actOk(specialist, dossier.id, 'request_supplement', {
      note: 'Bổ sung xác nhận nơi cư trú',
    });
    // As if the request had gone out three calendar days ago.
    const stoppedAt = new Date(Date.now() - 3 * 86_400_000);
    await t.database.db
      .updateTable('dossier')
      .set({ clock_stopped_at: stoppedAt })
      .where('id', '=', dossier.id)
      .execute();
    const dueBefore = (await officerView(specialist, dossier.id)).dueAt ?? '';
    const supplementedAt = new Date();
    expect((await citizenAct(dossier.code, { action: 'supplement' })).statusCode).toBe(200);
    const view = await officerView(specialist, dossier.id);
    expect(view.status).toBe('processing');
    const stopped = workingMinutesBetween(
      stoppedAt,
      supplementedAt,
      calendar,
      DEFAULT_OFFICE_HOURS,
    );
    const moved = workingMinutesBetween(
      new Date(dueBefore),
      new Date(view.dueAt ?? ''),
      calendar,
      DEFAULT_OFFICE_HOURS,
    );
    expect(Math.abs(moved - stopped)).toBeLessThanOrEqual(1);
    expect(view.events.at(-1)?.details.clockStoppedMinutes).toBeGreaterThan(0);
  });

  it('moves an appointment only with an apology and a later date, which the citizen receives', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    const { dueAt } = await actOk(reception, dossier.id, 'receive');
    const earlier = await act(reception, dossier.id, 'reschedule', {
      note: 'Chờ xác minh',
      newDueAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(earlier.statusCode).toBe(400);
    const newDueAt = new Date(new Date(dueAt ?? '').getTime() + 3 * 86_400_000).toISOString();
    const moved = await actOk(reception, dossier.id, 'reschedule', {
      note: 'Cần xác minh thông tin nơi sinh với bệnh viện',
      newDueAt,
    });
    expect(moved.dueAt).toBe(newDueAt);
    const notices = (await citizen.get('/api/v1/notifications')).json<{ body: string }[]>();
    expect(notices[0]?.body).toContain('xin lỗi');
    expect(notices[0]?.body).toContain('Cần xác minh thông tin nơi sinh với bệnh viện');
  });
});

describe('deadline warnings', () => {
  it('warn the assignee once when the appointment is within a working day and once when it has passed', async () => {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    await actOk(reception, dossier.id, 'receive');
    await actOk(specialist, dossier.id, 'claim');
    const setDue = (due: Date) =>
      t.database.db
        .updateTable('dossier')
        .set({ due_at: due })
        .where('id', '=', dossier.id)
        .execute();
    const noticesOf = async () =>
      (
        await t.database.db
          .selectFrom('notification')
          .innerJoin('account', 'account.id', 'notification.account_id')
          .select(['notification.title', 'account.full_name'])
          .where('notification.dossier_id', '=', dossier.id)
          .where('account.kind', '=', 'officer')
          .orderBy('notification.created_at')
          .execute()
      ).map((n) => `${n.full_name}: ${n.title}`);

    await setDue(new Date(Date.now() + 3_600_000));
    // Two workers at once send it once.
    await Promise.all([
      warnDeadlines(t.database.db, calendar),
      warnDeadlines(t.database.db, calendar),
    ]);
    await warnDeadlines(t.database.db, calendar);
    expect(await noticesOf()).toEqual([`Võ Thanh Giang: Hồ sơ ${dossier.code} sắp đến hạn`]);

    await setDue(new Date(Date.now() - 3_600_000));
    await warnDeadlines(t.database.db, calendar);
    await warnDeadlines(t.database.db, calendar);
    expect(await noticesOf()).toEqual([
      `Võ Thanh Giang: Hồ sơ ${dossier.code} sắp đến hạn`,
      `Võ Thanh Giang: Hồ sơ ${dossier.code} đã quá hạn`,
    ]);
  });
});

describe('counter and postal dossiers', () => {
  const applicant = {
    fullName: 'Phạm Thị Hoa',
    citizenId: '079195012345',
    phone: '0901234567',
  };
  const counterForm = {
    ...birthRegistrationForm,
    hoTenNguoiYeuCau: 'Phạm Thị Hoa',
    soCccdNguoiYeuCau: '079195012345',
    quanHe: 'Mẹ',
  };

  async function register(officer: Caller, extra: object = {}) {
    const scan = (
      await officer.upload('scan-giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf')
    ).json<{
      id: string;
    }>();
    return officer.post('/api/v1/officer/dossiers', {
      serviceId,
      channel: 'counter',
      applicant,
      formData: counterForm,
      documents: [{ documentKey: 'giay-chung-sinh', fileId: scan.id }],
      ...extra,
    });
  }

  it('the desk registers a counter dossier with its scan; it is counted, received and searchable by channel', async () => {
    const registered = await register(reception);
    expect(registered.statusCode, registered.body).toBe(201);
    const dossier = registered.json<{ id: string; code: string; status: string }>();
    expect(dossier.code.startsWith('000.00.31.H29-')).toBe(true);
    expect(dossier.status).toBe('submitted');
    const view = await officerView(reception, dossier.id);
    expect(view).toMatchObject({ channel: 'counter', applicantName: 'Phạm Thị Hoa' });
    expect(view.events.map((e) => e.action)).toEqual(['register']);
    await actOk(reception, dossier.id, 'receive');
    const counter = (
      await reception.get('/api/v1/officer/inbox?channel=counter&pageSize=100')
    ).json<{
      items: { code: string; channel: string }[];
    }>();
    expect(counter.items.map((d) => d.code)).toContain(dossier.code);
    expect(counter.items.every((d) => d.channel === 'counter')).toBe(true);

    // The same person's second dossier goes to the same account, found by CCCD.
    const second = (await register(reception, { channel: 'post' })).json<{ id: string }>();
    const owners = await t.database.db
      .selectFrom('dossier')
      .select(['applicant_id', 'channel'])
      .where('id', 'in', [dossier.id, second.id])
      .execute();
    expect(new Set(owners.map((o) => o.applicant_id)).size).toBe(1);
    expect(owners.map((o) => o.channel).sort()).toEqual(['counter', 'post']);
  });

  it('only the desk of the service’s agency registers, and a wrong CCCD stores nothing', async () => {
    const before = await countDossiers(t);
    expect((await register(specialist)).statusCode).toBe(403);
    expect((await register(benThanhDesk)).statusCode).toBe(403);
    const wrong = await register(reception, {
      applicant: { ...applicant, citizenId: '999195012345' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
      '/applicant/citizenId',
    );
    expect(await countDossiers(t)).toBe(before);
  });
});

describe('the inbox', () => {
  it('filters by deadline, searches by name without diacritics or by code, and pages', async () => {
    const overdue = await submitBirthRegistration(citizen, serviceId);
    await actOk(reception, overdue.id, 'receive');
    await t.database.db
      .updateTable('dossier')
      .set({ due_at: sql<Date>`now() - interval '2 hours'` })
      .where('id', '=', overdue.id)
      .execute();
    const page = async (query: string) =>
      (await reception.get(`/api/v1/officer/inbox?${query}`)).json<{
        items: { code: string; deadline: string | null }[];
        hasMore: boolean;
      }>();

    const late = await page('deadline=overdue');
    expect(late.items.map((d) => d.code)).toContain(overdue.code);
    expect(late.items.every((d) => d.deadline === 'overdue')).toBe(true);
    expect((await page('deadline=on_time')).items.map((d) => d.code)).not.toContain(overdue.code);

    expect((await page(`q=${encodeURIComponent(overdue.code)}`)).items.map((d) => d.code)).toEqual([
      overdue.code,
    ]);
    expect((await page('q=nguyen%20van%20an&pageSize=100')).items.map((d) => d.code)).toContain(
      overdue.code,
    );
    expect((await page('q=khong%20co%20ai')).items).toEqual([]);

    const first = await page('pageSize=2');
    expect(first.items).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = await page('pageSize=2&page=2');
    expect(second.items.map((d) => d.code)).not.toContain(first.items[0]?.code);
  });

  it('refuses a bad filter with a Vietnamese problem', async () => {
    const response = await reception.get('/api/v1/officer/inbox?deadline=sometime');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('the working calendar', () => {
  it('publishes a year and lets only the system administrator enter the Government’s decisions', async () => {
    const year = (await t.anonymous.get('/api/v1/calendar/2026')).json<{
      daysOff: { date: string }[];
      workedWeekendDays: { date: string }[];
    }>();
    expect(year.daysOff.map((d) => d.date)).toContain('2026-02-17');
    expect(year.workedWeekendDays.map((d) => d.date)).toEqual(['2026-01-10']);

    const override = { date: '2027-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam' };
    const admin = await t.signIn('Bùi Thị Lan');
    expect((await admin.put('/api/v1/admin/calendar/overrides', override)).statusCode).toBe(403);
    const systemAdmin = await t.signIn('Trịnh Quốc Việt');
    expect((await systemAdmin.put('/api/v1/admin/calendar/overrides', override)).statusCode).toBe(
      200,
    );
    const noEffect = await systemAdmin.put('/api/v1/admin/calendar/overrides', {
      ...override,
      date: '2027-11-27',
    });
    expect(noEffect.json()).toMatchObject({ code: 'CALENDAR_OVERRIDE_NO_EFFECT' });
    const after = (await t.anonymous.get('/api/v1/calendar/2027')).json<{
      daysOff: { date: string; reason: string }[];
    }>();
    expect(after.daysOff).toContainEqual({ date: '2027-11-24', reason: 'Ngày Văn hóa Việt Nam' });
  });
});
