import { describe, expect, it } from 'vitest';
import { computeIndicators, EMPTY_COUNTS, isLaggard, ratio } from './indicators.ts';
import { monthlyReportDeadline, monthsBetween, parsePeriod } from './stats-period.ts';

describe('indicators', () => {
  it('gives the seeds’ own figures', () => {
    // Services with at least one online dossier in Q2/2018, at ministries and at provinces.
    expect(ratio(583, 1_578).percent).toBe(36.95);
    expect(ratio(4_864, 47_774).percent).toBe(10.18);
    // Feedback answered: 1,517 of the 1,829 in scope.
    expect(ratio(1_517, 1_829).percent).toBe(82.94);
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
  });

  it('lists an agency under 10% at level 4 as lagging, and one without services not at all', () => {
    expect(isLaggard(ratio(9, 100))).toBe(true);
    expect(isLaggard(ratio(10, 100))).toBe(false);
    expect(isLaggard(ratio(0, 0))).toBe(false);
  });

  it('counts every channel in the online-dossier rate and keeps the late ones apart', () => {
    const indicators = computeIndicators(
      {
        ...EMPTY_COUNTS,
        submittedOnline: 40,
        receivedOnline: 33,
        receivedCounter: 60,
        receivedPost: 7,
        receivedWithFee: 20,
        paidOnline: 5,
        finished: 80,
        finishedEarly: 30,
        finishedOnTime: 72,
        processingSeconds: 80 * 3 * 86_400,
        finishedWithElectronicResult: 8,
        rated: 10,
        ratedDissatisfied: 1,
        ratingSum: 42,
      },
      { published: 1_578, fullOnline: 283, withOnlineDossier: 583 },
      { onTime: 12, overdue: 3 },
    );
    expect(indicators.dossiers.received).toBe(100);
    expect(indicators.dossiers.onlineRate.percent).toBe(33);
    expect(indicators.dossiers.finishedLate).toBe(8);
    expect(indicators.dossiers.onTimeRate.percent).toBe(90);
    expect(indicators.dossiers.open.total).toBe(15);
    expect(indicators.dossiers.onlinePaymentRate.percent).toBe(25);
    expect(indicators.dossiers.electronicResultRate.percent).toBe(10);
    expect(indicators.dossiers.averageProcessingDays).toBe(3);
    expect(indicators.services.fullOnlineShare.percent).toBe(17.93);
    expect(indicators.services.usedOnlineShare.percent).toBe(36.95);
    expect(indicators.satisfaction.satisfactionRate.percent).toBe(90);
    expect(indicators.satisfaction.averageRating).toBe(4.2);
  });
});

describe('periods', () => {
  const now = new Date('2026-11-23T18:30:00Z'); // 01:30 on 24/11/2026 in Vietnam

  it('reads days, months, quarters, years and live in Vietnam dates', () => {
    expect(parsePeriod('2026-11', now)).toMatchObject({
      from: '2026-11-01',
      to: '2026-12-01',
      label: 'Tháng 11/2026',
    });
    expect(parsePeriod('2026-12', now)).toMatchObject({ to: '2027-01-01' });
    expect(parsePeriod('2026-Q4', now)).toMatchObject({
      from: '2026-10-01',
      to: '2027-01-01',
      label: 'Quý IV/2026',
    });
    expect(parsePeriod('2025', now)).toMatchObject({ from: '2025-01-01', to: '2026-01-01' });
    expect(parsePeriod('2024-02-29', now)).toMatchObject({
      to: '2024-03-01',
      label: 'Ngày 29/02/2024',
    });
    expect(parsePeriod('live', now)).toMatchObject({ from: '2026-01-01', to: '2026-11-25' });
  });

  it('refuses what is not a period', () => {
    // A period must end on a date too: the last day of 9999 has no next day in four digits.
    for (const key of [
      '2026-13',
      '2025-02-29',
      '2026-Q5',
      '26-11',
      'tháng 11',
      '',
      '9999-12-31',
      '0000-01',
    ])
      expect(parsePeriod(key, now)).toBeNull();
  });

  it('spans months and sets the report deadline before the 20th', () => {
    expect(monthsBetween('2026-11-01', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthlyReportDeadline('2026-11')).toBe('2026-12-19');
    expect(monthlyReportDeadline('2026-12')).toBe('2027-01-19');
  });
});
