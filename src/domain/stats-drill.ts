import type { Indicators } from './indicators.ts';

/**
 * The counts one can open to see the dossiers behind them. Each lists exactly the events (or, for
 * the open ones, the dossiers) its figure counts, so the list's length is the figure.
 */
export const DRILL_MEASURES = [
  'submittedOnline',
  'received',
  'receivedOnline',
  'receivedCounter',
  'receivedPost',
  'paidOnline',
  'finished',
  'finishedOnTime',
  'finishedLate',
  'withdrawn',
  'openOnTime',
  'openOverdue',
] as const;
export type DrillMeasure = (typeof DRILL_MEASURES)[number];

/** Measures of dossiers as they stand now (still open), not of events in the period. */
export type CurrentMeasure = Extract<DrillMeasure, 'openOnTime' | 'openOverdue'>;
export type EventMeasure = Exclude<DrillMeasure, CurrentMeasure>;

export function isCurrentMeasure(measure: DrillMeasure): measure is CurrentMeasure {
  return measure === 'openOnTime' || measure === 'openOverdue';
}

/** Where each measure's figure sits in the indicators. */
export const MEASURE_FIGURE: Record<DrillMeasure, (indicators: Indicators) => number> = {
  submittedOnline: (i) => i.dossiers.submittedOnline,
  received: (i) => i.dossiers.received,
  receivedOnline: (i) => i.dossiers.receivedByChannel.online,
  receivedCounter: (i) => i.dossiers.receivedByChannel.counter,
  receivedPost: (i) => i.dossiers.receivedByChannel.post,
  paidOnline: (i) => i.dossiers.onlinePaymentRate.numerator,
  finished: (i) => i.dossiers.finished,
  finishedOnTime: (i) => i.dossiers.finishedOnTime,
  finishedLate: (i) => i.dossiers.finishedLate,
  withdrawn: (i) => i.dossiers.withdrawn,
  openOnTime: (i) => i.dossiers.open.onTime,
  openOverdue: (i) => i.dossiers.open.overdue,
};
