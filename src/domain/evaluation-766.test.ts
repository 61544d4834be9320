import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVALUATION_INDICATORS,
  EVALUATION_GROUPS,
  pointsOverGroup,
  scoreIndicators,
  scoreShare,
} from './evaluation-766.ts';
import { computeIndicators, EMPTY_COUNTS, EMPTY_FEEDBACK_COUNTS } from './indicators.ts';

const figures = (over: Partial<typeof EMPTY_COUNTS> = {}) =>
  computeIndicators(
    { ...EMPTY_COUNTS, ...over },
    { published: 10, fullOnline: 4, withOnlineDossier: 2 },
    { onTime: 0, overdue: 0 },
    EMPTY_FEEDBACK_COUNTS,
  );

describe('the Decision 766 index', () => {
  it('starts with each group’s published points shared among its indicators, 100 in all', () => {
    for (const group of EVALUATION_GROUPS)
      expect(
        DEFAULT_EVALUATION_INDICATORS.filter((i) => i.group === group.key).reduce(
          (sum, i) => sum + i.points,
          0,
        ),
      ).toBe(group.points);
    expect(EVALUATION_GROUPS.reduce((sum, g) => sum + g.points, 0)).toBe(100);
    // only the feedback rates' formulas are the published ones
    expect(
      DEFAULT_EVALUATION_INDICATORS.filter((i) => i.formulaOfficial).map((i) => i.measure),
    ).toEqual(['feedbackOnTimeRate', 'feedbackSatisfactionRate']);
  });

  it('gives each measured indicator its points times its rate, and leaves out what had nothing to measure', () => {
    // 8 of 10 settled on time; 40% of services full online; no feedback, no rating, no fee
    const score = scoreIndicators(
      DEFAULT_EVALUATION_INDICATORS,
      figures({ finished: 10, finishedOnTime: 8, receivedCounter: 10 }),
    );
    const points = (code: string) => score.indicators.find((i) => i.code === code)?.points;
    expect(points('progress.on_time')).toBe(16);
    expect(points('online.full_services')).toBe(3.2);
    expect(points('online.dossiers')).toBe(0);
    expect(points('satisfaction.feedback')).toBeNull();
    expect(points('publicity.catalog')).toBeNull();
    // measurable: progress 20, digitisation 22 (0 of 10 signed), online 8 + 8 (no fee due: payment out)
    expect(score.measurablePoints).toBe(58);
    expect(score.score).toBe(19.2);
    expect(scoreShare(score).percent).toBe(33.1);
  });

  it('refuses points beyond a group’s total', () => {
    expect(pointsOverGroup(DEFAULT_EVALUATION_INDICATORS, 'online.payment', 6)).toBe(0);
    expect(pointsOverGroup(DEFAULT_EVALUATION_INDICATORS, 'online.payment', 8.5)).toBe(2.5);
    expect(pointsOverGroup(DEFAULT_EVALUATION_INDICATORS, 'nothing', 50)).toBe(0);
  });
});
