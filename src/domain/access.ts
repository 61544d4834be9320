/**
 * Who may do what: every role list of the product, in one place, shared by the server (which
 * enforces it) and the web app (which offers only what the server will allow).
 *
 * An officer holds roles at agencies (`Grant`). A rule names the roles that allow an action at the
 * agency where they are held (`at`), and whether the national roles allow it at every agency
 * (`national`). A few actions belong to the system administrator alone (`systemOnly`). What a
 * dossier's state further allows (which step, which status, the assignee) is the lifecycle's
 * business (`dossier-lifecycle.ts`), with the roles of each step below (`DOSSIER_STEP_ROLES`).
 */

import type { WorkflowStep } from './dossier-lifecycle.ts';
import { isOneOf } from './one-of.ts';

/** The roles an officer may hold in an agency, in the order the administration pages list them. */
export const OFFICER_ROLES = [
  'reception',
  'specialist',
  'department_head',
  'leader',
  'feedback_desk',
  'agency_admin',
  'national_supervisor',
  'system_admin',
] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const isOfficerRole = (role: string): role is OfficerRole => isOneOf(OFFICER_ROLES, role);

/** Roles that reach every agency: the national office and the system's administrators. */
export const NATIONAL_ROLES: readonly OfficerRole[] = ['national_supervisor', 'system_admin'];

/** The roles that take a dossier through its steps (an administrator reads, and acts only through one of these). */
export type ProcessingRole = 'reception' | 'specialist' | 'department_head' | 'leader';

type Rule = {
  /** Roles that allow the action at the agency where they are held. */
  at: readonly OfficerRole[];
  /** The national roles allow it at every agency. */
  national?: true;
  /** Only the system administrator may. */
  systemOnly?: true;
};

const DESK_AND_PROCESSING: readonly ProcessingRole[] = [
  'reception',
  'specialist',
  'department_head',
  'leader',
];
/** Those who answer for an agency's figures. */
const OVERSIGHT: readonly OfficerRole[] = ['leader', 'department_head', 'agency_admin'];

export const ACCESS_POLICY = {
  /** See an agency's dossiers in the back office: the inbox, a dossier, its files, forms and result. */
  'dossier.read': { at: [...DESK_AND_PROCESSING, 'agency_admin'] },
  /** Take a lifecycle step on a dossier the agency holds (the step's own roles narrow it). */
  'dossier.act': { at: DESK_AND_PROCESSING },
  /** Register a dossier handed in at the counter. */
  'dossier.register': { at: ['reception'] },
  /** Be reminded of the agency's dossiers coming due. */
  'dossier.remind': { at: ['leader', 'department_head'] },
  /** Draft the result document of a dossier in processing. */
  'result.draft': { at: ['specialist', 'department_head', 'leader'] },
  /** Read the agency's payments against the bank's records. */
  'payment.reconcile': { at: ['reception', 'leader', 'agency_admin'], national: true },
  /** Refund a fee the agency collected. */
  'payment.refund': { at: ['leader', 'agency_admin'] },
  /** Read the agency's monthly reports. */
  'report.read': { at: OVERSIGHT, national: true },
  /** Send the agency's monthly report, once. */
  'report.submit': { at: ['leader', 'agency_admin'], national: true },
  /** Open the dossiers behind an agency's figures. */
  'stats.drill': { at: OVERSIGHT, national: true },
  /** Design, publish and withdraw the agency's services, and upload their templates. */
  'catalog.manage': { at: ['agency_admin'] },
  /** Export the catalogue of the agencies administered. */
  'catalog.export': { at: ['agency_admin', 'system_admin'] },
  /** Change the national list of procedures (by import). */
  'catalog.procedures': { at: [], systemOnly: true },
  /** Change an agency's settings (how long drafts are kept). */
  'agency.settings': { at: ['agency_admin'] },
  /** Create officers of the agency, reset their passwords, grant and revoke their roles. */
  'officer.manage': { at: ['agency_admin', 'system_admin'] },
  /** Grant a national role. */
  'officer.grant_national': { at: [], systemOnly: true },
  /** Read the audit log of the agency. */
  'audit.read': { at: ['agency_admin'], national: true },
  /** Check the audit log's hash chain. */
  'audit.verify': { at: [], systemOnly: true },
  /** Register the agency systems that synchronise to the national portal, and see their lag. */
  'federation.members': { at: [], systemOnly: true },
  /** Subscribe third parties' endpoints to the agency's events (webhooks), retry and replay them. */
  'webhook.manage': { at: ['agency_admin'] },
  /** Merge agencies after a reorganisation: their open dossiers, services and officers go to the successor. */
  'agency.reorganise': { at: [], systemOnly: true },
  /** Set the indicators of the Decision 766 index: their formulas' wording and their points. */
  'evaluation.manage': { at: [], national: true },
  /** Change the national working calendar (holidays, make-up days). */
  'calendar.manage': { at: [], systemOnly: true },
  /** Work the agency's feedback desk: classify, merge, forward, assign, extend. */
  'feedback.desk': { at: ['feedback_desk'] },
  /** Draft the answer to feedback assigned to oneself. */
  'feedback.answer': { at: ['specialist', 'department_head', 'leader'] },
  /** Approve (or send back) the answer the agency gives, and mark it of public interest. */
  'feedback.approve': { at: ['leader'] },
  /** Read the feedback the agency holds, and what was sent about its dossiers. */
  'feedback.read': {
    at: ['feedback_desk', 'reception', 'specialist', 'department_head', 'leader', 'agency_admin'],
    national: true,
  },
  /** Sign in with a second factor (TOTP): roles whose actions bind the agency or reach beyond it. */
  'signin.second_factor': { at: ['leader', 'agency_admin', 'national_supervisor', 'system_admin'] },
} as const satisfies Record<string, Rule>;
export type AccessAction = keyof typeof ACCESS_POLICY;

