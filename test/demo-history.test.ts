import fc from 'fast-check';
import { sql } from 'kysely';
import { isAgencyCode } from '../src/domain/agency-code.ts';
import { formatDossierCode, parseDossierCode } from '../src/domain/dossier-code.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../src/domain/indicators.ts';
import { seedDemoHistory } from '../src/server/db/seed/demo-history.ts';
import { AUGUST_2020 } from '../src/server/db/seed/catalog-2020.ts';
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

  it('reads the published figures of August 2020 under the 63 provinces, and rolls them up under today’s', async () => {
    const then = (
      await t.anonymous.get('/api/v1/stats/agencies?period=2020-08&structure=then')
    ).json<Ranking>();
    expect(then.national.services.fullOnlineShare.percent).toBe(AUGUST_2020.nationalShare);
    const provinces = then.agencies.filter((a) => /^Ủy ban nhân dân/.test(a.name));
    expect(provinces).toHaveLength(63);
    const laggards = then.agencies.filter((a) => a.laggard).map((a) => a.name);
    expect(laggards.sort()).toEqual(
      [
        ...AUGUST_2020.laggardMinistries,
        ...AUGUST_2020.laggardProvinces.map((name) =>
          ['Hải Phòng'].includes(name)
            ? `Ủy ban nhân dân Thành phố ${name}`
            : `Ủy ban nhân dân Tỉnh ${name}`,
        ),
      ].sort(),
    );
    // today's 34 provinces carry the figures of those merged into them; the nation is the same
    const now = (
      await t.anonymous.get('/api/v1/stats/agencies?period=2020-08&structure=now&level=province')
    ).json<Ranking>();
    expect(now.agencies).toHaveLength(34);
    expect(now.national).toEqual(then.national);
    const published = (ranking: Ranking, level: RegExp) =>
      ranking.agencies
        .filter((a) => level.test(a.name))
        .reduce((sum, a) => sum + a.indicators.services.published, 0);
    expect(published(now, /^Ủy ban nhân dân/)).toBe(published(then, /^Ủy ban nhân dân/));
    // the home page of today does not count them
    const live = (await t.anonymous.get('/api/v1/stats/agencies?period=live')).json<Ranking>();
    expect(live.agencies.filter((a) => /^Ủy ban nhân dân/.test(a.name))).toHaveLength(34);
  });

  it('offers each procedure only where it is competent, and leads the home page with the most used', async () => {
    const offeredBy = async (name: string) =>
      (
        await t.database.db
          .selectFrom('service')
          .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
          .innerJoin('agency', 'agency.id', 'service.agency_id')
          .select(['agency.level', 'agency.name'])
          .where('procedure.name', '=', name)
          .where('procedure.national_code', 'like', '9.9%')
          .where('service.status', '=', 'published')
          .execute()
      ).map((a) => a.level + ' ' + a.name);
    const judicial = await offeredBy('Cấp Phiếu lý lịch tư pháp');
    expect(judicial).toHaveLength(34);
    expect(judicial.every((a) => a.startsWith('province '))).toBe(true);
    expect(await offeredBy('Cấp Chứng chỉ hành nghề luật sư')).toEqual(['ministry Bộ Tư pháp']);
    expect(await offeredBy('Công nhận trường mầm non đạt chuẩn quốc gia')).not.toContain(
      'ministry Bộ Nội vụ',
    );

    const popular = (await t.anonymous.get('/api/v1/stats/popular-procedures')).json<
      { code: string; received: number; services: number }[]
    >();
    expect(popular.length).toBeGreaterThan(3);
    expect(new Set(popular.map((p) => p.code)).size).toBe(popular.length);
    expect(popular.map((p) => p.received)).toEqual(
      [...popular.map((p) => p.received)].sort((a, b) => b - a),
    );
    expect(popular.every((p) => p.services > 0 && p.received > 0)).toBe(true);
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

  it('numbers the dossiers as the desk does, so later ones of the same day follow them', async () => {
    const { rows } = await sql<{ dossiers: string; numbered: string }>`
      select count(*) as dossiers,
        count(*) filter (where right(d.code, 7)::integer <= q.last_value
          and d.code like '%-' || to_char(q.day, 'YYMMDD') || '-_______') as numbered
      from dossier d
      join dossier_code_sequence q on q.agency_id = d.agency_id
        and q.day = (d.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date`.execute(t.database.db);
    const total = await t.database.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows[0]?.dossiers)).toBe(Number(total.n));
    expect(rows[0]?.numbered).toBe(rows[0]?.dossiers);
  });

  it('gives every agency that receives dossiers a QCVN 102 code, and every code it issues is found by the public lookup', async () => {
    const agencies = await t.database.db
      .selectFrom('agency')
      .select(['code', 'level', 'name'])
      .where('level', '!=', 'central')
      .execute();
    expect(agencies.filter((a) => a.code === null || !isAgencyCode(a.code))).toEqual([]);
    const codes = agencies.map((a) => a.code ?? '');
    expect(new Set(codes).size).toBe(codes.length);

    // any code the desk could issue, for any agency of the registry, is one the lookup reads
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 9_999_999 }),
        (agencyCode, at, sequence) => {
          const code = formatDossierCode(agencyCode, at, sequence);
          expect(parseDossierCode(code)).toMatchObject({ agencyCode, sequence });
        },
      ),
    );

    // …and one dossier of every agency of the demo history, opened by the public lookup
    const { rows } = await sql<{ code: string }>`
      select distinct on (agency_id) code from dossier order by agency_id, code`.execute(
      t.database.db,
    );
    expect(rows.length).toBeGreaterThan(30);
    for (const { code } of rows) {
      const found = await t.anonymous.get(`/api/v1/public/dossiers/${code}`);
      expect(found.statusCode, `${code}: ${found.body}`).toBe(200);
      expect(found.json<{ code: string }>().code).toBe(code);
    }
  });

  it('runs once', async () => {
    expect(await seedDemoHistory(t.database.db)).toBe(false);
  });
});
