/**
 * Who may do what (issue 19 grows this file into the whole access policy). Shared by the server
 * and the web app.
 */

/** The roles an officer may hold in an agency, in the order the administration pages list them. */
export const OFFICER_ROLES = [
  'reception',
  'specialist',
  'department_head',
  'leader',
  'agency_admin',
  'national_supervisor',
  'system_admin',
] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const isOfficerRole = (role: string): role is OfficerRole =>
  (OFFICER_ROLES as readonly string[]).includes(role);
