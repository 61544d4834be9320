import { sql } from 'kysely';
import {
  agenciesAllowed,
  allowedAt,
  allowedEverywhere,
  type OfficerRole,
} from '../../../domain/access.ts';
import type { FeedbackMeasure, FeedbackState } from '../../../domain/feedback.ts';
import { parsePeriod } from '../../../domain/stats-period.ts';
import type { Kysely } from 'kysely';
import {
  addWorkingMinutes,
  dueTime,
  oneWorkingDayFrom,
  workingMinutesPerDay,
  type WorkingCalendar,
} from '../../../domain/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import { formatDateTime } from '../../../domain/vietnam-time.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { commonErrors } from '../../platform/errors.ts';
import { insertRows, type RowWrite } from '../../platform/row-writes.ts';
import { dossierReference } from '../dossiers/index.ts';
import { officersHolding } from '../identity/index.ts';
import { noticeRows } from '../notifications/index.ts';
import { feedbackErrors } from './errors.ts';
import * as repository from './repository.ts';
import type { DeskAction } from './schemas.ts';
import { memberProgressRecord } from './service.federation.ts';
import {
  answerNotice,
  extensionNotice,
  feedbackView,
  fileContent,
  followUrl as followUrlOf,
  publicVersion,
  summaryOf,
  toSender,
  type FeedbackDeps,
} from './views.ts';

/** Who may answer at an agency: the officers a desk assigns feedback to. */
const ANSWERING_ROLES: readonly OfficerRole[] = ['specialist', 'department_head', 'leader'];
const OPEN_AT_AGENCY: readonly FeedbackState[] = ['forwarded', 'assigned', 'awaiting_approval'];

type Row = repository.FeedbackRow;

/** The actions the officer may take on the item now; what the page offers and the service checks. */
export function actionsFor(actor: Actor, row: Row): DeskAction['action'][] {
  // handled at the member system the national portal sent it to
  if (row.sent_to_member_at !== null) return [];
  const desk = allowedAt(actor.roles, 'feedback.desk', row.holder_agency_id);
  const leader = allowedAt(actor.roles, 'feedback.approve', row.holder_agency_id);
  const actions: DeskAction['action'][] = [];
  if (desk && row.state === 'received') actions.push('reject', 'merge', 'forward');
  if (desk && row.state === 'forwarded') actions.push('forward');
  if (desk && (row.state === 'forwarded' || row.state === 'assigned')) actions.push('assign');
  if ((desk || leader) && OPEN_AT_AGENCY.includes(row.state) && row.extended_at === null)
    actions.push('extend');
  if (
    row.state === 'assigned' &&
    row.assignee_id === actor.accountId &&
    allowedAt(actor.roles, 'feedback.answer', row.holder_agency_id)
  )
    actions.push('submitAnswer');
  if (leader && row.state === 'awaiting_approval') actions.push('approve', 'sendBack');
  return actions;
}

