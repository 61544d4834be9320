import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../src/domain/indicators.ts';
import { REPORT_COLUMNS } from '../src/domain/monthly-report.ts';
import { monthKey } from '../src/domain/stats-period.ts';
import {
  updateStatistics,
  createMonitoringService,
} from '../src/server/modules/monitoring/index.ts';
import { createReportService } from '../src/server/modules/reports/index.ts';
import type { Actor } from '../src/server/platform/actor.ts';
import { LocalDiskStorage } from '../src/server/platform/file-storage.ts';
import { expectActed, findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import { libreOfficeRows } from './helpers/libreoffice.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let admin: Caller;
let systemAdmin: Caller;
let month: string;
/** A day of the month after `month`, in Vietnam time. */
let nextMonthDay: (day: number) => Date;

type Report = {
  status: 'draft' | 'submitted';
  month: string;
  deadline: string;
  late: boolean | null;
  total: { name: string; indicators: Indicators };
  rows: { name: string; code: string | null; indicators: Indicators }[];
};

/** The service the report routes use, called with a chosen "now" (a report is sent after its month). */
const reports = () =>
  createReportService({
    db: t.database.db,
    storage: new LocalDiskStorage(t.filesDir),
    monitoring: createMonitoringService(t.database.db),
  });

/** A demo officer as the service sees them. */
async function actorNamed(fullName: string): Promise<Actor> {
  const account = await t.database.db
    .selectFrom('account')
    .select(['id', 'full_name'])
    .where('full_name', '=', fullName)
    .executeTakeFirstOrThrow();
  const roles = await t.database.db
    .selectFrom('officer_role')
    .select(['agency_id', 'role'])
    .where('account_id', '=', account.id)
    .execute();
  return {
    accountId: account.id,
    kind: 'officer',
    fullName: account.full_name,
    citizenId: null,
    sessionId: 'test',
    csrfToken: 'test',
    roles: roles.map((r) => ({ agencyId: r.agency_id, role: r.role })),
    ip: '127.0.0.1',
  };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('Bùi Thị Lan');
  systemAdmin = await t.signIn('Trịnh Quốc Việt');
  const citizen = await t.signIn('Nguyễn Văn An');
  const reception = await t.signIn('Lê Minh Châu');
  const specialist = await t.signIn('Võ Thanh Giang');
  const leader = await t.signIn('Đỗ Văn Khoa');
  const serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
  // This month at the ward: three online dossiers, two received, one settled.
  const dossiers = [
    await submitBirthRegistration(citizen, serviceId),
    await submitBirthRegistration(citizen, serviceId),
    await submitBirthRegistration(citizen, serviceId),
  ];
  for (const d of dossiers.slice(0, 2)) await expectActed(reception, d.id, 'receive');
  const settled = dossiers[0]?.id ?? '';
  await expectActed(specialist, settled, 'claim');
  await expectActed(specialist, settled, 'forward');
  await expectActed(leader, settled, 'claim');
  await expectActed(leader, settled, 'approve');
  await updateStatistics(t.database.db);
  month = monthKey(new Date());
  const [year, number] = month.split('-').map(Number);
  nextMonthDay = (day) => new Date(Date.UTC(year ?? 0, number ?? 0, day, 3)); // 10:00 in Vietnam, month after `month`
});
afterAll(() => t.close());

