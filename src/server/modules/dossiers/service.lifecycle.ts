import type { Kysely, Transaction } from 'kysely';
import {
  ACTIONS_NEEDING_REASON,
  decide,
  type DossierAction,
  type DossierChannel,
  type DossierState,
  type LifecycleActor,
  type LifecycleEvent,
  type Refusal,
  type WorkflowStep,
} from '../../../domain/dossier-lifecycle.ts';
import {
  addWorkingMinutes,
  clockStart,
  dueTime,
  workingMinutesBetween,
  workingMinutesPerDay,
  type OfficeHours,
  type WorkingCalendar,
} from '../../../domain/working-calendar.ts';
import type { Database, MailAttachment } from '../../db/schema.ts';
import type { RowWrite } from '../../platform/row-writes.ts';
import { processingRolesAt } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { auditRecord } from '../../platform/audit.ts';
import { outboxRecord } from '../../platform/outbox.ts';
import { progressEntry } from './outbox.ts';
import { officerHoldsRole } from '../identity/index.ts';
import { noticeRows } from '../notifications/index.ts';
import { dossierErrors } from './errors.ts';
import { visibleOr404 } from '../../platform/errors.ts';
import { applicantNotice } from './notices.ts';
import type { DossierScope } from './repository.ts';
import * as repository from './repository.lifecycle.ts';
import type { ActionDossier } from './repository.lifecycle.ts';

/** What writes added by the caller (`within`) add to the applicant's notice: a line, files. */
export type WithinResult = { notice?: { addendum: string; attachments: MailAttachment[] } };

export type LifecycleInput = {
  action: DossierAction;
  lockVersion: number;
  note?: string | undefined;
  assigneeId?: string | undefined;
  targetAgencyId?: string | undefined;
  newDueAt?: string | undefined;
  returnMethod?: DossierChannel | undefined;
  rating?: number | undefined;
};

const REFUSAL_ERRORS: Record<Refusal, () => Error> = {
  wrong_state: () => dossierErrors.wrongState(),
  not_permitted: () => dossierErrors.actionNotPermitted(),
  not_assignee: () => dossierErrors.notAssignee(),
  supplement_once: () => dossierErrors.supplementOnce(),
  last_step: () => dossierErrors.wrongState('Đây là bước cuối cùng của quy trình'),
  first_step: () => dossierErrors.wrongState('Đây là bước đầu tiên của quy trình'),
  missing_target: () => dossierErrors.actionInvalid('Vui lòng chọn cơ quan hoặc cán bộ nhận'),
  fee_unpaid: () => dossierErrors.wrongState('Người nộp chưa thanh toán phí, lệ phí của hồ sơ'),
  no_fee_due: () =>
    dossierErrors.wrongState(
      'Hồ sơ không có phí, lệ phí chờ nộp theo yêu cầu (không thu phí, đã nộp, hoặc nộp khi nộp hồ sơ)',
    ),
};

type StateRow = Pick<
  ActionDossier,
  | 'status'
  | 'holder_agency_id'
  | 'reception_agency_id'
  | 'return_agency_id'
  | 'step_index'
  | 'assignee_id'
  | 'supplement_from'
  | 'reception_supplements'
  | 'pause_reason'
  | 'rating'
  | 'applicant_id'
  | 'fee_outstanding'
>;

/** The state machine's view of a dossier row. */
export function stateOf(row: StateRow): DossierState {
  return {
    status: row.status,
    holderAgencyId: row.holder_agency_id,
    stepIndex: row.step_index,
    assigneeId: row.assignee_id,
    supplementFrom: row.supplement_from,
    receptionSupplements: row.reception_supplements,
    pauseReason: row.pause_reason,
    rated: row.rating !== null,
    feeOutstanding: row.fee_outstanding,
  };
}