export function createFeedbackDesk(deps: FeedbackDeps) {
  const { db } = deps;

  const canRead = (actor: Actor, row: Row) =>
    allowedEverywhere(actor.roles, 'feedback.read') ||
    row.assignee_id === actor.accountId ||
    [row.holder_agency_id, row.competent_agency_id, row.receiving_agency_id].some(
      (agency) => agency !== null && allowedAt(actor.roles, 'feedback.read', agency),
    );

  async function readable(actor: Actor, code: string) {
    const row = await repository.findFeedback(db, code);
    if (!row) throw feedbackErrors.notFound();
    if (!canRead(actor, row)) throw feedbackErrors.notFound.hidden();
    return row;
  }

  const followUrl = (code: string) => followUrlOf(deps.publicUrl, code);

  /** The item's change, its event, its audit record and its notices commit together or not at all. */
  async function change(
    actor: Actor,
    row: Row,
    expected: readonly FeedbackState[],
    update: Parameters<typeof repository.updateFeedback>[2],
    record: {
      action: string;
      note?: string | null;
      agencyId?: string | null;
      notices?: RowWrite[];
      /** Rows written with the change (a transfer to a member system). */
      also?: RowWrite[];
    },
  ) {
    await db.transaction().execute(async (tx) => {
      const locked = await repository.lockFeedback(tx, row.id);
      if (
        !expected.includes(locked.state) ||
        locked.updated_at.getTime() !== row.updated_at.getTime()
      )
        throw feedbackErrors.wrongState();
      await repository.updateFeedback(tx, row.id, update);
      await repository.insertEvent(tx, {
        feedbackId: row.id,
        action: record.action,
        actorId: actor.accountId,
        actorName: actor.fullName,
        agencyId: record.agencyId ?? row.holder_agency_id,
        note: record.note ?? null,
      });
      await appendAudit(tx, {
        actor,
        action: 'feedback.handled',
        subject: { type: 'feedback', id: row.id },
        agencyId: row.holder_agency_id,
        details: { code: row.code, action: record.action },
      });
      if (record.notices && record.notices.length > 0) await insertRows(tx, record.notices);
      if (record.also && record.also.length > 0) await insertRows(tx, record.also);
      // an item the national portal sent: the portal follows its handling here
      if (row.origin_code !== null) await insertRows(tx, [await memberProgressRecord(tx, row.id)]);
    });
  }

  async function act(actor: Actor, code: string, action: DeskAction) {
    const row = await readable(actor, code);
    if (action.action === 'extend' && row.extended_at !== null)
      throw feedbackErrors.alreadyExtended();
    if (!actionsFor(actor, row).includes(action.action)) {
      if (OPEN_AT_AGENCY.includes(row.state) || row.state === 'received')
        throw commonErrors.forbidden();
      throw feedbackErrors.wrongState();
    }
    const now = new Date();
    switch (action.action) {
      case 'reject':
        await change(
          actor,
          row,
          ['received'],
          { state: 'rejected', rejection_reason: action.reason },
          {
            action: 'rejected',
            note: action.reason,
            notices: toSender(
              row,
              `Phản ánh, kiến nghị ${row.code} không thuộc phạm vi xử lý`,
              `Phản ánh, kiến nghị "${row.title}" không thuộc phạm vi xem xét, xử lý. Lý do: ${action.reason}`,
            ),
          },
        );
        break;
      case 'merge': {
        const target = await repository.findFeedback(db, action.intoCode);
        if (!target || target.id === row.id || ['rejected', 'merged'].includes(target.state))
          throw feedbackErrors.notFound('Không tìm thấy phản ánh để gộp vào');
        await change(
          actor,
          row,
          ['received'],
          { state: 'merged', merged_into_id: target.id },
          {
            action: 'merged',
            note: target.code,
            notices: toSender(
              row,
              `Phản ánh, kiến nghị ${row.code} được gộp với phản ánh ${target.code}`,
              `Phản ánh, kiến nghị "${row.title}" có cùng nội dung với phản ánh ${target.code} nên được gộp để xử lý một lần. Theo dõi câu trả lời tại ${followUrl(target.code)}.`,
            ),
          },
        );
        break;
      }
      case 'forward': {
        const agency = await repository.findAgencyByCode(db, action.agencyCode);
        if (!agency) throw feedbackErrors.agencyNotFound();
        const category = await repository.findCategory(db, row.category_code);
        const days = category?.answer_days ?? 10;
        const dueAt = dueTime(now, days, await deps.calendar(), agency.office_hours);
        // On the national portal, an agency another system answers for is handled there.
        const member = await deps.memberFor?.(action.agencyCode);
        await change(
          actor,
          row,
          ['received', 'forwarded'],
          {
            state: 'forwarded',
            holder_agency_id: agency.id,
            competent_agency_id: agency.id,
            forwarded_at: now,
            due_at: dueAt,
            assignee_id: null,
            sent_to_member_at: member ? now : null,
          },
          {
            action: 'forwarded',
            note: member ? `${agency.name} (${member.name})` : agency.name,
            also: member
              ? [
                  {
                    table: 'feedback_transfer',
                    row: { feedback_id: row.id, kind: 'item', agency_code: action.agencyCode },
                  },
                ]
              : [],
            notices: toSender(
              row,
              `Phản ánh, kiến nghị ${row.code} đã được chuyển cơ quan có thẩm quyền`,
              `Phản ánh, kiến nghị "${row.title}" đã được chuyển đến ${agency.name} để xem xét, xử lý và trả lời trong ${String(days)} ngày làm việc.`,
            ),
          },
        );
        break;
      }
      case 'assign': {
        const officers = await assignable(row.holder_agency_id);
        const officer = officers.find((o) => o.id === action.officerId);
        if (!officer) throw feedbackErrors.officerNotFound();
        const notices = officersNotice(officer.id, row, 'Được giao xử lý phản ánh, kiến nghị');
        await change(
          actor,
          row,
          ['forwarded', 'assigned'],
          { state: 'assigned', assignee_id: officer.id },
          { action: 'assigned', note: officer.name, notices },
        );
        break;
      }
      case 'extend': {
        const category = await repository.findCategory(db, row.category_code);
        const { office_hours } = await repository.officeHoursOf(db, row.holder_agency_id);
        const calendar = await deps.calendar();
        const extraMinutes = (category?.extension_days ?? 10) * workingMinutesPerDay(office_hours);
        const dueAt = addWorkingMinutes(row.due_at ?? now, extraMinutes, calendar, office_hours);
        await change(
          actor,
          row,
          OPEN_AT_AGENCY,
          { due_at: dueAt, extended_at: now, extension_reason: action.reason },
          {
            action: 'extended',
            note: action.reason,
            notices: extensionNotice(row, action.reason),
          },
        );
        break;
      }
      case 'submitAnswer': {
        const leaders = await officersHolding(db, [row.holder_agency_id], ['leader']);
        await change(
          actor,
          row,
          ['assigned'],
          { state: 'awaiting_approval', draft_answer: action.answer },
          {
            action: 'answer_submitted',
            notices: leaders.flatMap((l) =>
              officersNotice(l.accountId, row, 'Dự thảo trả lời phản ánh, kiến nghị chờ duyệt'),
            ),
          },
        );
        break;
      }
      case 'sendBack':
        await change(
          actor,
          row,
          ['awaiting_approval'],
          { state: 'assigned' },
          {
            action: 'sent_back',
            note: action.note,
            notices: row.assignee_id
              ? officersNotice(row.assignee_id, row, 'Dự thảo trả lời phản ánh bị trả lại')
              : [],
          },
        );
        break;
      case 'approve': {
        const answer = row.draft_answer ?? '';
        const publish = row.consent_to_publish || action.publicInterest;
        const redacted = publicVersion({
          title: row.title,
          content: row.content,
          answer,
          senderName: row.sender_name,
        });
        await change(
          actor,
          row,
          ['awaiting_approval'],
          {
            state: 'answered',
            answer,
            answered_at: now,
            approved_by: actor.accountId,
            public_interest: action.publicInterest,
            ...(publish
              ? {
                  published_at: now,
                  public_title: redacted.title,
                  public_content: redacted.content,
                  public_answer: redacted.answer,
                }
              : {}),
          },
          {
            action: 'answered',
            notices: answerNotice(
              row,
              row.competent_agency_name ?? row.holder_agency_name,
              answer,
              deps.publicUrl,
            ),
          },
        );
        break;
      }
    }
    const after = await repository.findFeedback(db, code);
    return { code, state: after?.state ?? row.state };
  }

  function officersNotice(accountId: string, row: Row, title: string): RowWrite[] {
    return noticeRows({
      accountId,
      email: null,
      dossierId: null,
      title: `${title} ${row.code}`,
      body: `"${row.title}"${row.due_at ? ` — hạn trả lời ${formatDateTime(row.due_at)}` : ''}`,
    });
  }

  async function assignable(agencyId: string) {
    const officers = await officersHolding(db, [agencyId], ANSWERING_ROLES);
    const byId = new Map(officers.map((o) => [o.accountId, { id: o.accountId, name: o.fullName }]));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  const scopeOf = (actor: Actor) => ({
    agencyIds: [
      ...new Set([
        ...agenciesAllowed(actor.roles, 'feedback.desk'),
        ...agenciesAllowed(actor.roles, 'feedback.approve'),
      ]),
    ],
    accountId: actor.accountId,
    everywhere: allowedEverywhere(actor.roles, 'feedback.read'),
  });

  return {
    act,

    async list(
      actor: Actor,
      query: {
        view?: 'desk' | 'mine' | 'approval' | 'overdue';
        state?: FeedbackState;
        page?: number;
      },
    ) {
      const page = query.page ?? 1;
      const now = new Date();
      const rows = await repository.listForDesk(db, scopeOf(actor), {
        view: query.view ?? 'desk',
        ...(query.state ? { state: query.state } : {}),
        page,
        now,
      });
      return {
        items: rows.slice(0, repository.PAGE_SIZE).map((r) => ({
          ...summaryOf(r),
          holderAgencyName: r.holder_agency_name,
          assigneeName: r.assignee_name,
          overdue:
            r.due_at !== null &&
            (r.answered_at === null ? r.due_at < now : r.answered_at > r.due_at),
        })),
        page,
        hasMore: rows.length > repository.PAGE_SIZE,
      };
    },

    async detail(actor: Actor, code: string) {
      const row = await readable(actor, code);
      const desk = allowedAt(actor.roles, 'feedback.desk', row.holder_agency_id);
      const [events, similar, officers, files] = await Promise.all([
        repository.listEvents(db, row.id),
        desk && row.state === 'received'
          ? repository.findSimilarOpen(db, {
              id: row.id,
              categoryCode: row.category_code,
              text: `${row.title} ${row.content}`,
            })
          : Promise.resolve([]),
        desk ? assignable(row.holder_agency_id) : Promise.resolve([]),
        repository.listFiles(db, row.id),
      ]);
      const preview = publicVersion({
        title: row.title,
        content: row.content,
        answer: row.draft_answer ?? row.answer ?? '',
        senderName: row.sender_name,
      });
      return {
        ...feedbackView(row, files),
        senderName: row.sender_name,
        senderPhone: row.sender_phone,
        senderEmail: row.sender_email,
        holderAgencyName: row.holder_agency_name,
        assigneeName: row.assignee_name,
        draftAnswer: row.draft_answer,
        extensionReason: row.extension_reason,
        publicInterest: row.public_interest,
        publicPreview: { title: preview.title, content: preview.content },
        events: events.map((e) => ({
          action: e.action,
          actorName: e.actor_name,
          agencyName: e.agency_name,
          note: e.note,
          at: e.at,
        })),
        similar: similar.map((s) => ({ code: s.code, title: s.title, state: s.state })),
        assignable: officers,
        actions: actionsFor(actor, row),
      };
    },

    async file(actor: Actor, code: string, fileId: string) {
      const row = await readable(actor, code);
      return fileContent(deps, row.id, fileId);
    },

    /**
     * The items behind a figure, for those who answer for the agency's figures (nationally: the
     * national roles). Refused with 403: the figures themselves are public.
     */
    async behindFigure(
      actor: Actor,
      query: { period: string; agencyCode?: string; measure: FeedbackMeasure; page?: number },
    ) {
      const period = parsePeriod(query.period);
      if (!period) throw commonErrors.validation('Kỳ thống kê không hợp lệ');
      const agency = query.agencyCode
        ? await repository.findAgencyByCode(db, query.agencyCode)
        : undefined;
      if (query.agencyCode && !agency) throw feedbackErrors.agencyNotFound();
      const allowed = agency
        ? allowedAt(actor.roles, 'stats.drill', agency.id)
        : allowedEverywhere(actor.roles, 'stats.drill');
      if (!allowed) throw commonErrors.forbidden();
      const page = query.page ?? 1;
      const rows = await repository.listBehindFigure(db, {
        from: new Date(`${period.from}T00:00:00+07:00`),
        to: new Date(`${period.to}T00:00:00+07:00`),
        ...(agency ? { agencyId: agency.id } : {}),
        measure: query.measure,
        page,
        now: new Date(),
      });
      return {
        items: rows.slice(0, repository.PAGE_SIZE).map(summaryOf),
        page,
        hasMore: rows.length > repository.PAGE_SIZE,
      };
    },

    /** Feedback about one dossier, for the officers who may read the dossier's agency's feedback. */
    async aboutDossier(actor: Actor, dossierCode: string) {
      const dossier = await dossierReference(db, { code: dossierCode });
      if (!dossier) throw feedbackErrors.notFound();
      if (!allowedAt(actor.roles, 'feedback.read', dossier.agencyId))
        throw feedbackErrors.notFound.hidden();
      return (await repository.listByDossier(db, dossier.id)).map(summaryOf);
    },
  };
}

/** Reminds the assignee and the desk of items due within a working day; once per item. */
export async function remindFeedbackComingDue(db: Kysely<Database>, calendar: WorkingCalendar) {
  const due = await repository.listComingDue(db, oneWorkingDayFrom(new Date(), calendar));
  for (const item of due) {
    const desks = await officersHolding(db, [item.holder_agency_id], ['feedback_desk']);
    const recipients = new Set([
      ...desks.map((d) => d.accountId),
      ...(item.assignee_id ? [item.assignee_id] : []),
    ]);
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('feedback')
        .set({ reminded_at: sql`now()` })
        .where('id', '=', item.id)
        .execute();
      await insertRows(
        tx,
        [...recipients].flatMap((accountId) =>
          noticeRows({
            accountId,
            email: null,
            dossierId: null,
            title: `Phản ánh, kiến nghị ${item.code} sắp đến hạn trả lời`,
            body: `"${item.title}" — hạn trả lời ${item.due_at ? formatDateTime(item.due_at) : ''}`,
          }),
        ),
      );
    });
  }
  return due.length;
}
