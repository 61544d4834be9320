import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decide,
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  evolve,
  initialState,
  replay,
  type DossierState,
  type DossierStatus,
  type LifecycleActor,
  type LifecycleCommand,
  type LifecycleEvent,
  type WorkflowStep,
} from './dossier-lifecycle.ts';

/** The edges Decree 61/2018 (as amended) allows, written independently of the machine. */
const LEGAL: Record<DossierStatus, readonly DossierStatus[]> = {
  draft: ['submitted'],
  // submitted → submitted: the fee due at submission is paid.
  submitted: ['submitted', 'supplement_requested', 'received', 'refused', 'withdrawn'],
  supplement_requested: ['submitted', 'processing', 'supplement_requested', 'withdrawn'],
  received: ['processing', 'received', 'withdrawn'],
  processing: [
    'processing',
    'supplement_requested',
    'paused',
    'transferred',
    'result_ready',
    'refused',
    'withdrawn',
  ],
  paused: ['processing', 'paused', 'withdrawn'],
  transferred: ['received', 'transferred', 'withdrawn'],
  result_ready: ['returned'],
  returned: ['returned'],
  refused: [],
  withdrawn: [],
};

const WORKFLOW: WorkflowStep[] = [
  { key: 'specialist', name: 'Chuyên viên thẩm định', role: 'specialist', sharePercent: 60 },
  { key: 'head', name: 'Lãnh đạo phòng xem xét', role: 'department_head', sharePercent: 20 },
  { key: 'leader', name: 'Lãnh đạo ký duyệt', role: 'leader', sharePercent: 20 },
];

const officers = {
  reception: { kind: 'officer', id: 'o-reception', roles: ['reception'] },
  specialist: { kind: 'officer', id: 'o-specialist', roles: ['specialist'] },
  head: { kind: 'officer', id: 'o-head', roles: ['department_head'] },
  leader: { kind: 'officer', id: 'o-leader', roles: ['leader'] },
} satisfies Record<string, LifecycleActor>;
const applicant: LifecycleActor = { kind: 'applicant' };
const gateway: LifecycleActor = { kind: 'gateway' };

const command = fc.record({
  action: fc.constantFrom(...DOSSIER_ACTIONS),
  actor: fc.constantFrom<LifecycleActor>(applicant, gateway, ...Object.values(officers)),
  feeDue: fc.boolean(),
  feeRequestable: fc.boolean(),
  assigneeId: fc.constantFrom('o-specialist', 'o-head', 'o-leader'),
  targetAgencyId: fc.constantFrom('agency-a', 'agency-b'),
});

/** Runs commands from a draft of agency A; refused commands change nothing. */
function run(commands: Omit<LifecycleCommand, 'workflow'>[]) {
  let state = initialState('agency-a');
  const events: LifecycleEvent[] = [];
  const visited: DossierState[] = [state];
  for (const c of commands) {
    const decision = decide(state, { ...c, workflow: WORKFLOW });
    if (!decision.ok) continue;
    events.push(decision.event);
    state = evolve(state, decision.event);
    visited.push(state);
  }
  return { state, events, visited };
}

const step = (
  state: DossierState,
  action: LifecycleCommand['action'],
  actor: LifecycleActor,
  extra: Partial<LifecycleCommand> = {},
) => {
  const decision = decide(state, { action, actor, workflow: WORKFLOW, ...extra });
  if (!decision.ok) throw new Error(`${action} refused: ${decision.refusal}`);
  return evolve(state, decision.event);
};

