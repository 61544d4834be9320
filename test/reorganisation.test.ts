import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../src/domain/indicators.ts';
import { vietnamDate } from '../src/domain/vietnam-time.ts';
import { writeDossierHistory } from '../src/server/db/seed/dossier-history.ts';
import { recountStatistics, updateStatistics } from '../src/server/modules/monitoring/index.ts';
import {
  agencyIdOf,
  expectActed,
  findServiceId,
  submitBirthRegistration,
} from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

// The 2025 mergers of communes: Phường Bến Thành merges into Phường Sài Gòn. What is in progress
// continues at Sài Gòn with its appointment; the months before stay readable under both wards as
// they were, and under Sài Gòn with Bến Thành's figures rolled up.
const SAI_GON = '000.00.31.H29';
const BEN_THANH = '000.00.32.H29';
const HO_CHI_MINH = '000.00.00.H29';

let t: TestApp;
let admin: Caller;
let ids: Record<string, string>;

/** The two whole months before this one (Vietnam time), as period keys. */
const pastMonths = (() => {
  const [year, month] = vietnamDate(new Date()).split('-').map(Number) as [number, number];
  return [2, 1].map((back) => {
    const d = new Date(Date.UTC(year, month - 1 - back, 1));
    return d.toISOString().slice(0, 7);
  });
})();

type AgencyStats = {
  indicators: Indicators;
  units: { code: string | null; indicators: Indicators }[];
  trend: unknown[];
};