/** The national portal's message about this transition of the dossier (decision 0017). */
function progressRecord(
  row: ActionDossier,
  action: DossierAction,
  event: Pick<LifecycleEvent, 'from' | 'to'>,
  patch: Patch,
  at: Date,
) {
  return outboxRecord(
    progressEntry({
      code: row.code,
      agencyCode: row.holder_code ?? '',
      procedureCode: row.procedure_code,
      procedureName: row.procedure_name,
      channel: row.channel,
      action,
      from: event.from,
      to: event.to,
      occurredAt: at,
      submittedAt: row.submitted_at,
      receivedAt: datePatched(patch.received_at, row.received_at),
      dueAt: datePatched(patch.due_at, row.due_at),
      finishedAt: datePatched(patch.finished_at, row.finished_at),
      applicantCitizenId: row.applicant_citizen_id,
      rating: action === 'rate' ? (patch.rating ?? null) : null,
    }),
  );
}

/** A date the transition sets, or the one the dossier had. */
function datePatched(patched: Date | string | null | undefined, current: Date | null): Date | null {
  if (patched === undefined) return current;
  return patched === null ? null : new Date(patched);
}

/** Who the caller is to this dossier: its applicant, or an officer with their roles in the holding agency. */
export function lifecycleActor(actor: Actor, row: StateRow): LifecycleActor {
  if (actor.kind === 'citizen' && actor.accountId === row.applicant_id)
    return { kind: 'applicant' };
  const roles = processingRolesAt(actor.roles, row.holder_agency_id);
  const at = (desk: string | null) =>
    desk === null ? roles : processingRolesAt(actor.roles, desk);
  return {
    kind: 'officer',
    id: actor.accountId,
    roles,
    ...(row.reception_agency_id !== null || row.return_agency_id !== null
      ? { deskRoles: { reception: at(row.reception_agency_id), return: at(row.return_agency_id) } }
      : {}),
  };
}

/** The desk an action is taken at: a service center's for reception and return, else the holder. */
function actingAgency(
  row: Pick<
    StateRow,
    'status' | 'supplement_from' | 'holder_agency_id' | 'reception_agency_id' | 'return_agency_id'
  >,
  action: DossierAction,
): string {
  const atReception =
    (row.status === 'submitted' &&
      (action === 'receive' || action === 'refuse' || action === 'request_supplement')) ||
    (action === 'supplement' && row.supplement_from === 'submitted');
  if (atReception) return row.reception_agency_id ?? row.holder_agency_id;
  if (action === 'return_result') return row.return_agency_id ?? row.holder_agency_id;
  return row.holder_agency_id;
}

type Patch = Parameters<typeof repository.applyTransition>[1]['patch'];

/** The columns an event's state changes set. */
function patchFor({ changes }: LifecycleEvent): Patch {
  return {
    ...('stepIndex' in changes ? { step_index: changes.stepIndex ?? null } : {}),
    ...('assigneeId' in changes ? { assignee_id: changes.assigneeId ?? null } : {}),
    ...('holderAgencyId' in changes && changes.holderAgencyId
      ? { holder_agency_id: changes.holderAgencyId }
      : {}),
    ...('supplementFrom' in changes ? { supplement_from: changes.supplementFrom ?? null } : {}),
    ...('receptionSupplements' in changes
      ? { reception_supplements: changes.receptionSupplements }
      : {}),
    ...('feeOutstanding' in changes ? { fee_outstanding: changes.feeOutstanding } : {}),
    ...('pauseReason' in changes ? { pause_reason: changes.pauseReason ?? null } : {}),
  };
}

type Deps = { db: Kysely<Database>; calendar: () => Promise<WorkingCalendar> };
type Clock = { calendar: WorkingCalendar; hours: OfficeHours };

/**
 * The clock stopped while the dossier waited for the applicant (a supplement, a fee asked for):
 * the appointment and the step's end move by the working time it waited. Sets them on `patch`;
 * answers what the event records.
 */