describe('dossier lifecycle', () => {
  it('follows a dossier through reception, three steps, transfer, approval, return and rating', () => {
    let s = step(initialState('agency-a'), 'submit', applicant);
    s = step(s, 'request_supplement', officers.reception);
    expect(s.status).toBe('supplement_requested');
    s = step(s, 'supplement', applicant);
    expect(s.status).toBe('submitted');
    s = step(s, 'receive', officers.reception);
    expect(s).toMatchObject({ status: 'received', stepIndex: 0, assigneeId: null });
    s = step(s, 'claim', officers.specialist);
    s = step(s, 'forward', officers.specialist);
    expect(s).toMatchObject({ status: 'processing', stepIndex: 1, assigneeId: null });
    s = step(s, 'claim', officers.head);
    s = step(s, 'transfer', officers.head, { targetAgencyId: 'agency-b' });
    expect(s).toMatchObject({ status: 'transferred', holderAgencyId: 'agency-b' });
    s = step(s, 'accept_transfer', officers.reception);
    s = step(s, 'assign', officers.head, { assigneeId: 'o-specialist' });
    s = step(s, 'forward', officers.specialist);
    s = step(s, 'claim', officers.head);
    s = step(s, 'forward', officers.head);
    s = step(s, 'claim', officers.leader);
    s = step(s, 'approve', officers.leader);
    s = step(s, 'return_result', officers.reception);
    s = step(s, 'rate', applicant);
    expect(s).toMatchObject({ status: 'returned', rated: true });
  });

  it('keeps a dossier whose fee is due at submission from reception until the gateway confirms it', () => {
    let s = step(initialState('agency-a'), 'submit', applicant, { feeDue: true });
    expect(s.feeOutstanding).toBe(true);
    expect(decide(s, { action: 'receive', actor: officers.reception, workflow: WORKFLOW })).toEqual(
      { ok: false, refusal: 'fee_unpaid' },
    );
    for (const actor of [applicant, officers.reception])
      expect(decide(s, { action: 'pay', actor, workflow: WORKFLOW })).toEqual({
        ok: false,
        refusal: 'not_permitted',
      });
    s = step(s, 'pay', gateway);
    expect(s).toMatchObject({ status: 'submitted', feeOutstanding: false });
    expect(decide(s, { action: 'pay', actor: gateway, workflow: WORKFLOW })).toEqual({
      ok: false,
      refusal: 'wrong_state',
    });
    expect(step(s, 'receive', officers.reception).status).toBe('received');
  });

  it('pauses processing for a fee the officer asks for, until the gateway confirms it', () => {
    let s = step(initialState('agency-a'), 'submit', applicant);
    s = step(s, 'receive', officers.reception);
    s = step(s, 'claim', officers.specialist);
    const ask = (state: DossierState, actor: LifecycleActor, feeRequestable: boolean) =>
      decide(state, { action: 'request_fee', actor, workflow: WORKFLOW, feeRequestable });
    expect(ask(s, officers.specialist, false)).toEqual({ ok: false, refusal: 'no_fee_due' });
    expect(ask(s, officers.head, true)).toEqual({ ok: false, refusal: 'not_assignee' });
    s = step(s, 'request_fee', officers.specialist, { feeRequestable: true });
    expect(s).toMatchObject({ status: 'paused', pauseReason: 'fee', feeOutstanding: true });
    // Only the gateway's confirmation resumes it: the officer cannot forward or record an opinion.
    for (const action of ['forward', 'record_opinion', 'approve'] as const)
      expect(decide(s, { action, actor: officers.specialist, workflow: WORKFLOW }).ok).toBe(false);
    expect(ask(s, officers.specialist, true)).toEqual({ ok: false, refusal: 'wrong_state' });
    s = step(s, 'pay', gateway);
    expect(s).toMatchObject({
      status: 'processing',
      pauseReason: null,
      feeOutstanding: false,
      assigneeId: 'o-specialist',
    });
  });

  it('refuses what the law or the role does not allow, with the reason', () => {
    const submitted = step(initialState('a'), 'submit', applicant);
    const resubmitted = step(
      step(submitted, 'request_supplement', officers.reception),
      'supplement',
      applicant,
    );
    // One supplement request at reception, listing everything missing: never a second one.
    expect(
      decide(resubmitted, {
        action: 'request_supplement',
        actor: officers.reception,
        workflow: WORKFLOW,
      }),
    ).toEqual({ ok: false, refusal: 'supplement_once' });
    expect(
      decide(submitted, { action: 'receive', actor: officers.specialist, workflow: WORKFLOW }),
    ).toEqual({
      ok: false,
      refusal: 'not_permitted',
    });
    const received = step(submitted, 'receive', officers.reception);
    expect(
      decide(received, { action: 'claim', actor: officers.leader, workflow: WORKFLOW }),
    ).toEqual({
      ok: false,
      refusal: 'not_permitted',
    });
    const claimed = step(received, 'claim', officers.specialist);
    expect(
      decide(claimed, { action: 'forward', actor: officers.head, workflow: WORKFLOW }),
    ).toEqual({
      ok: false,
      refusal: 'not_assignee',
    });
    expect(
      decide(claimed, { action: 'approve', actor: officers.specialist, workflow: WORKFLOW }),
    ).toEqual({
      ok: false,
      refusal: 'wrong_state',
    });
    expect(
      decide(claimed, { action: 'send_back', actor: officers.specialist, workflow: WORKFLOW }),
    ).toEqual({
      ok: false,
      refusal: 'first_step',
    });
  });

  it('no sequence of actions takes a step the law does not allow', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const { events, visited } = run(commands);
        for (const event of events) expect(LEGAL[event.from]).toContain(event.to);
        for (const state of visited) {
          expect(DOSSIER_STATUSES).toContain(state.status);
          expect(state.receptionSupplements).toBeLessThanOrEqual(1);
        }
        // Never received, nor approved, while a fee is owed and unpaid.
        events.forEach((event, i) => {
          if (event.action === 'receive' || event.action === 'approve')
            expect(visited[i]?.feeOutstanding).toBe(false);
        });
        const statuses = events.map((e) => e.to);
        const returnedAt = statuses.indexOf('returned');
        if (returnedAt >= 0) {
          // A result is returned only after reception and approval of the last step.
          expect(statuses.slice(0, returnedAt)).toContain('received');
          expect(statuses[returnedAt - 1]).toBe('result_ready');
        }
        expect(events.filter((e) => e.action === 'rate').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('replaying the events of a dossier always rebuilds its current state', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const { state, events } = run(commands);
        expect(replay('agency-a', events)).toEqual(state);
      }),
      { numRuns: 1000 },
    );
  });

  it('overdue is not a status', () => {
    expect(DOSSIER_STATUSES).not.toContain('overdue');
  });
});

