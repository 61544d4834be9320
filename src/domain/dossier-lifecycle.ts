/**
 * The dossier lifecycle of the one-stop shop (Decree 61/2018/NĐ-CP, amended by Decree 107/2021/NĐ-CP)
 * as a pure state machine: `decide` says whether an actor may take an action now and which event
 * it writes; `evolve` applies an event. A dossier's state is always the fold of its events.
 * Overdue is derived from the due time and is never a status.
 */

import { DOSSIER_STEP_ROLES, type ProcessingRole, type WorkflowStepRole } from './access.ts';

export const DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'received',
  'processing',
  'supplement_requested',
  'paused',
  'result_ready',
  'returned',
  'refused',
  'withdrawn',
  'transferred',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_CHANNELS = ['online', 'counter', 'post'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

export const DOSSIER_ACTIONS = [
  'submit',
  'register',
  'request_supplement',
  'supplement',
  'receive',
  'refuse',
  'claim',
  'assign',
  'forward',
  'send_back',
  'request_opinion',
  'record_opinion',
  'transfer',
  'accept_transfer',
  'approve',
  'reschedule',
  'return_result',
  'withdraw',
  'rate',
  'request_fee',
  'pay',
  /**
   * The agency was merged into another (a reorganisation): the dossier continues at the successor,
   * in the same state and with the same appointment. Recorded by the reorganisation, never asked
   * of the state machine.
   */
  'reorganise',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export type { ProcessingRole };

/** One step of a procedure version's internal workflow (quy trình nội bộ). */
export type WorkflowStep = {
  key: string;
  name: string;
  role: WorkflowStepRole;
  /** Share of the processing days, in percent; the steps of a workflow add up to 100. */
  sharePercent: number;
};

export type DossierState = {
  status: DossierStatus;
  /** The agency holding the dossier now: the receiving one, or the one it was transferred to. */
  holderAgencyId: string;
  /** Index of the current step in the holder's workflow, while received or in processing. */
  stepIndex: number | null;
  assigneeId: string | null;
  /** Where a supplement returns the dossier: to reception (`submitted`) or back to processing. */
  supplementFrom: 'submitted' | 'processing' | null;
  /** Supplement requests made at reception: the law allows one, listing everything missing. */
  receptionSupplements: number;
  /** Why processing waits: another agency's opinion (the clock runs) or a fee the officer asked for (it stops). */
  pauseReason: PauseReason | null;
  rated: boolean;
  /**
   * A fee is owed and not paid: due at submission, the dossier waits unreceived; asked for during
   * processing, it waits paused.
   */
  feeOutstanding: boolean;
};

export type PauseReason = 'opinion' | 'fee';

export type LifecycleActor =
  | { kind: 'applicant' }
  /** The payment gateway's confirmation, on the applicant's behalf. */
  | { kind: 'gateway' }
  | {
      kind: 'officer';
      id: string;
      /** The actor's roles in the agency holding the dossier. */
      roles: readonly ProcessingRole[];
      /**
       * When a Public Administration Service Center received the dossier or returns its result
       * for the holder (reception regardless of boundary, Decree 118/2025): the actor's roles at
       * that desk, which alone act there.
       */
      deskRoles?: { reception: readonly ProcessingRole[]; return: readonly ProcessingRole[] };
    };

export type LifecycleCommand = {
  action: DossierAction;
  actor: LifecycleActor;
  /** Steps of the holder's workflow (for `accept_transfer`: of the receiving agency's). */
  workflow: readonly WorkflowStep[];
  /** `assign`: the officer given the step. */
  assigneeId?: string;
  /** `transfer`: the agency that continues the dossier. */
  targetAgencyId?: string;
  /** `submit`, `register`: a fee is due at submission (the applicant pays before reception). */
  feeDue?: boolean;
  /** `request_fee`: the dossier owes a fee not yet paid, which the version has the officer ask for. */
  feeRequestable?: boolean;
};

export type LifecycleEvent = {
  action: DossierAction;
  from: DossierStatus;
  to: DossierStatus;
  /** The state fields the event sets. */
  changes: Partial<Omit<DossierState, 'status'>>;
};

export type Refusal =
  | 'wrong_state'
  | 'not_permitted'
  | 'not_assignee'
  | 'supplement_once'
  | 'last_step'
  | 'first_step'
  | 'missing_target'
  | 'fee_unpaid'
  | 'no_fee_due';

export type Decision = { ok: true; event: LifecycleEvent } | { ok: false; refusal: Refusal };

/** Actions whose reason the applicant reads in the notice and the form: taken without one, they are refused. */
export const ACTIONS_NEEDING_REASON: readonly DossierAction[] = [
  'request_supplement',
  'refuse',
  'send_back',
  'reschedule',
  'request_opinion',
  'transfer',
];

/** Statuses in which the citizen may still withdraw the dossier. */
const WITHDRAWABLE: readonly DossierStatus[] = [
  'submitted',
  'supplement_requested',
  'received',
  'processing',
  'paused',
  'transferred',
];

/** Statuses in which the appointment may be moved (with the apology letter). */
export const RESCHEDULABLE: readonly DossierStatus[] = [
  'received',
  'processing',
  'paused',
  'supplement_requested',
  'transferred',
];

export function initialState(holderAgencyId: string): DossierState {
  return {
    status: 'draft',
    holderAgencyId,
    stepIndex: null,
    assigneeId: null,
    supplementFrom: null,
    receptionSupplements: 0,
    pauseReason: null,
    rated: false,
    feeOutstanding: false,
  };
}

export function evolve(state: DossierState, event: LifecycleEvent): DossierState {
  return { ...state, ...event.changes, status: event.to };
}

export function replay(holderAgencyId: string, events: readonly LifecycleEvent[]): DossierState {
  return events.reduce(evolve, initialState(holderAgencyId));
}

const refuse = (refusal: Refusal): Decision => ({ ok: false, refusal });

export function decide(state: DossierState, command: LifecycleCommand): Decision {
  const { action, actor } = command;
  const from = state.status;
  const has = (roles: readonly ProcessingRole[]) =>
    actor.kind === 'officer' && roles.some((r) => actor.roles.includes(r));
  /** Roles at the desk that receives the dossier, or returns its result. */
  const hasAt = (desk: 'reception' | 'return', roles: readonly ProcessingRole[]) =>
    actor.kind === 'officer' &&
    roles.some((r) => (actor.deskRoles?.[desk] ?? actor.roles).includes(r));
  const may = DOSSIER_STEP_ROLES;
  const step = state.stepIndex === null ? undefined : command.workflow[state.stepIndex];
  const isAssignee = actor.kind === 'officer' && state.assigneeId === actor.id;
  const to = (status: DossierStatus, changes: LifecycleEvent['changes'] = {}): Decision => ({
    ok: true,
    event: { action, from, to: status, changes },
  });
  const byAssignee = (decision: () => Decision): Decision => {
    if (actor.kind !== 'officer') return refuse('not_permitted');
    return isAssignee ? decision() : refuse('not_assignee');
  };

  switch (action) {
    case 'submit':
      if (from !== 'draft') return refuse('wrong_state');
      return actor.kind === 'applicant'
        ? to('submitted', { feeOutstanding: command.feeDue ?? false })
        : refuse('not_permitted');
    case 'register':
      if (from !== 'draft') return refuse('wrong_state');
      return has(may.register)
        ? to('submitted', { feeOutstanding: command.feeDue ?? false })
        : refuse('not_permitted');
    case 'pay':
      if (!state.feeOutstanding) return refuse('wrong_state');
      if (actor.kind !== 'gateway') return refuse('not_permitted');
      if (from === 'submitted') return to('submitted', { feeOutstanding: false });
      if (from === 'paused' && state.pauseReason === 'fee')
        return to('processing', { feeOutstanding: false, pauseReason: null });
      return refuse('wrong_state');
    case 'request_fee':
      if (from !== 'processing') return refuse('wrong_state');
      return byAssignee(() =>
        command.feeRequestable
          ? to('paused', { pauseReason: 'fee', feeOutstanding: true })
          : refuse('no_fee_due'),
      );
    case 'receive':
      if (from !== 'submitted') return refuse('wrong_state');
      if (!hasAt('reception', may.receive)) return refuse('not_permitted');
      if (state.feeOutstanding) return refuse('fee_unpaid');
      return to('received', { stepIndex: 0, assigneeId: null, supplementFrom: null });
    case 'request_supplement':
      if (from === 'submitted') {
        if (!hasAt('reception', may.requestSupplementAtReception)) return refuse('not_permitted');
        if (state.receptionSupplements >= 1) return refuse('supplement_once');
        return to('supplement_requested', {
          supplementFrom: 'submitted',
          receptionSupplements: state.receptionSupplements + 1,
        });
      }
      if (from !== 'processing') return refuse('wrong_state');
      return byAssignee(() => to('supplement_requested', { supplementFrom: 'processing' }));
    case 'supplement':
      if (from !== 'supplement_requested' || !state.supplementFrom) return refuse('wrong_state');
      if (
        actor.kind !== 'applicant' &&
        !(state.supplementFrom === 'submitted'
          ? hasAt('reception', may.supplementAtCounter)
          : has(may.supplementAtCounter))
      )
        return refuse('not_permitted');
      return to(state.supplementFrom, { supplementFrom: null });
    case 'refuse':
      if (from === 'submitted')
        return hasAt('reception', may.refuseAtReception) ? to('refused') : refuse('not_permitted');
      if (from !== 'processing') return refuse('wrong_state');
      return has(may.refuseInProcessing)
        ? to('refused', { stepIndex: null, assigneeId: null })
        : refuse('not_permitted');
    case 'claim':
      if (from !== 'received' && from !== 'processing') return refuse('wrong_state');
      if (actor.kind !== 'officer' || !step || !actor.roles.includes(step.role))
        return refuse('not_permitted');
      if (state.assigneeId !== null) return refuse('wrong_state');
      return to('processing', { assigneeId: actor.id });
    case 'assign':
      if (from !== 'received' && from !== 'processing') return refuse('wrong_state');
      if (!has(may.assign)) return refuse('not_permitted');
      if (!command.assigneeId) return refuse('missing_target');
      return to('processing', { assigneeId: command.assigneeId });
    case 'forward':
      if (from !== 'processing') return refuse('wrong_state');
      return byAssignee(() =>
        state.stepIndex === null || state.stepIndex + 1 >= command.workflow.length
          ? refuse('last_step')
          : to('processing', { stepIndex: state.stepIndex + 1, assigneeId: null }),
      );
    case 'send_back':
      if (from !== 'processing') return refuse('wrong_state');
      return byAssignee(() =>
        state.stepIndex === null || state.stepIndex === 0
          ? refuse('first_step')
          : to('processing', { stepIndex: state.stepIndex - 1, assigneeId: null }),
      );
    case 'request_opinion':
      if (from !== 'processing') return refuse('wrong_state');
      if (!command.targetAgencyId) return refuse('missing_target');
      return byAssignee(() => to('paused', { pauseReason: 'opinion' }));
    case 'record_opinion':
      if (from !== 'paused' || state.pauseReason !== 'opinion') return refuse('wrong_state');
      return byAssignee(() => to('processing', { pauseReason: null }));
    case 'transfer':
      if (from !== 'processing') return refuse('wrong_state');
      if (!command.targetAgencyId || command.targetAgencyId === state.holderAgencyId)
        return refuse('missing_target');
      return byAssignee(() =>
        to('transferred', {
          holderAgencyId: command.targetAgencyId,
          stepIndex: null,
          assigneeId: null,
        }),
      );
    case 'accept_transfer':
      if (from !== 'transferred') return refuse('wrong_state');
      return has(may.acceptTransfer)
        ? to('received', { stepIndex: 0, assigneeId: null })
        : refuse('not_permitted');
    case 'approve':
      if (from !== 'processing') return refuse('wrong_state');
      return byAssignee(() =>
        state.stepIndex !== command.workflow.length - 1
          ? refuse('wrong_state')
          : to('result_ready', { stepIndex: null, assigneeId: null }),
      );
    case 'reschedule':
      if (!RESCHEDULABLE.includes(from)) return refuse('wrong_state');
      return has(may.reschedule) || isAssignee ? to(from) : refuse('not_permitted');
    case 'return_result':
      if (from !== 'result_ready') return refuse('wrong_state');
      return hasAt('return', may.returnResult) ? to('returned') : refuse('not_permitted');
    case 'withdraw':
      if (!WITHDRAWABLE.includes(from)) return refuse('wrong_state');
      return actor.kind === 'applicant' || has(may.withdrawAtCounter)
        ? to('withdrawn', { stepIndex: null, assigneeId: null })
        : refuse('not_permitted');
    case 'rate':
      if (from !== 'returned' || state.rated) return refuse('wrong_state');
      return actor.kind === 'applicant' ? to('returned', { rated: true }) : refuse('not_permitted');
    case 'reorganise':
      return refuse('not_permitted');
  }
}

/** The actions `actor` may take now (targets stand in for the choices a form asks for). */
export function availableActions(
  state: DossierState,
  actor: LifecycleActor,
  workflow: readonly WorkflowStep[],
  facts: Pick<LifecycleCommand, 'feeRequestable'> = {},
): DossierAction[] {
  return DOSSIER_ACTIONS.filter(
    (action) =>
      action !== 'submit' &&
      action !== 'register' &&
      decide(state, {
        action,
        actor,
        workflow,
        ...facts,
        assigneeId: 'chosen-officer',
        targetAgencyId: 'chosen-agency',
      }).ok,
  );
}

/** The dossier is finished for the agency: no action but the rating follows. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['returned', 'refused', 'withdrawn'];

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  submitted: { vi: 'Đã nộp, chờ tiếp nhận', en: 'Submitted, awaiting reception' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang xử lý', en: 'Processing' },
  supplement_requested: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  transferred: { vi: 'Đã chuyển liên thông', en: 'Transferred' },
};

export const DOSSIER_CHANNEL_LABELS: Record<DossierChannel, { vi: string; en: string }> = {
  online: { vi: 'Trực tuyến', en: 'Online' },
  counter: { vi: 'Trực tiếp tại Bộ phận Một cửa', en: 'At the one-stop desk' },
  post: { vi: 'Qua dịch vụ bưu chính', en: 'By post' },
};

/** What each event means for the citizen, in plain Vietnamese (the timeline). */
export const DOSSIER_ACTION_LABELS: Record<DossierAction, { vi: string; en: string }> = {
  submit: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submitted online' },
  register: {
    vi: 'Bộ phận Một cửa nhập hồ sơ nộp trực tiếp/qua bưu chính',
    en: 'Registered at the desk',
  },
  request_supplement: { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Supplement requested' },
  supplement: { vi: 'Đã bổ sung hồ sơ', en: 'Supplement provided' },
  receive: { vi: 'Tiếp nhận hồ sơ, hẹn ngày trả kết quả', en: 'Received, appointment given' },
  refuse: { vi: 'Từ chối giải quyết hồ sơ', en: 'Refused' },
  claim: { vi: 'Cán bộ bắt đầu xử lý', en: 'Taken up' },
  assign: { vi: 'Phân công xử lý', en: 'Assigned' },
  forward: { vi: 'Chuyển bước xử lý tiếp theo', en: 'Forwarded to the next step' },
  send_back: { vi: 'Trả lại bước trước để xử lý lại', en: 'Sent back to the previous step' },
  request_opinion: { vi: 'Xin ý kiến cơ quan liên quan', en: 'Opinion requested' },
  record_opinion: { vi: 'Đã có ý kiến của cơ quan liên quan', en: 'Opinion received' },
  transfer: { vi: 'Chuyển liên thông sang cơ quan khác', en: 'Transferred to another agency' },
  accept_transfer: { vi: 'Cơ quan liên thông tiếp nhận hồ sơ', en: 'Accepted by the agency' },
  approve: { vi: 'Phê duyệt, đã có kết quả', en: 'Approved, result ready' },
  reschedule: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new appointment' },
  return_result: { vi: 'Trả kết quả', en: 'Result returned' },
  withdraw: {
    vi: 'Rút hồ sơ theo đề nghị của người nộp',
    en: 'Withdrawn at the applicant’s request',
  },
  rate: { vi: 'Đánh giá mức độ hài lòng', en: 'Satisfaction rated' },
  request_fee: {
    vi: 'Đề nghị nộp phí, lệ phí (tạm dừng tính thời hạn đến khi nộp)',
    en: 'Fee requested (the clock stops until it is paid)',
  },
  pay: { vi: 'Đã thanh toán phí, lệ phí trực tuyến', en: 'Fee paid online' },
  reorganise: {
    vi: 'Chuyển cơ quan kế thừa giải quyết do sắp xếp tổ chức bộ máy',
    en: 'Moved to the successor agency (reorganisation)',
  },
};
