import type { AccountKind, OfficerRole } from '../db/schema.ts';

export type AgencyRole = { agencyId: string; role: OfficerRole };

/** Who is calling: resolved from the session cookie before any handler runs. */
export type Actor = {
  accountId: string;
  kind: AccountKind;
  fullName: string;
  sessionId: string;
  csrfToken: string;
  roles: AgencyRole[];
  /** The client address of the current request, for the audit log. */
  ip: string;
};

/** Roles that see an agency's dossiers in the back office. */
export const BACK_OFFICE_ROLES: readonly OfficerRole[] = [
  'reception',
  'specialist',
  'department_head',
  'leader',
  'agency_admin',
];

/** Roles that act on dossiers (an administrator reads, and acts only through another role). */
export const DOSSIER_ACTING_ROLES: readonly OfficerRole[] = [
  'reception',
  'specialist',
  'department_head',
  'leader',
];

/** Roles that watch every agency: the national office and the system's administrators. */
export const NATIONAL_ROLES: readonly OfficerRole[] = ['national_supervisor', 'system_admin'];

/** Roles that answer for an agency's figures: they read its reports and the dossiers behind them. */
export const OVERSIGHT_ROLES: readonly OfficerRole[] = [
  'leader',
  'department_head',
  'agency_admin',
];

/** Whether the actor holds a national role, or one of `roles` in the agency (when one is named). */
export function holdsRoleAt(
  actor: Actor,
  roles: readonly OfficerRole[],
  agencyId?: string,
): boolean {
  return actor.roles.some(
    (r) =>
      NATIONAL_ROLES.includes(r.role) ||
      (agencyId !== undefined && r.agencyId === agencyId && roles.includes(r.role)),
  );
}

/** The agencies in which the actor holds one of `roles`: the scope of every officer query. */
export function agenciesWithRole(actor: Actor, roles: readonly OfficerRole[]): string[] {
  return [...new Set(actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.agencyId))];
}

/** Another system calling with an OAuth 2 access token (client credentials). */
export type MachineClient = {
  clientId: string;
  name: string;
  scopes: string[];
  /** The agencies whose data the client may read. */
  agencyIds: string[];
  rateLimitPerMinute: number;
};