describe('a service center’s desk (reception regardless of boundary, Decree 118/2025)', () => {
  // The center's reception officer holds no role at the competent agency; the agency's own
  // reception officer none at the center.
  const centerDesk: LifecycleActor = {
    kind: 'officer',
    id: 'o-center',
    roles: [],
    deskRoles: { reception: ['reception'], return: ['reception'] },
  };
  const agencyDesk: LifecycleActor = {
    kind: 'officer',
    id: 'o-reception',
    roles: ['reception'],
    deskRoles: { reception: [], return: [] },
  };

  it('receives and returns at the center; the competent agency handles the steps between', () => {
    let state = step(initialState('agency-a'), 'register', officers.reception);
    expect(decide(state, { action: 'receive', actor: agencyDesk, workflow: WORKFLOW })).toEqual({
      ok: false,
      refusal: 'not_permitted',
    });
    state = step(state, 'receive', centerDesk);
    expect(decide(state, { action: 'claim', actor: centerDesk, workflow: WORKFLOW }).ok).toBe(
      false,
    );
    for (const [actor, role] of [
      [officers.specialist, 'forward'],
      [officers.head, 'forward'],
      [officers.leader, 'approve'],
    ] as const) {
      state = step(state, 'claim', actor);
      state = step(state, role, actor);
    }
    expect(state.status).toBe('result_ready');
    expect(
      decide(state, { action: 'return_result', actor: agencyDesk, workflow: WORKFLOW }),
    ).toEqual({ ok: false, refusal: 'not_permitted' });
    expect(step(state, 'return_result', centerDesk).status).toBe('returned');
  });
});
