import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../src/domain/indicators.ts';
import { seedDemoHistory } from '../src/server/db/seed/demo-history.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoHistory(t.database.db, { dossiers: 3_000 })).toBe(true);
});
afterAll(() => t.close());

type Ranking = {
  national: Indicators;
  agencies: { name: string; laggard: boolean; indicators: Indicators }[];
};

describe('the demo history', () => {
  it('tells the seeds’ story: about 18% of services at full online nationally, and laggards under 10%', async () => {
    const ranking = (await t.anonymous.get('/api/v1/stats/agencies?period=live')).json<Ranking>();
    const share = ranking.national.services.fullOnlineShare.percent ?? 0;
    expect(share).toBeGreaterThan(15);
    expect(share).toBeLessThan(21);
    const laggards = ranking.agencies.filter((a) => a.laggard);
    expect(laggards.length).toBeGreaterThanOrEqual(3);
    expect(laggards.length).toBeLessThan(ranking.agencies.length / 2);
    expect(ranking.national.dossiers.received).toBeGreaterThan(2_000);
    // Full-online services draw more online dossiers than partial ones, as the seeds observe.
    expect(ranking.national.dossiers.onlineRate.percent ?? 0).toBeGreaterThan(10);
  });

  it('counts only what the dossiers hold: the rollups equal the dossiers behind them', async () => {
    // "live" is the year so far, in Vietnam time.
    const inYear = (column: string) =>
      sql`(${sql.ref(column)} at time zone 'Asia/Ho_Chi_Minh') >= date_trunc('year', now() at time zone 'Asia/Ho_Chi_Minh')`;
    const { rows } = await sql<{ received: string; finished: string; online: string }>`
      select count(*) filter (where ${inYear('received_at')}) as received,
        count(*) filter (where ${inYear('finished_at')} and received_at is not null) as finished,
        count(*) filter (where ${inYear('received_at')} and channel = 'online') as online
      from dossier`.execute(t.database.db);
    const ranking = (await t.anonymous.get('/api/v1/stats/agencies?period=live')).json<Ranking>();
    expect(ranking.national.dossiers.received).toBe(Number(rows[0]?.received));
    expect(ranking.national.dossiers.finished).toBe(Number(rows[0]?.finished));
    expect(ranking.national.dossiers.receivedByChannel.online).toBe(Number(rows[0]?.online));
  });

  it('runs once', async () => {
    expect(await seedDemoHistory(t.database.db)).toBe(false);
  });
});