const stats = async (code: string, period: string, structure: 'then' | 'now') => {
  const response = await t.anonymous.get(
    `/api/v1/stats/agencies/${code}?period=${period}&structure=${structure}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AgencyStats>();
};

/**
 * The figures of a period, without the dossiers open now: those are counted as they stand today
 * (they move with the merger), not as of the period.
 */
const ofThePeriod = (figures: unknown) =>
  JSON.parse(
    JSON.stringify(figures, (key, value: unknown) =>
      key === 'open' && typeof value === 'object' && value !== null && 'overdue' in value
        ? undefined
        : value,
    ),
  ) as unknown;

/** Everything the public reads of the months before the merger, as the units were then. */
const figuresThen = async () => {
  const out: Record<string, unknown> = {};
  for (const period of pastMonths) {
    for (const code of [SAI_GON, BEN_THANH, HO_CHI_MINH])
      out[`${code} ${period}`] = await stats(code, period, 'then');
    out[`ranking ${period}`] = (
      await t.anonymous.get(`/api/v1/stats/agencies?period=${period}`)
    ).json();
  }
  return ofThePeriod(out);
};

const openDossiersOf = (agencyId: string) =>
  t.database.db
    .selectFrom('dossier')
    .select(['id', 'code', 'status', 'due_at', 'step_index', 'agency_id'])
    .where('holder_agency_id', '=', agencyId)
    .where('status', 'not in', ['returned', 'refused', 'withdrawn', 'draft'])
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('Trịnh Quốc Việt');
  const agencies = await t.database.db
    .selectFrom('agency')
    .select(['id', 'code'])
    .where('code', 'in', [SAI_GON, BEN_THANH, HO_CHI_MINH])
    .execute();
  ids = Object.fromEntries(agencies.map((a) => [a.code ?? '', a.id]));
  const now = new Date();
  await writeDossierHistory(t.database.db, {
    dossiers: 400,
    from: new Date(now.getTime() - 95 * 86_400_000),
    to: now,
    agencyIds: [ids[SAI_GON]!, ids[BEN_THANH]!],
  });
  await recountStatistics(t.database.db);
});
afterAll(() => t.close());

describe('merging two communes', () => {
  it('is for the system administrator alone, and refuses what cannot be merged', async () => {
    const desk = await t.signIn('Lê Minh Châu');
    const body = { from: [ids[BEN_THANH]], into: ids[SAI_GON], note: 'Nghị quyết sáp nhập' };
    const refused = await desk.post('/api/v1/admin/agencies/merge', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('AGENCY_REORGANISATION_FORBIDDEN');

    const intoItself = await admin.post('/api/v1/admin/agencies/merge', {
      ...body,
      from: [ids[SAI_GON]],
    });
    expect(intoItself.statusCode).toBe(422);
    const province = await admin.post('/api/v1/admin/agencies/merge', {
      ...body,
      from: [ids[HO_CHI_MINH]],
    });
    // a province into a ward: not the same level (and it still has its wards)
    expect(province.statusCode).toBe(422);
    expect(province.json<{ detail: string }>().detail).toMatch(/không cùng cấp/);
    // nothing changed
    const benThanh = await t.database.db
      .selectFrom('agency')
      .select(['valid_to', 'successor_id'])
      .where('id', '=', ids[BEN_THANH]!)
      .executeTakeFirstOrThrow();
    expect(benThanh).toEqual({ valid_to: null, successor_id: null });
  });

  it('moves what is in progress to the successor with its appointment, and keeps every past figure', async () => {
    await updateStatistics(t.database.db);
    const before = await figuresThen();
    const sums = await Promise.all(
      pastMonths.map(async (period) => ({
        saiGon: (await stats(SAI_GON, period, 'then')).indicators,
        benThanh: (await stats(BEN_THANH, period, 'then')).indicators,
      })),
    );
    // one submitted online today, and one Bến Thành's leader has taken up
    const citizen = await t.signIn('Nguyễn Văn An');
    const submitted = await submitBirthRegistration(
      citizen,
      await findServiceId(t, 'khai sinh', BEN_THANH),
    );
    const benThanhDesk = await t.signIn('Lý Thị Mai');
    const benThanhLeader = await t.signIn('Phan Văn Nam');
    const taken = await submitBirthRegistration(
      citizen,
      await findServiceId(t, 'khai sinh', BEN_THANH),
    );
    await expectActed(benThanhDesk, taken.id, 'receive');
    await expectActed(benThanhDesk, taken.id, 'claim');
    await expectActed(benThanhDesk, taken.id, 'forward');
    await expectActed(benThanhLeader, taken.id, 'claim');
    const open = await openDossiersOf(ids[BEN_THANH]!);
    expect(open.map((d) => d.id)).toEqual(expect.arrayContaining([submitted.id, taken.id]));
    // a vertically organised unit working in the ward (decision 0022)
    const police = await agencyIdOf(t, '000.00.16.H29');
    await t.database.db
      .updateTable('agency')
      .set({ located_in_id: ids[BEN_THANH]! })
      .where('id', '=', police)
      .execute();

    const merged = await admin.post('/api/v1/admin/agencies/merge', {
      from: [ids[BEN_THANH]],
      into: ids[SAI_GON],
      note: 'Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const summary = merged.json<{ dossiersMoved: number; officerRolesMoved: number }>();
    expect(summary.dossiersMoved).toBeGreaterThanOrEqual(open.length);
    expect(summary.officerRolesMoved).toBe(3);
    const located = await t.database.db
      .selectFrom('agency')
      .select('located_in_id')
      .where('id', '=', police)
      .executeTakeFirstOrThrow();
    expect(located.located_in_id).toBe(ids[SAI_GON]);

    // every open dossier continues at Sài Gòn: same code, state, step and appointment
    const moved = await t.database.db
      .selectFrom('dossier')
      .select(['id', 'code', 'status', 'due_at', 'step_index', 'agency_id', 'holder_agency_id'])
      .where(
        'id',
        'in',
        open.map((d) => d.id),
      )
      .orderBy('id')
      .execute();
    expect(moved.map(({ holder_agency_id: _, ...d }) => d)).toEqual(
      open.map((d) => ({ ...d, agency_id: ids[SAI_GON] })),
    );
    expect(moved.every((d) => d.holder_agency_id === ids[SAI_GON])).toBe(true);
    const events = await t.database.db
      .selectFrom('dossier_event')
      .select(['dossier_id', 'agency_id', 'from_status', 'to_status'])
      .where('action', '=', 'reorganise')
      .execute();
    for (const dossier of open)
      expect(events).toContainEqual({
        dossier_id: dossier.id,
        agency_id: ids[SAI_GON],
        from_status: dossier.status,
        to_status: dossier.status,
      });
    // the applicant can still look it up by its code
    const lookup = await t.anonymous.get(`/api/v1/public/dossiers/${open[0]!.code}`);
    expect(lookup.statusCode, lookup.body).toBe(200);

    // Bến Thành's officers work on at Sài Gòn, where the dossiers now are: the desk receives the
    // one waiting, the leader approves the one taken up, on the appointment it had
    await expectActed(benThanhDesk, submitted.id, 'receive');
    await expectActed(benThanhLeader, taken.id, 'approve');
    // Sài Gòn's desk returns the result, as the successor's desk
    const saiGonDesk = await t.signIn('Lê Minh Châu');
    await expectActed(saiGonDesk, taken.id, 'return_result', { returnMethod: 'counter' });

    // the months before: identical under the units as they were…
    await updateStatistics(t.database.db);
    expect(await figuresThen()).toEqual(before);
    // …and rolled up under today's: Sài Gòn carries Bến Thành's figures
    for (const [i, period] of pastMonths.entries()) {
      const now = await stats(SAI_GON, period, 'now');
      const { saiGon, benThanh } = sums[i]!;
      expect(benThanh.dossiers.received).toBeGreaterThan(0);
      expect(saiGon.dossiers.received).toBeGreaterThan(0);
      expect(now.indicators.dossiers.received).toBe(
        saiGon.dossiers.received + benThanh.dossiers.received,
      );
      expect(now.indicators.dossiers.finished).toBe(
        saiGon.dossiers.finished + benThanh.dossiers.finished,
      );
      expect(now.indicators.dossiers.finishedOnTime).toBe(
        saiGon.dossiers.finishedOnTime + benThanh.dossiers.finishedOnTime,
      );
      expect(now.indicators.services.published).toBe(
        saiGon.services.published + benThanh.services.published,
      );
      // the province is the same either way, and lists Sài Gòn alone among today's wards
      const province = await stats(HO_CHI_MINH, period, 'now');
      expect(ofThePeriod(province.indicators)).toEqual(
        (before as Record<string, AgencyStats>)[`${HO_CHI_MINH} ${period}`]?.indicators,
      );
      expect(province.units.map((u) => u.code)).not.toContain(BEN_THANH);
      expect(province.units.find((u) => u.code === SAI_GON)?.indicators.dossiers.received).toBe(
        now.indicators.dossiers.received,
      );
    }

    // a closed agency cannot be merged again
    const again = await admin.post('/api/v1/admin/agencies/merge', {
      from: [ids[BEN_THANH]],
      into: ids[SAI_GON],
      note: 'lần hai',
    });
    expect(again.statusCode).toBe(422);
  });
});
