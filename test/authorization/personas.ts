import {
  allowedAt,
  allowedEverywhere,
  allowedSomewhere,
  DOSSIER_STEP_ROLES,
  processingRolesAt,
  type AccessAction,
  type Grant,
} from '../../src/domain/access.ts';
import { DEMO_ACCOUNTS } from '../../src/server/db/seed/demo-data.ts';
import type { DemoName } from '../helpers/test-app.ts';

/** Everyone the matrix tries each route as: owners, strangers, each officer role, each agency. */
export const PERSONAS = {
  anonymous: undefined,
  citizenA: 'Nguyễn Văn An', // owns dossier A at the ward of Sài Gòn (H29)
  citizenB: 'Trần Thị Bình', // owns dossier B at the ward of Trường Vinh (H41)
  receptionH29: 'Lê Minh Châu',
  specialistH29: 'Võ Thanh Giang',
  leaderH29: 'Đỗ Văn Khoa',
  departmentHeadH29: 'Đặng Thị Oanh',
  adminH29: 'Bùi Thị Lan',
  receptionH41: 'Hoàng Thị Hà',
  adminH41: 'Ngô Đức Minh',
  receptionOtherH29: 'Phạm Quốc Dũng', // Công an TP.HCM: same province, other agency
  nationalSupervisor: 'Trương Văn Quang',
  feedbackDeskNational: 'Đinh Thị Phượng', // the national office's feedback desk
  feedbackDeskH29: 'Mạc Văn Sơn',
  systemAdmin: 'Trịnh Quốc Việt',
} as const satisfies Record<string, DemoName | undefined>;

export type Persona = keyof typeof PERSONAS;
export const ALL_PERSONAS = Object.keys(PERSONAS) as Persona[];
export const SIGNED_IN = ALL_PERSONAS.filter((p) => p !== 'anonymous');
export const CITIZENS: Persona[] = ['citizenA', 'citizenB'];
export const OFFICERS = SIGNED_IN.filter((p) => !CITIZENS.includes(p));

/** Each persona's roles as the demo data grants them, at agencies named by code. */
export const PERSONA_GRANTS = Object.fromEntries(
  ALL_PERSONAS.map((persona) => [
    persona,
    (DEMO_ACCOUNTS.find((a) => a.fullName === PERSONAS[persona])?.roles ?? []).map((r) => ({
      agencyId: r.agency,
      role: r.role,
    })),
  ]),
) as Record<Persona, Grant[]>;

export const WARD_H29 = '000.00.31.H29';
export const WARD_H41 = '000.00.31.H41';
export const NATIONAL_OFFICE = '000.00.00.G22';

/** Whom the access policy allows the action at the agency: what the matrix expects of the server. */
export const allowedByPolicy = (action: AccessAction, agencyCode: string): Persona[] =>
  ALL_PERSONAS.filter((persona) => allowedAt(PERSONA_GRANTS[persona], action, agencyCode));

/** Whom the access policy allows the action at some agency (the server then looks the thing up). */
export const allowedSomewhereByPolicy = (action: AccessAction): Persona[] =>
  ALL_PERSONAS.filter((persona) => allowedSomewhere(PERSONA_GRANTS[persona], action));

/** Whom the access policy allows the action at every agency (the national office, the system's administrators). */
export const allowedEverywhereByPolicy = (action: AccessAction): Persona[] =>
  ALL_PERSONAS.filter((persona) => allowedEverywhere(PERSONA_GRANTS[persona], action));

/** Whom the policy lets take a lifecycle step on a dossier the agency holds. */
export const stepAllowedByPolicy = (
  step: keyof typeof DOSSIER_STEP_ROLES,
  agencyCode: string,
): Persona[] =>
  ALL_PERSONAS.filter((persona) =>
    processingRolesAt(PERSONA_GRANTS[persona], agencyCode).some((role) =>
      (DOSSIER_STEP_ROLES[step] as readonly string[]).includes(role),
    ),
  );

/** Each persona once, in the matrix's order. */
export const union = (...groups: readonly Persona[][]): Persona[] =>
  ALL_PERSONAS.filter((persona) => groups.some((group) => group.includes(persona)));
