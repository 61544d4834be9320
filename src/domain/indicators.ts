/**
 * The monitoring indicators, as ratios that keep their numerator and denominator so every figure
 * can be traced to the dossiers and services behind it. Pure: the server counts, this decides
 * what the counts mean.
 */

export type Ratio = {
  numerator: number;
  denominator: number;
  /** Percent, rounded to two decimals; null when there is nothing to divide by. */
  percent: number | null;
};

export function ratio(numerator: number, denominator: number): Ratio {
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 100,
  };
}

/** What the rollups hold for one agency (or a group of them) over a period. */
export type DossierCounts = {
  /** Dossiers sent online (nộp trực tuyến), whether or not the desk received them yet. */
  submittedOnline: number;
  /** Dossiers received (tiếp nhận), by channel. */
  receivedOnline: number;
  receivedCounter: number;
  receivedPost: number;
  /** Received dossiers that owe a fee, and those whose fee was paid online. */
  receivedWithFee: number;
  paidOnline: number;
  /** Dossiers settled (đã giải quyết): approved or refused after reception. */
  finished: number;
  /** Settled on an earlier day than the appointment (trước hạn); a subset of on time. */
  finishedEarly: number;
  /** Settled no later than the appointment (trước hạn và đúng hạn). */
  finishedOnTime: number;
  /** Sum over settled dossiers of the time from reception to settlement, in seconds. */
  processingSeconds: number;
  /** Dossiers settled with a result the agency signed electronically. */
  finishedWithElectronicResult: number;
  /** Ratings given by applicants (1 to 5), and those of 1 or 2 (không hài lòng). */
  rated: number;
  ratedDissatisfied: number;
  ratingSum: number;
  withdrawn: number;
};

export const EMPTY_COUNTS: DossierCounts = {
  submittedOnline: 0,
  receivedOnline: 0,
  receivedCounter: 0,
  receivedPost: 0,
  receivedWithFee: 0,
  paidOnline: 0,
  finished: 0,
  finishedEarly: 0,
  finishedOnTime: 0,
  processingSeconds: 0,
  finishedWithElectronicResult: 0,
  rated: 0,
  ratedDissatisfied: 0,
  ratingSum: 0,
  withdrawn: 0,
};

export function addCounts(a: DossierCounts, b: DossierCounts): DossierCounts {
  const sum = { ...a };
  for (const key of Object.keys(sum) as (keyof DossierCounts)[]) sum[key] += b[key];
  return sum;
}

/** The services an agency publishes, by online level (Decree 42/2022), and how many were used online. */
export type ServiceCounts = {
  published: number;
  fullOnline: number;
  /** Published services with at least one dossier sent online in the period. */
  withOnlineDossier: number;
};

/** Dossiers not yet settled, at the moment of asking. */
export type OpenCounts = { onTime: number; overdue: number };

/** Feedback (phản ánh, kiến nghị) received in the period that an agency was competent for. */
export type FeedbackCounts = {
  /** Forwarded to the agency as within scope. */
  competent: number;
  answered: number;
  /** Answered on or before the due date (with its extension). */
  answeredOnTime: number;
  /** Answered late, still open past the due date, or rated unsatisfied (each item once). */
  lateOrUnsatisfied: number;
};

export const EMPTY_FEEDBACK_COUNTS: FeedbackCounts = {
  competent: 0,
  answered: 0,
  answeredOnTime: 0,
  lateOrUnsatisfied: 0,
};

/**
 * The satisfaction group's feedback rates of Decision 766/QĐ-TTg as the public summaries give
 * them: answered on time among those the agency was competent for, and those neither late nor
 * rated unsatisfied among the same.
 */
export function feedbackRates(counts: FeedbackCounts) {
  return {
    onTimeRate: ratio(counts.answeredOnTime, counts.competent),
    satisfactionRate: ratio(
      Math.max(0, counts.competent - counts.lateOrUnsatisfied),
      counts.competent,
    ),
  };
}