describe('the monthly report', () => {
  it('carries the same figures as the statistics API, and LibreOffice reads them from the XLSX', async () => {
    const response = await admin.get(`/api/v1/reports/monthly?agency=000.00.31.H29&month=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    expect(report).toMatchObject({ status: 'draft', month, late: null });
    const stats = (
      await t.anonymous.get(`/api/v1/stats/agencies/000.00.31.H29?period=${month}`)
    ).json<{ indicators: Indicators }>();
    expect(report.total.indicators).toEqual(stats.indicators);
    expect(report.total.indicators.dossiers).toMatchObject({
      received: 2,
      finished: 1,
      submittedOnline: 3,
    });

    const file = await admin.get(
      `/api/v1/reports/monthly/file?agency=000.00.31.H29&month=${month}&format=xlsx`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(
      `bao-cao-thang-${month}-000.00.31.H29.xlsx`,
    );
    const rows = await libreOfficeRows(file.rawPayload);
    const header = rows.find((r) => r[0] === 'Đơn vị');
    expect(header?.slice(2)).toEqual(REPORT_COLUMNS.map((c) => c.title));
    const total = rows.find((r) => r[0]?.startsWith('Tổng cộng'));
    expect(total?.slice(2).map((cell) => (cell === '' ? null : Number(cell)))).toEqual(
      REPORT_COLUMNS.map((c) => c.value(stats.indicators)),
    );
    expect(rows[1]?.[0]).toContain('BẢN NHÁP');

    const pdf = await admin.get(
      `/api/v1/reports/monthly/file?agency=000.00.31.H29&month=${month}&format=pdf`,
    );
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is sent once, after its month, and stays as sent', async () => {
    const early = await admin.post('/api/v1/reports/monthly', {
      agency: '000.00.31.H29',
      month,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'REPORT_MONTH_NOT_OVER' });

    const lan = await actorNamed('Bùi Thị Lan');
    const sent = await reports().submit(lan, { agency: '000.00.31.H29', month }, nextMonthDay(5));
    expect(sent).toMatchObject({ status: 'submitted', late: false });
    await expect(
      reports().submit(lan, { agency: '000.00.31.H29', month }, nextMonthDay(6)),
    ).rejects.toMatchObject({ code: 'REPORT_ALREADY_SUBMITTED' });

    // The archive cannot be changed, even by the database's own users.
    await expect(sql`update monthly_report set late = true`.execute(t.database.db)).rejects.toThrow(
      /cannot change/,
    );
    await expect(sql`delete from monthly_report`.execute(t.database.db)).rejects.toThrow(
      /cannot change/,
    );

    // More work at the ward changes the figures, not the report sent.
    const citizen = await t.signIn('Nguyễn Văn An');
    await submitBirthRegistration(citizen, await findServiceId(t, 'khai sinh', '000.00.31.H29'));
    await updateStatistics(t.database.db);
    const read = (
      await admin.get(`/api/v1/reports/monthly?agency=000.00.31.H29&month=${month}`)
    ).json<Report>();
    expect(read).toMatchObject({ status: 'submitted', late: false });
    expect(read.total.indicators).toEqual(sent.total.indicators);

    // The file served is the one archived: its SHA-256 is the one recorded when it was sent.
    const archive = (await admin.get('/api/v1/reports/monthly/archive?agency=000.00.31.H29')).json<
      { month: string; submittedBy: string; xlsxSha256: string }[]
    >();
    expect(archive).toEqual([
      expect.objectContaining({ month, submittedBy: 'Bùi Thị Lan', late: false }),
    ]);
    const file = await admin.get(
      `/api/v1/reports/monthly/file?agency=000.00.31.H29&month=${month}&format=xlsx`,
    );
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(archive[0]?.xlsxSha256);
    const rows = await libreOfficeRows(file.rawPayload);
    expect(rows[1]?.[0]).not.toContain('BẢN NHÁP');
  });

  it('reminds, once, the agencies that have not sent by the 10th; one sent after the 19th is late', async () => {
    expect(await reports().remindUnsubmitted(nextMonthDay(9))).toBe(0);
    const reminded = await reports().remindUnsubmitted(nextMonthDay(12));
    expect(reminded).toBeGreaterThan(0);
    expect(await reports().remindUnsubmitted(nextMonthDay(13))).toBe(0);
    const notices = async (fullName: string) =>
      (
        await t.database.db
          .selectFrom('notification')
          .innerJoin('account', 'account.id', 'notification.account_id')
          .select('notification.title')
          .where('account.full_name', '=', fullName)
          .where('notification.title', 'like', 'Nhắc gửi báo cáo tháng%')
          .execute()
      ).map((n) => n.title);
    // Trường Vinh's administrator had not sent; Sài Gòn's had.
    expect(await notices('Ngô Đức Minh')).toHaveLength(1);
    expect(await notices('Bùi Thị Lan')).toEqual([]);

    const minh = await actorNamed('Ngô Đức Minh');
    const late = await reports().submit(minh, { agency: '000.00.31.H41', month }, nextMonthDay(25));
    expect(late.late).toBe(true);
  });

  it('prints stored names as text in the workbook and the PDF, formulas and markup included', async () => {
    const hostile = '=1+2 <script>alert(1)</script>';
    const province = '000.00.00.H29';
    const { name } = await t.database.db
      .selectFrom('agency')
      .select('name')
      .where('code', '=', province)
      .executeTakeFirstOrThrow();
    const rename = (to: string) =>
      t.database.db.updateTable('agency').set({ name: to }).where('code', '=', province).execute();
    await rename(hostile);
    try {
      const file = (format: string) =>
        systemAdmin.get(
          `/api/v1/reports/monthly/file?agency=national&month=${month}&format=${format}`,
        );
      // LibreOffice would print 3 for a formula; a text cell keeps its characters
      const rows = await libreOfficeRows((await file('xlsx')).rawPayload);
      expect(rows.map((r) => r[0])).toContain(hostile);
      const pdf = await mkdtemp(path.join(tmpdir(), 'opendvc-pdf-'));
      try {
        await writeFile(path.join(pdf, 'report.pdf'), (await file('pdf')).rawPayload);
        const text = execFileSync('pdftotext', [path.join(pdf, 'report.pdf'), '-'], {
          encoding: 'utf8',
        });
        expect(text.replace(/\s+/g, '')).toContain('=1+2<script>alert(1)</script>');
      } finally {
        await rm(pdf, { recursive: true, force: true });
      }
    } finally {
      await rename(name);
    }
  });

  it('gives the national office the national report, every ministry and province a row', async () => {
    const response = await systemAdmin.get(
      `/api/v1/reports/monthly?agency=national&month=${month}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    const ranking = (await t.anonymous.get(`/api/v1/stats/agencies?period=${month}`)).json<{
      national: Indicators;
      agencies: unknown[];
    }>();
    expect(report.total.indicators).toEqual(ranking.national);
    expect(report.rows).toHaveLength(ranking.agencies.length);
    expect(
      (await admin.get(`/api/v1/reports/monthly?agency=national&month=${month}`)).statusCode,
    ).toBe(403);
  });
});
