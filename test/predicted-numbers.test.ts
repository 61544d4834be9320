import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDossierCode } from '../src/domain/dossier-code.ts';
import { vietnamDate } from '../src/domain/vietnam-time.ts';
import {
  numbersAdvance,
  takeDossierNumbers,
  type PredictedNumbers,
} from '../src/server/modules/dossiers/repository.ts';
import { insertWithRows, isRequiredChangeUnmet } from '../src/server/platform/row-writes.ts';
import {
  agencyIdOf,
  findServiceId,
  marriageRegistrationForm,
  submitBirthRegistration,
} from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

type Receipt = { code: string; submittedAt: string };

const SAI_GON = '000.00.31.H29';

let t: TestApp;
let citizen: Caller;
let birthId: string;
let marriageId: string;
let saiGonId: string;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await t.signIn('Nguyễn Văn An');
  birthId = await findServiceId(t, 'khai sinh', SAI_GON);
  marriageId = await findServiceId(t, 'kết hôn', SAI_GON);
  saiGonId = await agencyIdOf(t, SAI_GON);
});
afterAll(() => t.close());

/** An online application without files: numbered by the batched path, predicted when it can be. */
async function submitWithoutFiles(): Promise<Receipt> {
  const response = await citizen.post('/api/v1/dossiers', {
    serviceId: marriageId,
    formData: marriageRegistrationForm,
    documents: [],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Receipt>();
}

/** An application with a file: another writer of the same counter, numbered by its own statement. */
async function submitWithFile(): Promise<Receipt> {
  return (await submitBirthRegistration(citizen, birthId)) as unknown as Receipt;
}

const sequenceOf = (receipt: Receipt) => parseDossierCode(receipt.code)?.sequence ?? 0;

const counterOf = async (agencyId: string, day: string) =>
  t.database.db
    .selectFrom('dossier_code_sequence')
    .select('last_value')
    .where('agency_id', '=', agencyId)
    .where('day', '=', day)
    .executeTakeFirstOrThrow();

/**
 * Whether the dossier's number was taken by the statement that wrote it: its counter was then last
 * changed by the dossier's own transaction (`xmin`), not by a numbering statement before it.
 */
async function numberedByPrediction(code: string) {
  const { rows } = await sql<{ same: boolean }>`
    select counter.xmin = dossier.xmin as same
    from dossier
    join dossier_code_sequence counter on counter.agency_id = dossier.agency_id
      and counter.day = (dossier.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date
    where dossier.code = ${code}`.execute(t.database.db);
  return rows[0]?.same === true;
}

/** A row written beside a counter's advance, to see whether the statement wrote anything. */
const markerDay = (n: number) => `2099-01-${String(n).padStart(2, '0')}`;
const writeMarkerWith = (date: string, advance: PredictedNumbers[]) =>
  insertWithRows(
    t.database.db,
    {
      table: 'calendar_override',
      rows: [{ date, kind: 'day_off', name: 'Ngày thử' }],
      returning: ['date'],
    },
    [],
    [],
    numbersAdvance(advance),
  );
const markerCount = async (date: string) =>
  (
    await t.database.db
      .selectFrom('calendar_override')
      .select('date')
      .where('date', '=', date)
      .execute()
  ).length;

// Decision 0023: a batch of applications without files is numbered in the statement that writes
// it, with the numbers the server predicts from the counter it last saw.
describe('dossier numbers predicted by the server', () => {
  it('gives each application the next number whichever path numbers it, when another writer takes numbers in between', async () => {
    const receipts: Receipt[] = [];
    const predicted: boolean[] = [];
    for (const submit of [
      submitWithoutFiles, // the counter is not yet known: numbers taken first
      submitWithoutFiles, // predicted
      submitWithoutFiles, // predicted
      submitWithFile, // another writer: the next prediction misses, writes nothing, is taken again
      submitWithoutFiles,
      submitWithoutFiles,
      submitWithFile,
      submitWithoutFiles,
    ]) {
      const receipt = await submit();
      receipts.push(receipt);
      predicted.push(await numberedByPrediction(receipt.code));
    }
    expect(predicted.slice(1, 3)).toEqual([true, true]);
    const first = sequenceOf(receipts[0] as Receipt);
    expect(receipts.map(sequenceOf)).toEqual(receipts.map((_, i) => first + i));
    const times = receipts.map((r) => Date.parse(r.submittedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const codes = receipts.map((r) => r.code);
    const stored = await t.database.db
      .selectFrom('dossier')
      .select('code')
      .where('code', 'in', codes)
      .execute();
    expect(stored.map((d) => d.code).sort()).toEqual([...codes].sort());
    const day = vietnamDate(new Date(receipts.at(-1)?.submittedAt ?? ''));
    expect((await counterOf(saiGonId, day)).last_value).toBe(first + receipts.length - 1);
  });

  it('numbers applications sent at once, with and without files, distinctly and in order of reception', async () => {
    const receipts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? submitWithFile() : submitWithoutFiles())),
    );
    const ordered = [...receipts].sort(
      (a, b) =>
        Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || sequenceOf(a) - sequenceOf(b),
    );
    const sequences = ordered.map(sequenceOf);
    expect(new Set(sequences).size).toBe(receipts.length);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  });

  it('writes nothing when another writer took the predicted numbers, and all when none did', async () => {
    const [taken] = await takeDossierNumbers(t.database.db, [saiGonId]);
    if (!taken) throw new Error('no number taken');
    const day = vietnamDate(taken.at);
    // as the server predicts: a millisecond after the last number's time, which may hold microseconds
    const justAfter = new Date(taken.at.getTime() + 1);
    const predicted = (after: number, at = justAfter): PredictedNumbers[] => [
      { agencyId: saiGonId, day, after, count: 2, at },
    ];
    // Stale: the counter moved on since the prediction.
    const stale = await writeMarkerWith(markerDay(1), predicted(taken.sequence - 1)).catch(
      (error: unknown) => error,
    );
    expect(isRequiredChangeUnmet(stale)).toBe(true);
    expect(await markerCount(markerDay(1))).toBe(0);
    expect((await counterOf(saiGonId, day)).last_value).toBe(taken.sequence);

    // A counter of a day not yet counted is not advanced either.
    const unknownDay = await writeMarkerWith(markerDay(2), [
      { agencyId: saiGonId, day: '2099-01-02', after: 0, count: 1, at: taken.at },
    ]).catch((error: unknown) => error);
    expect(isRequiredChangeUnmet(unknownDay)).toBe(true);
    expect(await markerCount(markerDay(2))).toBe(0);

    // Stale too: the counter holds the number, but its last was received after the predicted time
    // (a batch predicted from an earlier clock, sent after others took numbers).
    const earlier = await writeMarkerWith(
      markerDay(5),
      predicted(taken.sequence, new Date(taken.at.getTime() - 1)),
    ).catch((error: unknown) => error);
    expect(isRequiredChangeUnmet(earlier)).toBe(true);
    expect(await markerCount(markerDay(5))).toBe(0);
    expect((await counterOf(saiGonId, day)).last_value).toBe(taken.sequence);

    // Current: both the row and the numbers are taken.
    await writeMarkerWith(markerDay(3), predicted(taken.sequence));
    expect(await markerCount(markerDay(3))).toBe(1);
    expect((await counterOf(saiGonId, day)).last_value).toBe(taken.sequence + 2);
  });

  it('never receives a number taken later at an earlier time than a predicted one, whichever clock was ahead', async () => {
    const [taken] = await takeDossierNumbers(t.database.db, [saiGonId]);
    if (!taken) throw new Error('no number taken');
    const day = vietnamDate(taken.at);
    // A server whose clock runs a minute ahead of the database's (kept within the day).
    const endOfDay = Date.parse(`${day}T23:59:59.999+07:00`);
    const ahead = new Date(Math.min(taken.at.getTime() + 60_000, endOfDay));
    await writeMarkerWith(markerDay(4), [
      { agencyId: saiGonId, day, after: taken.sequence, count: 1, at: ahead },
    ]);
    const [next] = await takeDossierNumbers(t.database.db, [saiGonId]);
    expect(next?.sequence).toBe(taken.sequence + 2);
    expect(next?.at.getTime()).toBeGreaterThanOrEqual(ahead.getTime());
  });
});
