import type { DemoName } from '../helpers/test-app.ts';

/** Everyone the matrix tries each route as: owners, strangers, each officer role, each agency. */
export const PERSONAS = {
  anonymous: undefined,
  citizenA: 'Nguyễn Văn An', // owns dossier A at the ward of Sài Gòn (H29)
  citizenB: 'Trần Thị Bình', // owns dossier B at the ward of Trường Vinh (H41)
  receptionH29: 'Lê Minh Châu',
  specialistH29: 'Võ Thanh Giang',
  adminH29: 'Bùi Thị Lan',
  receptionH41: 'Hoàng Thị Hà',
  adminH41: 'Ngô Đức Minh',
  receptionOtherH29: 'Phạm Quốc Dũng', // Công an TP.HCM: same province, other agency
  systemAdmin: 'Trịnh Quốc Việt',
} as const satisfies Record<string, DemoName | undefined>;

export type Persona = keyof typeof PERSONAS;
export const ALL_PERSONAS = Object.keys(PERSONAS) as Persona[];
export const SIGNED_IN = ALL_PERSONAS.filter((p) => p !== 'anonymous');
export const CITIZENS: Persona[] = ['citizenA', 'citizenB'];
export const OFFICERS = SIGNED_IN.filter((p) => !CITIZENS.includes(p));
