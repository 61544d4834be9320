import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_CODE_PATTERN } from '../src/domain/feedback.ts';
import { seedFeedbackHistory, SEED_FEEDBACK } from '../src/server/db/seed/feedback-history.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

describe('the demo history of feedback', () => {
  it('reproduces the seeds’ figures: 7,586 received, 1,829 within scope, 1,517 answered', async () => {
    expect(await seedFeedbackHistory(t.database.db)).toBe(true);
    expect(await seedFeedbackHistory(t.database.db)).toBe(false);
    const counts = await t.database.db
      .selectFrom('feedback')
      .select((eb) => [
        eb.fn.countAll<string>().as('received'),
        eb.fn.count<string>('forwarded_at').as('within_scope'),
        eb.fn.count<string>('answered_at').as('answered'),
      ])
      .executeTakeFirstOrThrow();
    expect([counts.received, counts.within_scope, counts.answered].map(Number)).toEqual([
      SEED_FEEDBACK.received,
      SEED_FEEDBACK.withinScope,
      SEED_FEEDBACK.answered,
    ]);
    expect(Math.round((SEED_FEEDBACK.answered / SEED_FEEDBACK.withinScope) * 1000) / 10).toBe(82.9);
  });

  it('issues codes every route accepts, and items an officer and the public page can open', async () => {
    const sample = await t.database.db
      .selectFrom('feedback')
      .select(['code', 'published_at'])
      .orderBy('received_at', 'desc')
      .limit(50)
      .execute();
    for (const { code } of sample) expect(code).toMatch(FEEDBACK_CODE_PATTERN);
    const supervisor = await t.signIn('Trương Văn Quang');
    const opened = await supervisor.get(`/api/v1/officer/feedback/${sample[0]?.code ?? ''}`);
    expect(opened.statusCode, opened.body).toBe(200);
    const page = (await t.anonymous.get('/api/v1/public/feedback?q=mot cua')).json<{
      items: unknown[];
    }>();
    expect(page.items.length).toBeGreaterThan(0);
    const live = await t.anonymous.get('/api/v1/stats/feedback?period=live');
    expect(live.statusCode).toBe(200);
  });
});
