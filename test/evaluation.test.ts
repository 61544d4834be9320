import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../src/server/db/seed/demo-history.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoHistory(t.database.db, { dossiers: 1_500 })).toBe(true);
});
afterAll(() => t.close());

type Evaluation = {
  indicators: { code: string; points: number; formulaOfficial: boolean; measure: string | null }[];
  agencies: {
    name: string;
    rank: number;
    score: number;
    measurablePoints: number;
    share: { percent: number | null };
    indicators: { code: string; rate: { numerator: number; denominator: number } | null }[];
  }[];
};

const evaluation = async () => {
  const response = await t.anonymous.get('/api/v1/stats/evaluation?period=live&level=province');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Evaluation>();
};

describe('the Decision 766 index', () => {
  it('scores every province from the ranking’s own figures, best first, saying which formulas are published', async () => {
    const index = await evaluation();
    expect(index.indicators.filter((i) => i.formulaOfficial).map((i) => i.code)).toEqual([
      'satisfaction.feedback_on_time',
      'satisfaction.feedback',
    ]);
    expect(index.agencies).toHaveLength(34);
    const shares = index.agencies.map((a) => a.share.percent ?? -1);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    // each rate is the ranking's own for the same indicator
    const ranking = (
      await t.anonymous.get(
        '/api/v1/stats/agencies?period=live&level=province&indicator=onTimeRate',
      )
    ).json<{ agencies: { name: string; indicators: { dossiers: { onTimeRate: unknown } } }[] }>();
    for (const agency of index.agencies) {
      const ranked = ranking.agencies.find((a) => a.name === agency.name);
      const rate = agency.indicators.find((i) => i.code === 'progress.on_time')?.rate;
      expect(rate && { ...rate }).toMatchObject(
        ranked?.indicators.dossiers.onTimeRate as Record<string, unknown>,
      );
      expect(agency.score).toBeLessThanOrEqual(agency.measurablePoints);
    }
  });

  it('lets the national office set an indicator’s points within its group, audited; nobody else', async () => {
    const supervisor = await t.signIn('Trương Văn Quang');
    const ward = await t.signIn('Bùi Thị Lan');
    const refused = await ward.put('/api/v1/admin/evaluation/indicators/online.payment', {
      points: 4,
    });
    expect(refused.statusCode).toBe(403);
    const tooMany = await supervisor.put('/api/v1/admin/evaluation/indicators/online.payment', {
      points: 9,
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json<{ code: string }>().code).toBe('EVALUATION_POINTS_OVER_GROUP');
    expect((await evaluation()).indicators.find((i) => i.code === 'online.payment')?.points).toBe(
      6,
    );

    const saved = await supervisor.put('/api/v1/admin/evaluation/indicators/online.payment', {
      points: 4.5,
      formula: 'Số hồ sơ thanh toán trực tuyến / số hồ sơ có phí, lệ phí (Cục đặt tạm)',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await evaluation()).indicators.find((i) => i.code === 'online.payment')?.points).toBe(
      4.5,
    );
    const audit = await t.database.db
      .selectFrom('audit_record')
      .select(['action', 'subject_id'])
      .where('action', '=', 'evaluation.indicator_changed')
      .execute();
    expect(audit).toEqual([
      { action: 'evaluation.indicator_changed', subject_id: 'online.payment' },
    ]);
  });
});