/**
 * The roles each lifecycle step asks of an officer, beyond the general `dossier.act`; a step not
 * named here is taken by the officer the dossier is assigned to, or by the applicant.
 */
export const DOSSIER_STEP_ROLES = {
  register: ['reception'],
  receive: ['reception'],
  /** The desk asks, once, for what is missing before receiving. */
  requestSupplementAtReception: ['reception'],
  /** The desk hands in a supplement the applicant brought to the counter. */
  supplementAtCounter: ['reception'],
  refuseAtReception: ['reception'],
  /** Refusing a dossier already in processing is the agency leader's decision. */
  refuseInProcessing: ['leader'],
  assign: ['department_head', 'leader'],
  acceptTransfer: ['reception', 'department_head', 'leader'],
  /** Besides the assignee. */
  reschedule: ['reception', 'department_head', 'leader'],
  returnResult: ['reception'],
  /** The desk records a withdrawal the applicant asked for at the counter. */
  withdrawAtCounter: ['reception'],
} as const satisfies Record<string, readonly ProcessingRole[]>;

/** The roles a step of an internal workflow may ask for (reception comes before the workflow). */
export const WORKFLOW_STEP_ROLES = ['specialist', 'department_head', 'leader'] as const;

/**
 * The roles that may hold a workflow's last step: whoever takes it approves, and the result is
 * signed with the agency's certificate then, so it is the leader or a department head signing for
 * the leader (ký thay).
 */
export const APPROVING_STEP_ROLES: readonly WorkflowStepRole[] = ['leader', 'department_head'];
export type WorkflowStepRole = (typeof WORKFLOW_STEP_ROLES)[number];

/**
 * The internal workflow (quy trình nội bộ) a new service starts with; its agency administrator
 * changes it in the designer, and each version keeps its own. So "who may approve a dossier at
 * step 2?" reads: the officer who claimed step 2, which only an officer holding that step's role
 * at the agency holding the dossier may claim (`claim` in the state machine) — with this default,
 * a `leader` — and `approve` is taken by that assignee at the last step.
 */
export const DEFAULT_WORKFLOW = [
  { key: 'specialist', name: 'Chuyên viên thẩm định, xử lý', role: 'specialist', sharePercent: 70 },
  { key: 'leader', name: 'Lãnh đạo phê duyệt', role: 'leader', sharePercent: 30 },
] as const satisfies readonly WorkflowStep[];

/** A role held at an agency (roles held with the units below are already spread to each unit). */
export type Grant = { agencyId: string; role: string };

const rule = (action: AccessAction): Rule => ACCESS_POLICY[action];

const holdsNational = (grants: readonly Grant[]) =>
  grants.some((g) => isOneOf(NATIONAL_ROLES, g.role));

const holdsSystemAdmin = (grants: readonly Grant[]) =>
  grants.some((g) => g.role === 'system_admin');

/** The roles that allow the action at the agency where they are held. */
export const rolesFor = (action: AccessAction): readonly OfficerRole[] => rule(action).at;

/** Whether the grants allow the action at every agency, not only at their own. */
export function allowedEverywhere(grants: readonly Grant[], action: AccessAction): boolean {
  const { national, systemOnly } = rule(action);
  return (
    (systemOnly === true && holdsSystemAdmin(grants)) ||
    (national === true && holdsNational(grants))
  );
}

/** The agencies at which the grants allow the action, not counting a national reach. */
export function agenciesAllowed(grants: readonly Grant[], action: AccessAction): string[] {
  const roles: readonly string[] = rolesFor(action);
  return [...new Set(grants.filter((g) => roles.includes(g.role)).map((g) => g.agencyId))];
}

/** Whether the grants allow the action at the agency. */
export function allowedAt(
  grants: readonly Grant[],
  action: AccessAction,
  agencyId: string,
): boolean {
  return allowedEverywhere(grants, action) || agenciesAllowed(grants, action).includes(agencyId);
}

/** Whether the grants allow the action somewhere: the web app shows its menu or button. */
export function allowedSomewhere(grants: readonly Grant[], action: AccessAction): boolean {
  return allowedEverywhere(grants, action) || agenciesAllowed(grants, action).length > 0;
}

/** The processing roles the grants hold at the agency: what the lifecycle checks a step against. */
export function processingRolesAt(grants: readonly Grant[], agencyId: string): ProcessingRole[] {
  return DESK_AND_PROCESSING.filter((role) =>
    grants.some((g) => g.agencyId === agencyId && g.role === role),
  );
}
