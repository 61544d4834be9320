import { describe, expect, it } from 'vitest';
import { createNumberPrediction } from './number-prediction.ts';

const WARD = 'ward';
const DISTRICT = 'district';
// 10:00 in Vietnam on 05/12/2026, and the same day's last millisecond.
const morning = new Date('2026-12-05T03:00:00.000Z');
const lastMillisecond = new Date('2026-12-05T16:59:59.999Z');
const later = (ms: number) => new Date(morning.getTime() + ms);

describe('numbers predicted from the counters last seen', () => {
  it('predicts nothing for an agency whose counter it has not seen', () => {
    const prediction = createNumberPrediction();
    expect(prediction.predict([WARD], morning)).toBeUndefined();
  });

  it('predicts the numbers after the last seen, in the order given, an agency given twice getting two', () => {
    const prediction = createNumberPrediction();
    prediction.learn(
      [WARD, DISTRICT],
      [
        { sequence: 7, at: morning },
        { sequence: 3, at: morning },
      ],
    );
    const predicted = prediction.predict([WARD, DISTRICT, WARD], later(5));
    expect(predicted?.numbers).toEqual([
      { sequence: 8, at: later(5) },
      { sequence: 4, at: later(5) },
      { sequence: 9, at: later(5) },
    ]);
    expect(predicted?.advances).toEqual([
      { agencyId: WARD, day: '2026-12-05', after: 7, count: 2, at: later(5) },
      { agencyId: DISTRICT, day: '2026-12-05', after: 3, count: 1, at: later(5) },
    ]);
  });

  it('goes on from the numbers it learnt last', () => {
    const prediction = createNumberPrediction();
    prediction.learn([WARD], [{ sequence: 7, at: morning }]);
    const first = prediction.predict([WARD, WARD], later(1));
    if (!first) throw new Error('not predicted');
    prediction.learn([WARD, WARD], first.numbers);
    expect(prediction.predict([WARD], later(2))?.numbers).toEqual([{ sequence: 10, at: later(2) }]);
  });

  it("receives just after the counter's last time when that is not earlier (another clock, or the same millisecond)", () => {
    const prediction = createNumberPrediction();
    prediction.learn([WARD], [{ sequence: 7, at: later(60_000) }]);
    expect(prediction.predict([WARD], morning)?.numbers).toEqual([
      { sequence: 8, at: later(60_001) },
    ]);
    // the database's time of the last number may hold microseconds past the millisecond seen
    expect(prediction.predict([WARD], later(60_000))?.numbers).toEqual([
      { sequence: 8, at: later(60_001) },
    ]);
  });

  it('predicts nothing on a new day: that counter is not yet known', () => {
    const prediction = createNumberPrediction();
    prediction.learn([WARD], [{ sequence: 7, at: lastMillisecond }]);
    expect(prediction.predict([WARD], new Date(lastMillisecond.getTime() + 1))).toBeUndefined();
  });

  it('after a miss, lets eight batches of the agency take their numbers first, then predicts again', () => {
    const prediction = createNumberPrediction();
    prediction.learn(
      [WARD, DISTRICT],
      [
        { sequence: 7, at: morning },
        { sequence: 3, at: morning },
      ],
    );
    prediction.missed([WARD]);
    expect(prediction.predict([DISTRICT], morning)).toBeDefined();
    for (let batch = 1; batch <= 8; batch += 1) {
      expect(prediction.predict([WARD], morning), `batch ${String(batch)}`).toBeUndefined();
      prediction.learn([WARD], [{ sequence: 7 + batch, at: morning }]);
    }
    expect(prediction.predict([WARD], later(1))?.numbers).toEqual([{ sequence: 16, at: later(1) }]);
  });
});