function resumeClock(
  row: Pick<ActionDossier, 'clock_stopped_at' | 'due_at' | 'step_due_at'>,
  now: Date,
  clock: Clock,
  patch: Patch,
) {
  if (!row.clock_stopped_at) return {};
  const stopped = workingMinutesBetween(row.clock_stopped_at, now, clock.calendar, clock.hours);
  const shift = (at: Date | null) =>
    at &&
    addWorkingMinutes(
      clockStart(at, clock.calendar, clock.hours),
      stopped,
      clock.calendar,
      clock.hours,
    );
  patch.due_at = shift(row.due_at);
  patch.step_due_at = shift(row.step_due_at);
  patch.clock_stopped_at = null;
  patch.deadline_warning = null;
  return { clockStoppedMinutes: stopped, dueAt: patch.due_at?.toISOString() ?? null };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;

/** Applies lifecycle actions: the state machine decides, the clock moves, the event, notice and audit record commit together. */
export function createLifecycle({ db, calendar }: Deps) {
  /** When the current step must end: its share of the processing days, never after the appointment. */
  function stepDue(
    start: Date,
    step: WorkflowStep | undefined,
    processingDays: number,
    dossierDue: Date | null,
    clock: Clock,
  ) {
    if (!step) return null;
    const minutes = Math.round(
      (step.sharePercent / 100) * processingDays * workingMinutesPerDay(clock.hours),
    );
    const due = addWorkingMinutes(
      clockStart(start, clock.calendar, clock.hours),
      minutes,
      clock.calendar,
      clock.hours,
    );
    return dossierDue && dossierDue < due ? dossierDue : due;
  }

  async function validateInput(db: Kysely<Database>, row: ActionDossier, input: LifecycleInput) {
    if (ACTIONS_NEEDING_REASON.includes(input.action) && !input.note?.trim())
      throw dossierErrors.actionInvalid('Vui lòng ghi rõ lý do', [
        { field: '/note', code: 'required', message: 'Vui lòng ghi rõ lý do' },
      ]);
    if (input.action === 'assign' && input.assigneeId) {
      const step = row.step_index === null ? undefined : row.workflow[row.step_index];
      if (!step || !(await officerHoldsRole(db, input.assigneeId, row.holder_agency_id, step.role)))
        throw dossierErrors.actionInvalid('Cán bộ được phân công không có vai trò của bước này', [
          { field: '/assigneeId', code: 'role', message: 'Cán bộ không có vai trò của bước này' },
        ]);
    }
    if (input.action === 'reschedule') {
      const newDue = input.newDueAt ? new Date(input.newDueAt) : undefined;
      if (!newDue || newDue <= new Date() || (row.due_at && newDue <= row.due_at))
        throw dossierErrors.actionInvalid(
          'Ngày hẹn mới phải sau ngày hẹn cũ và sau thời điểm hiện tại',
          [{ field: '/newDueAt', code: 'after', message: 'Ngày hẹn mới không hợp lệ' }],
        );
    }
    if (input.action === 'rate' && !input.rating)
      throw dossierErrors.actionInvalid('Vui lòng chọn mức độ hài lòng', [
        { field: '/rating', code: 'required', message: 'Vui lòng chọn mức độ hài lòng' },
      ]);
    if (input.action === 'return_result' && !input.returnMethod)
      throw dossierErrors.actionInvalid('Vui lòng chọn hình thức trả kết quả', [
        {
          field: '/returnMethod',
          code: 'required',
          message: 'Vui lòng chọn hình thức trả kết quả',
        },
      ]);
    if (input.action === 'transfer' && input.targetAgencyId) {
      const target = await repository.findPublishedVersionFor(
        db,
        input.targetAgencyId,
        row.procedure_id,
      );
      if (!target) throw dossierErrors.transferTargetWithoutService();
      return { transferVersionId: target.id, targetName: target.agency_name };
    }
    if (input.action === 'request_opinion' && input.targetAgencyId) {
      const target = await repository.findAgencyName(db, input.targetAgencyId);
      if (!target)
        throw dossierErrors.actionInvalid('Không tìm thấy cơ quan được xin ý kiến', [
          { field: '/targetAgencyId', code: 'not_found', message: 'Không tìm thấy cơ quan' },
        ]);
      return { targetName: target.name };
    }
    return {};
  }

  return {
    /**
     * One lifecycle action on a dossier the caller may see (`scope`), if it is still as the caller
     * saw it (`lockVersion`). Refusals change nothing. `within` adds writes of its own (the
     * applicant's new files), committed with the move or not at all.
     */
    async act(
      actor: Actor,
      where: { id: string } | { code: string },
      scope: DossierScope,
      input: LifecycleInput,
      within?: (tx: Transaction<Database>, row: ActionDossier) => Promise<WithinResult>,
    ) {
      const workingCalendar = await calendar();
      const row = visibleOr404(
        await repository.findDossierForAction(db, where, scope),
        dossierErrors.notFound,
      );
      if (row.lock_version !== input.lockVersion) throw dossierErrors.staleVersion();
      const extra = await validateInput(db, row, input);
      const decision = decide(stateOf(row), {
        action: input.action,
        actor: lifecycleActor(actor, row),
        workflow: row.workflow,
        assigneeId: input.assigneeId,
        targetAgencyId: input.targetAgencyId,
        feeRequestable: row.fee_requestable,
      });
      if (!decision.ok) throw REFUSAL_ERRORS[decision.refusal]();
      const { event } = decision;

      const now = new Date();
      const clock = { calendar: workingCalendar, hours: row.office_hours };
      const patch: Patch = patchFor(event);
      const details: Record<string, unknown> = {};
      const enterStep = (index: number, dossierDue: Date | null) => {
        const due = stepDue(now, row.workflow[index], row.processing_days, dossierDue, clock);
        patch.step_started_at = now;
        patch.step_due_at = due;
        details.step = row.workflow[index]?.name ?? null;
        details.stepDueAt = due?.toISOString() ?? null;
      };

      switch (input.action) {
        case 'receive': {
          const due = dueTime(now, row.processing_days, clock.calendar, clock.hours);
          patch.received_at = now;
          patch.due_at = due;
          details.dueAt = due.toISOString();
          enterStep(0, due);
          break;
        }
        case 'forward':
        case 'send_back':
        case 'accept_transfer':
          enterStep(event.changes.stepIndex ?? 0, row.due_at);
          break;
        case 'request_supplement':
          details.reasons = input.note;
          if (event.from === 'processing') patch.clock_stopped_at = now;
          break;
        case 'supplement':
          if (event.to === 'processing')
            Object.assign(details, resumeClock(row, now, clock, patch));
          break;
        case 'request_fee':
          patch.clock_stopped_at = now;
          details.amountVnd = row.fee_due_vnd;
          break;
        case 'transfer':
          patch.workflow_version_id = extra.transferVersionId;
          patch.step_started_at = null;
          patch.step_due_at = null;
          details.targetAgencyId = input.targetAgencyId;
          details.targetAgencyName = extra.targetName;
          break;
        case 'request_opinion':
          details.targetAgencyId = input.targetAgencyId;
          details.targetAgencyName = extra.targetName;
          break;
        case 'assign':
          details.assigneeId = input.assigneeId;
          break;
        case 'approve':
        case 'refuse':
        case 'withdraw':
          patch.finished_at = now;
          patch.step_due_at = null;
          break;
        case 'reschedule':
          patch.due_at = new Date(input.newDueAt ?? '');
          details.previousDueAt = row.due_at?.toISOString() ?? null;
          details.dueAt = patch.due_at.toISOString();
          break;
        case 'return_result':
          patch.returned_at = now;
          patch.return_method = input.returnMethod;
          details.returnMethod = input.returnMethod;
          break;
        case 'rate':
          patch.rating = input.rating;
          patch.rating_comment = input.note?.trim() || null;
          details.rating = input.rating;
          break;
        case 'claim':
        case 'record_opinion':
        case 'submit':
        case 'register':
        case 'pay':
        case 'reorganise': // never decided by the state machine
          break;
      }

      // A new appointment deserves its own warnings.
      if (patch.due_at !== undefined) patch.deadline_warning = null;
      const note = input.action === 'rate' ? null : input.note?.trim() || null;
      const notice = applicantNotice(input.action, row, {
        note,
        dueAt:
          patch.due_at === undefined
            ? row.due_at
            : patch.due_at === null
              ? null
              : new Date(patch.due_at),
        targetName: extra.targetName,
      });
      const rowsWith = (extra: WithinResult = {}): RowWrite[] => [
        {
          table: 'dossier_event',
          row: {
            dossier_id: row.id,
            // The agency that acted: for a transfer, the one sending the dossier; at a service
            // center's desk, the center (its receptions count there).
            agency_id: actingAgency(row, input.action),
            action: input.action,
            from_status: event.from,
            to_status: event.to,
            actor_id: actor.accountId,
            note,
            details: JSON.stringify(details),
          },
        },
        ...(notice && actor.accountId !== row.applicant_id
          ? noticeRows({
              accountId: row.applicant_id,
              email: row.applicant_email,
              dossierId: row.id,
              ...notice,
              ...(extra.notice
                ? {
                    body: `${notice.body} ${extra.notice.addendum}`,
                    attachments: extra.notice.attachments,
                  }
                : {}),
            })
          : []),
        auditRecord({
          actor,
          action: 'dossier.transition',
          subject: { type: 'dossier', id: row.id },
          agencyId: actingAgency(row, input.action),
          details: { action: input.action, code: row.code, from: event.from, to: event.to },
        }),
        progressRecord(row, input.action, event, patch, now),
      ];
      const move = { dossierId: row.id, lockVersion: input.lockVersion, to: event.to, patch };
      const updated = within
        ? await db.transaction().execute(async (tx) => {
            const extra = await within(tx, row);
            const moved = await repository.applyTransition(tx, move, rowsWith(extra));
            if (!moved) throw dossierErrors.staleVersion();
            return moved;
          })
        : await repository.applyTransition(db, move, rowsWith());
      if (!updated) throw dossierErrors.staleVersion();
      return {
        id: updated.id,
        status: updated.status,
        lockVersion: updated.lock_version,
        receivedAt: updated.received_at,
        dueAt: updated.due_at,
      };
    },
  };
}

/**
 * Records what the gateway confirmed: a fee due at submission lets reception receive the dossier;
 * a fee asked for during processing resumes it, the appointment moved by the time it waited. Runs
 * in the payment's transaction, so the payment and the dossier's event commit together. Answers
 * false when the dossier was not waiting for a fee (the payment stands on its own).
 */
export function createFeePaidRecorder(calendar: () => Promise<WorkingCalendar>) {
  return async (
    tx: Transaction<Database>,
    dossierId: string,
    facts: { receiptNo: string; amountVnd: number },
  ) => {
    const row = await repository.findDossierForAction(tx, { id: dossierId }, 'system');
    if (!row) throw dossierErrors.notFound();
    const decision = decide(stateOf(row), {
      action: 'pay',
      actor: { kind: 'gateway' },
      workflow: row.workflow,
    });
    if (!decision.ok) return false;
    const { event } = decision;
    const patch = patchFor(event);
    const details: Record<string, unknown> = { ...facts };
    if (event.from === 'paused') {
      const clock = { calendar: await calendar(), hours: row.office_hours };
      Object.assign(details, resumeClock(row, new Date(), clock, patch));
    }
    const moved = await repository.applyTransition(
      tx,
      { dossierId, lockVersion: row.lock_version, to: event.to, patch },
      [
        {
          table: 'dossier_event',
          row: {
            dossier_id: dossierId,
            agency_id: row.holder_agency_id,
            action: 'pay',
            from_status: event.from,
            to_status: event.to,
            actor_id: null,
            note: null,
            details: JSON.stringify(details),
          },
        },
        progressRecord(row, 'pay', event, patch, new Date()),
      ],
    );
    if (!moved) throw dossierErrors.staleVersion();
    return true;
  };
}
