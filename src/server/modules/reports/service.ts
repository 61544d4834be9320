import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { MonthlyReport } from '../../../domain/monthly-report.ts';
import { monthKey, monthlyReportDeadline } from '../../../domain/stats-period.ts';
import { vietnamDate } from '../../../domain/vietnam-time.ts';
import type { Database } from '../../db/schema.ts';
import {
  allowedAt,
  allowedEverywhere,
  rolesFor,
  type AccessAction,
} from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import { insertRows } from '../../platform/row-writes.ts';
import type { MonitoringService } from '../monitoring/index.ts';
import { officersHolding } from '../identity/index.ts';
import { noticeRows } from '../notifications/index.ts';
import { reportErrors } from './errors.ts';
import { monthlyReportPdf, monthlyReportWorkbook } from './render.ts';

/** Reminders go out from this day of the month until the deadline (the 19th). */
const REMINDER_FROM_DAY = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Scope =
  | { kind: 'national' }
  | { kind: 'agency'; agency: { id: string; code: string | null; name: string } };

type Format = 'xlsx' | 'pdf';
const MEDIA: Record<Format, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');
const firstDay = (month: string) => `${month}-01`;

async function readAll(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type ReportService = ReturnType<typeof createReportService>;

/**
 * Monthly reports: computed from the monitoring figures for an agency (its units as rows) or the
 * nation (ministries and provinces as rows), sent once by the agency's leader or administrator —
 * then archived with its files and never changed — and reminders to those who have not sent.
 */
export function createReportService({
  db,
  storage,
  monitoring,
}: {
  db: Kysely<Database>;
  storage: FileStorage;
  monitoring: MonitoringService;
}) {
  async function scopeOf(actor: Actor, key: string, action: AccessAction) {
    if (key === 'national') {
      if (!allowedEverywhere(actor.roles, action)) throw reportErrors.forbidden();
      return { kind: 'national' } as const satisfies Scope;
    }
    const agency = await db
      .selectFrom('agency')
      .select(['id', 'code', 'name'])
      .where(UUID.test(key) ? 'id' : 'code', '=', key)
      .executeTakeFirst();
    if (!agency) throw reportErrors.agencyNotFound();
    if (!allowedAt(actor.roles, action, agency.id)) throw reportErrors.forbidden();
    return { kind: 'agency', agency } as const satisfies Scope;
  }

  async function compute(scope: Scope, month: string, now: Date): Promise<MonthlyReport> {
    const common = {
      month,
      deadline: monthlyReportDeadline(month),
      generatedAt: now.toISOString(),
    };
    if (scope.kind === 'national') {
      const ranking = await monitoring.ranking({ period: month }, now);
      const rows = [...ranking.agencies]
        .sort((a, b) => a.level.localeCompare(b.level) || a.name.localeCompare(b.name, 'vi'))
        .map((a) => ({ name: a.name, code: a.code, indicators: a.indicators }));
      return {
        ...common,
        agency: null,
        total: { name: 'Toàn quốc', code: null, indicators: ranking.national },
        rows,
      };
    }
    const stats = await monitoring.agency(scope.agency.id, { period: month }, now);
    return {
      ...common,
      agency: scope.agency,
      total: { name: scope.agency.name, code: scope.agency.code, indicators: stats.indicators },
      rows: stats.units.map((u) => ({ name: u.name, code: u.code, indicators: u.indicators })),
    };
  }

  const archivedOf = (scope: Scope, month: string) =>
    db
      .selectFrom('monthly_report')
      .selectAll()
      .where('month', '=', firstDay(month))
      .where(
        'agency_id',
        scope.kind === 'national' ? 'is' : '=',
        scope.kind === 'national' ? null : scope.agency.id,
      )
      .executeTakeFirst();

  const fileName = (report: MonthlyReport, format: Format) =>
    `bao-cao-thang-${report.month}-${report.agency?.code ?? 'toan-quoc'}.${format}`;

  return {
    /** The month's report: as sent, if it was; else as the figures stand now (a draft). */
    async report(actor: Actor, query: { agency: string; month: string }, now = new Date()) {
      const scope = await scopeOf(actor, query.agency, 'report.read');
      const archived = await archivedOf(scope, query.month);
      if (archived)
        return {
          ...archived.figures,
          status: 'submitted' as const,
          submittedAt: archived.submitted_at,
          late: archived.late,
        };
      return {
        ...(await compute(scope, query.month, now)),
        status: 'draft' as const,
        submittedAt: null,
        late: null,
      };
    },

    /** The report as XLSX or PDF: the archived file once sent, otherwise a draft made now. */
    async file(
      actor: Actor,
      query: { agency: string; month: string; format: Format },
      now = new Date(),
    ) {
      const scope = await scopeOf(actor, query.agency, 'report.read');
      const archived = await archivedOf(scope, query.month);
      const report = archived?.figures ?? (await compute(scope, query.month, now));
      const content = archived
        ? await readAll(
            storage.read(
              query.format === 'xlsx' ? archived.xlsx_storage_key : archived.pdf_storage_key,
            ),
          )
        : query.format === 'xlsx'
          ? await monthlyReportWorkbook(report, 'draft')
          : Buffer.from(await monthlyReportPdf(report, 'draft'));
      return {
        fileName: fileName(report, query.format),
        mediaType: MEDIA[query.format],
        content,
      };
    },

    /**
     * Sends the report of a finished month: its figures and files are archived as they are now,
     * once; a report sent after the 19th of the next month is marked late.
     */
    async submit(actor: Actor, input: { agency: string; month: string }, now = new Date()) {
      const scope = await scopeOf(actor, input.agency, 'report.submit');
      if (input.month >= monthKey(now)) throw reportErrors.monthNotOver();
      if (await archivedOf(scope, input.month)) throw reportErrors.alreadySubmitted();
      const report = await compute(scope, input.month, now);
      const xlsx = await monthlyReportWorkbook(report, 'submitted');
      const pdf = await monthlyReportPdf(report, 'submitted');
      const folder = `reports/${report.agency?.id ?? 'national'}/${report.month}`;
      const keys = {
        xlsx: `${folder}/${fileName(report, 'xlsx')}`,
        pdf: `${folder}/${fileName(report, 'pdf')}`,
      };
      await storage.put(keys.xlsx, xlsx);
      await storage.put(keys.pdf, Buffer.from(pdf));
      const late = vietnamDate(now) > report.deadline;
      const inserted = await db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('monthly_report')
          .values({
            agency_id: report.agency?.id ?? null,
            month: firstDay(report.month),
            figures: JSON.stringify(report),
            xlsx_storage_key: keys.xlsx,
            xlsx_sha256: sha256(xlsx),
            pdf_storage_key: keys.pdf,
            pdf_sha256: sha256(pdf),
            submitted_at: now,
            submitted_by: actor.accountId,
            late,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return undefined;
        await appendAudit(tx, {
          actor,
          action: 'report.submitted',
          subject: { type: 'monthly_report', id: row.id },
          agencyId: report.agency?.id ?? null,
          details: { month: report.month, late, xlsxSha256: sha256(xlsx), pdfSha256: sha256(pdf) },
        });
        return row;
      });
      // Two senders at once: the first one's report stands.
      if (!inserted) throw reportErrors.alreadySubmitted();
      return { ...report, status: 'submitted' as const, submittedAt: now, late };
    },

    /** The reports an agency (or the nation) has sent, newest first. */
    async archive(actor: Actor, query: { agency: string }) {
      const scope = await scopeOf(actor, query.agency, 'report.read');
      const rows = await db
        .selectFrom('monthly_report')
        .innerJoin('account', 'account.id', 'monthly_report.submitted_by')
        .select([
          'monthly_report.month',
          'monthly_report.submitted_at',
          'account.full_name',
          'monthly_report.late',
          'monthly_report.xlsx_sha256',
          'monthly_report.pdf_sha256',
        ])
        .where(
          'monthly_report.agency_id',
          scope.kind === 'national' ? 'is' : '=',
          scope.kind === 'national' ? null : scope.agency.id,
        )
        .orderBy('monthly_report.month', 'desc')
        .execute();
      return rows.map((r) => ({
        month: r.month.slice(0, 7),
        submittedAt: r.submitted_at,
        submittedBy: r.full_name,
        late: r.late,
        xlsxSha256: r.xlsx_sha256,
        pdfSha256: r.pdf_sha256,
      }));
    },

    /**
     * From the 10th to the 19th, once per month and agency: tells the leaders and administrators
     * of each agency that publishes services, and of each ministry and province, that last month's
     * report is not sent yet. Answers how many agencies were reminded.
     */
    async remindUnsubmitted(now = new Date()) {
      const today = vietnamDate(now);
      if (Number(today.slice(8, 10)) < REMINDER_FROM_DAY) return 0;
      const previous = new Date(`${today.slice(0, 7)}-01T00:00:00+07:00`);
      previous.setUTCDate(previous.getUTCDate() - 1);
      const month = monthKey(previous);
      const deadline = monthlyReportDeadline(month);
      if (today > deadline) return 0;
      return db.transaction().execute(async (tx) => {
        const { rows: reminded } = await sql<{ agency_id: string; name: string }>`
          insert into monthly_report_reminder (agency_id, month)
          select a.id, ${firstDay(month)}::date from agency a
          where a.valid_to is null
            and (a.level in ('ministry', 'province')
              or exists (select 1 from service s where s.agency_id = a.id and s.status = 'published'))
            and not exists (select 1 from monthly_report r
              where r.agency_id = a.id and r.month = ${firstDay(month)}::date)
          on conflict do nothing
          returning agency_id, (select name from agency where id = agency_id) as name`.execute(tx);
        if (reminded.length === 0) return 0;
        const recipients = await officersHolding(
          tx,
          reminded.map((r) => r.agency_id),
          rolesFor('report.submit'),
        );
        const names = new Map(reminded.map((r) => [r.agency_id, r.name]));
        const [year, monthNumber] = month.split('-');
        await insertRows(
          tx,
          recipients.flatMap((r) =>
            noticeRows({
              accountId: r.accountId,
              email: r.email,
              dossierId: null,
              title: `Nhắc gửi báo cáo tháng ${String(Number(monthNumber))}/${year ?? ''}`,
              body: `${names.get(r.agencyId) ?? 'Cơ quan'} chưa gửi báo cáo tình hình giải quyết thủ tục hành chính tháng ${String(Number(monthNumber))}/${year ?? ''}. Hạn gửi: trước ngày 20 (đến hết ngày ${deadline.split('-').reverse().join('/')}). Lập và gửi báo cáo tại mục Báo cáo tháng.`,
            }),
          ),
        );
        return reminded.length;
      });
    },
  };
}
