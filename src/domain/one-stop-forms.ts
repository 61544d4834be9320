import type { DossierAction } from './dossier-lifecycle.ts';

/**
 * The forms of Circular 01/2018/TT-VPCP the platform issues (01–05), and the event each one
 * reports: a form exists once its event has happened. The control sheet stays in the back office.
 */
export const ONE_STOP_FORMS = {
  receipt: { event: 'receive', officersOnly: false },
  'supplement-request': { event: 'request_supplement', officersOnly: false },
  refusal: { event: 'refuse', officersOnly: false },
  apology: { event: 'reschedule', officersOnly: false },
  'control-sheet': { event: 'receive', officersOnly: true },
} as const satisfies Record<string, { event: DossierAction; officersOnly: boolean }>;

export type OneStopForm = keyof typeof ONE_STOP_FORMS;
export const ONE_STOP_FORM_NAMES = Object.keys(ONE_STOP_FORMS) as OneStopForm[];