export type Indicators = {
  services: ServiceCounts & {
    /** Share of services at full online (level 4 under Decree 43/2011). */
    fullOnlineShare: Ratio;
    /** Share of published services that received at least one online dossier in the period. */
    usedOnlineShare: Ratio;
  };
  dossiers: {
    received: number;
    receivedByChannel: { online: number; counter: number; post: number };
    submittedOnline: number;
    /** Online dossiers among all received, counter and post included. */
    onlineRate: Ratio;
    finished: number;
    finishedEarly: number;
    finishedOnTime: number;
    finishedLate: number;
    onTimeRate: Ratio;
    open: OpenCounts & { total: number };
    /** Received dossiers owing a fee that were paid online. */
    onlinePaymentRate: Ratio;
    /** Settled dossiers whose result was issued electronically (signed). */
    electronicResultRate: Ratio;
    /** Mean time from reception to settlement, in days of 24 hours; null when none settled. */
    averageProcessingDays: number | null;
    withdrawn: number;
  };
  satisfaction: {
    rated: number;
    /** (ratings − dissatisfied ratings) / ratings, as Decision 766/QĐ-TTg counts satisfaction. */
    satisfactionRate: Ratio;
    /** Mean rating from 1 to 5; null without ratings. */
    averageRating: number | null;
  };
  /** Feedback the agency answered (the satisfaction group's feedback rates). */
  feedback: FeedbackCounts & ReturnType<typeof feedbackRates>;
};

const SECONDS_PER_DAY = 86_400;

export function computeIndicators(
  counts: DossierCounts,
  services: ServiceCounts,
  open: OpenCounts,
  feedback: FeedbackCounts = EMPTY_FEEDBACK_COUNTS,
): Indicators {
  const received = counts.receivedOnline + counts.receivedCounter + counts.receivedPost;
  return {
    services: {
      ...services,
      fullOnlineShare: ratio(services.fullOnline, services.published),
      usedOnlineShare: ratio(services.withOnlineDossier, services.published),
    },
    dossiers: {
      received,
      receivedByChannel: {
        online: counts.receivedOnline,
        counter: counts.receivedCounter,
        post: counts.receivedPost,
      },
      submittedOnline: counts.submittedOnline,
      onlineRate: ratio(counts.receivedOnline, received),
      finished: counts.finished,
      finishedEarly: counts.finishedEarly,
      finishedOnTime: counts.finishedOnTime,
      finishedLate: counts.finished - counts.finishedOnTime,
      onTimeRate: ratio(counts.finishedOnTime, counts.finished),
      open: { ...open, total: open.onTime + open.overdue },
      onlinePaymentRate: ratio(counts.paidOnline, counts.receivedWithFee),
      electronicResultRate: ratio(counts.finishedWithElectronicResult, counts.finished),
      averageProcessingDays:
        counts.finished === 0
          ? null
          : Math.round((counts.processingSeconds / counts.finished / SECONDS_PER_DAY) * 100) / 100,
      withdrawn: counts.withdrawn,
    },
    satisfaction: {
      rated: counts.rated,
      satisfactionRate: ratio(counts.rated - counts.ratedDissatisfied, counts.rated),
      averageRating:
        counts.rated === 0 ? null : Math.round((counts.ratingSum / counts.rated) * 100) / 100,
    },
    feedback: { ...feedback, ...feedbackRates(feedback) },
  };
}

/** The rates agencies are ranked by, and where each sits in the indicators. */
export const RANKING_INDICATORS = [
  'fullOnlineShare',
  'usedOnlineShare',
  'onlineRate',
  'onTimeRate',
  'onlinePaymentRate',
  'electronicResultRate',
  'satisfactionRate',
  'feedbackOnTimeRate',
  'feedbackSatisfactionRate',
] as const;
export type RankingIndicator = (typeof RANKING_INDICATORS)[number];

export const RANKING_RATIO: Record<RankingIndicator, (indicators: Indicators) => Ratio> = {
  fullOnlineShare: (i) => i.services.fullOnlineShare,
  usedOnlineShare: (i) => i.services.usedOnlineShare,
  onlineRate: (i) => i.dossiers.onlineRate,
  onTimeRate: (i) => i.dossiers.onTimeRate,
  onlinePaymentRate: (i) => i.dossiers.onlinePaymentRate,
  electronicResultRate: (i) => i.dossiers.electronicResultRate,
  satisfactionRate: (i) => i.satisfaction.satisfactionRate,
  feedbackOnTimeRate: (i) => i.feedback.onTimeRate,
  feedbackSatisfactionRate: (i) => i.feedback.satisfactionRate,
};

/** Agencies under this share of services at full online are listed as lagging (the seeds' 10%). */
export const LAGGARD_THRESHOLD_PERCENT = 10;

export function isLaggard(share: Ratio): boolean {
  return share.percent !== null && share.percent < LAGGARD_THRESHOLD_PERCENT;
}

/** Decree 43/2011 labels for historical figures: full online reads as level 4, partial as level 3. */
export function decree43Level(onlineLevel: 'full' | 'partial'): 3 | 4 {
  return onlineLevel === 'full' ? 4 : 3;
}
