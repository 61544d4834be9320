import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/domain/stats-period.ts';
import { refreshCatalogListing } from '../src/server/modules/catalog/index.ts';
import {
  applyPendingEvents,
  recountRollups,
  updateStatistics,
} from '../src/server/modules/monitoring/index.ts';
import { groupFigures, subtrees } from '../src/server/modules/monitoring/repository.ts';
import {
  actAsApplicant,
  agencyIdOf,
  expectActed,
  findServiceId,
  submitBirthRegistration,
} from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let citizen: Caller;
let reception: Caller;
let specialist: Caller;
let leader: Caller;
let serviceId: string;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await t.signIn('Nguyễn Văn An');
  reception = await t.signIn('Lê Minh Châu');
  specialist = await t.signIn('Võ Thanh Giang');
  leader = await t.signIn('Đỗ Văn Khoa');
  serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
});
afterAll(() => t.close());

/** A small deterministic generator: the same seed gives the same workload. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function citizenAct(code: string, body: object) {
  const response = await actAsApplicant(citizen, code, body);
  expect(response.statusCode, response.body).toBe(200);
}

/** One dossier taken a random distance along its life. */
async function randomDossier(next: () => number) {
  const dossier = await submitBirthRegistration(citizen, serviceId);
  const roll = next();
  if (roll < 0.1) return citizenAct(dossier.code, { action: 'withdraw' });
  if (roll < 0.2)
    return expectActed(reception, dossier.id, 'refuse', { note: 'Không thuộc thẩm quyền' });
  if (roll < 0.3) return;
  await expectActed(reception, dossier.id, 'receive');
  if (roll < 0.4) return;
  await expectActed(specialist, dossier.id, 'claim');
  await expectActed(specialist, dossier.id, 'forward');
  await expectActed(leader, dossier.id, 'claim');
  if (roll < 0.5) return expectActed(leader, dossier.id, 'refuse', { note: 'Hồ sơ không hợp lệ' });
  await expectActed(leader, dossier.id, 'approve');
  if (roll < 0.7) return;
  await expectActed(reception, dossier.id, 'return_result', { returnMethod: 'online' });
  await citizenAct(dossier.code, { action: 'rate', rating: 1 + Math.floor(next() * 5) });
}

const rowsOf = async (query: ReturnType<typeof sql>) => (await query.execute(t.database.db)).rows;

/** Every grain of the rollups, in a stable order. */
const rollups = async () => {
  return {
    day: await rowsOf(sql`select * from stats_day order by day, agency_id, procedure_id, channel`),
    subtreeMonth: await rowsOf(
      sql`select * from stats_subtree_month order by agency_id, month, channel`,
    ),
    subtreeFieldMonth: await rowsOf(
      sql`select * from stats_subtree_field_month order by agency_id, month, field, channel`,
    ),
    month: await rowsOf(
      sql`select * from stats_month order by month, agency_id, procedure_id, channel`,
    ),
    serviceOnline: await rowsOf(
      sql`select * from stats_service_online order by agency_id, procedure_id`,
    ),
  };
};

describe('statistics', () => {
  it('keeps rollups equal to a recount from the events, through retries, crashes and concurrent workers', async () => {
    const seed = 20_261_124;
    const next = random(seed);
    for (let round = 0; round < 6; round++) {
      await Promise.all([randomDossier(next), randomDossier(next), randomDossier(next)]);
      const fate = next();
      if (fate < 0.3) {
        // The worker dies after writing its batch but before committing: nothing is kept.
        await expect(
          applyPendingEvents(t.database.db, {
            batchSize: 7,
            beforeCommit: () => {
              throw new Error('worker killed');
            },
          }),
        ).rejects.toThrow('worker killed');
      } else if (fate < 0.7) {
        // Two workers at once, small batches.
        await Promise.all([
          applyPendingEvents(t.database.db, { batchSize: 3 }),
          applyPendingEvents(t.database.db, { batchSize: 5 }),
        ]);
      } else {
        await applyPendingEvents(t.database.db);
        // A retry of a job that had finished finds nothing more to count.
        expect(await applyPendingEvents(t.database.db)).toBe(0);
      }
    }
    await applyPendingEvents(t.database.db);
    const incremental = await rollups();
    expect(incremental.day.length, `seed ${String(seed)}`).toBeGreaterThan(0);
    expect(incremental.serviceOnline.length).toBeGreaterThan(0);

    await recountRollups(t.database.db);
    expect(await rollups(), `seed ${String(seed)}`).toEqual(incremental);
  });

  it('answers figures that trace to the dossiers behind them', async () => {
    await updateStatistics(t.database.db);
    const db = t.database.db;
    const wardId = await agencyIdOf(t, '000.00.31.H29');
    const { rows } = await sql<Record<string, string>>`
      select
        count(*) filter (where received_at is not null) as received,
        count(*) filter (where finished_at is not null and received_at is not null
          and status in ('result_ready', 'returned', 'refused')) as finished,
        count(*) filter (where finished_at is not null and received_at is not null
          and status in ('result_ready', 'returned', 'refused') and finished_at <= due_at) as on_time,
        count(*) filter (where received_at is not null and finished_at is null
          and status <> 'withdrawn') as open,
        count(*) filter (where rating is not null) as rated
      from dossier where holder_agency_id = ${wardId}`.execute(db);
    const direct = rows[0] ?? {};

    const response = await t.anonymous.get('/api/v1/stats/agencies/000.00.31.H29?period=live');
    expect(response.statusCode, response.body).toBe(200);
    const stats = response.json<{
      agency: { name: string };
      indicators: {
        services: { published: number; fullOnlineShare: { numerator: number } };
        dossiers: {
          received: number;
          finished: number;
          finishedOnTime: number;
          open: { total: number };
          onlineRate: { numerator: number; denominator: number };
        };
        satisfaction: { rated: number };
      };
      fields: { field: string }[];
      trend: { month: string; received: number }[];
    }>();
    expect(stats.agency.name).toBe('Ủy ban nhân dân Phường Sài Gòn');
    expect(stats.indicators.dossiers.received).toBe(Number(direct.received));
    expect(stats.indicators.dossiers.received).toBeGreaterThan(0);
    expect(stats.indicators.dossiers.finished).toBe(Number(direct.finished));
    expect(stats.indicators.dossiers.finishedOnTime).toBe(Number(direct.on_time));
    expect(stats.indicators.dossiers.open.total).toBe(Number(direct.open));
    expect(stats.indicators.satisfaction.rated).toBe(Number(direct.rated));
    // Every dossier of the workload came online.
    expect(stats.indicators.dossiers.onlineRate.numerator).toBe(Number(direct.received));
    expect(stats.indicators.services.published).toBeGreaterThan(0);
    expect(stats.fields.map((f) => f.field)).toContain('Hộ tịch');
    expect(stats.trend.at(-1)?.received).toBeGreaterThan(0);

    // The monthly grains and the daily one agree: the same days read either way give the same figures.
    const live = parsePeriod('live');
    if (!live) throw new Error('live');
    const wardTree = subtrees(sql`${wardId}::uuid`);
    for (const by of ['member', 'field', 'procedure'] as const) {
      const monthly = await groupFigures(db, wardTree, live, { by });
      const daily = await groupFigures(db, wardTree, { ...live, kind: 'day' }, { by });
      const byKey = (groups: typeof monthly) =>
        groups.toSorted((a, b) => a.key.localeCompare(b.key));
      expect(byKey(monthly)).toEqual(byKey(daily));
    }

    // The ward's province ranks among the provinces, with the ward's dossiers in its figures.
    const ranking = (
      await t.anonymous.get('/api/v1/stats/agencies?period=live&indicator=onlineRate')
    ).json<{
      national: { dossiers: { received: number } };
      agencies: {
        name: string;
        rank: number;
        laggard: boolean;
        indicators: { dossiers: { received: number; onlineRate: { percent: number | null } } };
      }[];
    }>();
    expect(ranking.national.dossiers.received).toBeGreaterThanOrEqual(Number(direct.received));
    const hcmc = ranking.agencies.find((a) => a.name === 'Ủy ban nhân dân Thành phố Hồ Chí Minh');
    expect(hcmc?.indicators.dossiers.received).toBeGreaterThanOrEqual(Number(direct.received));
    expect(hcmc?.rank).toBe(1);
    expect(ranking.agencies.map((a) => a.rank)).toEqual(
      ranking.agencies.map((_, index) => index + 1),
    );
  });

  it('counts past periods with the services and levels of their time', async () => {
    const db = t.database.db;
    const wardId = await agencyIdOf(t, '000.00.31.H29');
    const wardTree = subtrees(sql`${wardId}::uuid`);
    const services = async (key: string) => {
      const period = parsePeriod(key);
      if (!period) throw new Error(key);
      const [figures] = await groupFigures(db, wardTree, period);
      return {
        published: figures?.services.published ?? 0,
        fullOnline: figures?.services.fullOnline ?? 0,
      };
    };
    // The ward's services have been listed since the start of last year.
    const lastYear = new Date().getFullYear() - 1;
    await db
      .updateTable('service_level_history')
      .set({ valid_from: new Date(`${String(lastYear)}-01-01T00:00:00+07:00`) })
      .where('agency_id', '=', wardId)
      .execute();
    const full = await db
      .selectFrom('service_level_history')
      .select('service_id')
      .where('agency_id', '=', wardId)
      .where('level', '=', 'full')
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    const before = await services('live');
    expect(await services(String(lastYear))).toEqual(before);
    expect(before.fullOnline).toBeGreaterThan(0);
    expect(await services(String(lastYear - 1))).toEqual({ published: 0, fullOnline: 0 });

    // Now the agency lowers one service to partial online: today's figures change, last year's stay.
    await db
      .updateTable('service')
      .set({ online_level: 'partial' })
      .where('id', '=', full.service_id)
      .execute();
    await refreshCatalogListing(db, [full.service_id]);
    expect(await services('live')).toEqual({
      published: before.published,
      fullOnline: before.fullOnline - 1,
    });
    expect(await services(String(lastYear))).toEqual(before);
    // The history holds the closed period and the open one, nothing in between.
    const history = await db
      .selectFrom('service_level_history')
      .select(['level', 'valid_to'])
      .where('service_id', '=', full.service_id)
      .orderBy('valid_from')
      .execute();
    expect(history.map((h) => [h.level, h.valid_to === null])).toEqual([
      ['full', false],
      ['partial', true],
    ]);
    // Refreshing again changes nothing.
    await refreshCatalogListing(db, [full.service_id]);
    expect(
      await db
        .selectFrom('service_level_history')
        .select('id')
        .where('service_id', '=', full.service_id)
        .execute(),
    ).toHaveLength(2);
  });

  it('keeps each agency’s figures with its units as units are added and moved', async () => {
    const db = t.database.db;
    await updateStatistics(db);
    const closure = () =>
      rowsOf(sql`select ancestor_id, agency_id from agency_closure order by 1, 2`);
    const closureFromScratch = () =>
      rowsOf(sql`
        with recursive tree(ancestor_id, agency_id) as (
          select id, id from agency
          union all
          select tree.ancestor_id, a.id from agency a join tree on a.parent_id = tree.agency_id)
        select ancestor_id, agency_id from tree order by 1, 2`);
    const subtreeGrain = () =>
      rowsOf(sql`select agency_id, month, channel, received, finished, processing_seconds
        from stats_subtree_month order by 1, 2, 3`);
    const subtreeGrainFromAgencies = () =>
      rowsOf(sql`
        select c.ancestor_id as agency_id, s.month, s.channel, sum(s.received)::integer as received,
          sum(s.finished)::integer as finished, sum(s.processing_seconds)::bigint as processing_seconds
        from stats_month s join agency_closure c on c.agency_id = s.agency_id
        group by 1, 2, 3 order by 1, 2, 3`);
    const fieldGrain = () =>
      rowsOf(sql`select agency_id, month, field, channel, received, finished
        from stats_subtree_field_month order by 1, 2, 3, 4`);
    const fieldGrainFromAgencies = () =>
      rowsOf(sql`
        select c.ancestor_id as agency_id, s.month, p.field, s.channel,
          sum(s.received)::integer as received, sum(s.finished)::integer as finished
        from stats_month s join agency_closure c on c.agency_id = s.agency_id
          join procedure p on p.id = s.procedure_id
        group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
    const openSubtree = () =>
      rowsOf(sql`select agency_id, on_time, overdue from stats_open_subtree order by 1`);
    const openSubtreeFromAgencies = () =>
      rowsOf(sql`
        select c.ancestor_id as agency_id, sum(o.on_time)::integer as on_time,
          sum(o.overdue)::integer as overdue
        from stats_open o join agency_closure c on c.agency_id = o.agency_id
        group by 1 order by 1`);
    const idOf = async (name: string) =>
      (
        await db
          .selectFrom('agency')
          .select('id')
          .where('name', '=', name)
          .where('valid_to', 'is', null)
          .executeTakeFirstOrThrow()
      ).id;
    const hcmc = await idOf('Ủy ban nhân dân Thành phố Hồ Chí Minh');
    const hanoi = await idOf('Ủy ban nhân dân Thành phố Hà Nội');
    const wardId = await agencyIdOf(t, '000.00.31.H29');
    const received = async () => {
      const ranking = (
        await t.anonymous.get('/api/v1/stats/agencies?period=live&level=province')
      ).json<{ agencies: { id: string; indicators: { dossiers: { received: number } } }[] }>()
        .agencies;
      const of = (id: string) =>
        ranking.find((a) => a.id === id)?.indicators.dossiers.received ?? NaN;
      return { hcmc: of(hcmc), hanoi: of(hanoi) };
    };

    // A unit inserted before its parent, in the same statement, is linked when the parent comes.
    const [department, office] = [crypto.randomUUID(), crypto.randomUUID()];
    await sql`
      insert into agency (id, name, level, parent_id, valid_from) values
        (${office}, 'Phòng thử nghiệm', 'province_unit', ${department}, '2025-07-01'),
        (${department}, 'Sở thử nghiệm', 'province_unit', ${hcmc}, '2025-07-01')`.execute(db);
    expect(await closure()).toEqual(await closureFromScratch());

    // The ward moves to Hà Nội: its dossiers leave Hồ Chí Minh City's figures and join Hà Nội's.
    const before = await received();
    const ward = (await t.anonymous.get('/api/v1/stats/agencies/000.00.31.H29?period=live')).json<{
      indicators: { dossiers: { received: number } };
    }>().indicators.dossiers.received;
    expect(ward).toBeGreaterThan(0);
    await db.updateTable('agency').set({ parent_id: hanoi }).where('id', '=', wardId).execute();
    expect(await closure()).toEqual(await closureFromScratch());
    expect(await subtreeGrain()).toEqual(await subtreeGrainFromAgencies());
    expect(await fieldGrain()).toEqual(await fieldGrainFromAgencies());
    expect(await openSubtree()).toEqual(await openSubtreeFromAgencies());
    expect(await received()).toEqual({ hcmc: before.hcmc - ward, hanoi: before.hanoi + ward });

    // The ward's next reception counts for its new province; moving back, for the old one.
    const dossier = await submitBirthRegistration(citizen, serviceId);
    await expectActed(reception, dossier.id, 'receive');
    await updateStatistics(db);
    expect(await received()).toEqual({ hcmc: before.hcmc - ward, hanoi: before.hanoi + ward + 1 });
    await db.updateTable('agency').set({ parent_id: hcmc }).where('id', '=', wardId).execute();
    expect(await closure()).toEqual(await closureFromScratch());
    expect(await subtreeGrain()).toEqual(await subtreeGrainFromAgencies());
    expect(await openSubtree()).toEqual(await openSubtreeFromAgencies());
    expect(await received()).toEqual({ hcmc: before.hcmc + 1, hanoi: before.hanoi });
    await db.deleteFrom('agency').where('id', 'in', [office, department]).execute();
    expect(await closure()).toEqual(await closureFromScratch());

    // A procedure moved to another field takes its figures there.
    const fields = async () =>
      (await t.anonymous.get('/api/v1/stats/agencies/000.00.31.H29?period=live'))
        .json<{ fields: { field: string; indicators: { dossiers: { received: number } } }[] }>()
        .fields.map((f) => [f.field, f.indicators.dossiers.received]);
    const { procedure_id: procedureId } = await db
      .selectFrom('service')
      .select('procedure_id')
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow();
    const birth = await db
      .selectFrom('procedure')
      .select('field')
      .where('id', '=', procedureId)
      .executeTakeFirstOrThrow();
    const fieldsBefore = await fields();
    await db
      .updateTable('procedure')
      .set({ field: 'Lĩnh vực thử nghiệm' })
      .where('id', '=', procedureId)
      .execute();
    expect(await fieldGrain()).toEqual(await fieldGrainFromAgencies());
    expect(await fields()).toContainEqual(['Lĩnh vực thử nghiệm', expect.any(Number)]);
    await db
      .updateTable('procedure')
      .set({ field: birth.field })
      .where('id', '=', procedureId)
      .execute();
    expect(await fieldGrain()).toEqual(await fieldGrainFromAgencies());
    expect(await fields()).toEqual(fieldsBefore);
  });

  it('moves the service figures’ version on when a service receives its first online dossier of a month', async () => {
    const db = t.database.db;
    await updateStatistics(db);
    const version = async () =>
      (await sql<{ services: string }>`select services from stats_version`.execute(db)).rows[0]
        ?.services;
    const onlineThisMonth = () =>
      sql`date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh')::date`;
    const { procedure_id: procedureId, agency_id: agencyId } = await db
      .selectFrom('service')
      .select(['procedure_id', 'agency_id'])
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow();

    // Another online dossier in a month that already had one changes nothing.
    await submitBirthRegistration(citizen, serviceId);
    const before = await version();
    await updateStatistics(db);
    expect(await version()).toBe(before);

    // As if this month had none yet: the next one is the first, and the version moves on.
    await sql`update stats_service_online set months = array_remove(months, ${onlineThisMonth()})
      where agency_id = ${agencyId} and procedure_id = ${procedureId}`.execute(db);
    await submitBirthRegistration(citizen, serviceId);
    await updateStatistics(db);
    expect(Number(await version())).toBe(Number(before) + 1);
    const { rows } = await sql<{ has: boolean }>`
      select ${onlineThisMonth()} = any (months) as has from stats_service_online
      where agency_id = ${agencyId} and procedure_id = ${procedureId}`.execute(db);
    expect(rows[0]?.has).toBe(true);
  });

  it('refuses a period that does not exist and an unknown agency, in Vietnamese', async () => {
    const badDay = await t.anonymous.get('/api/v1/stats/agencies?period=2025-02-29');
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json()).toMatchObject({ code: 'STATS_PERIOD_INVALID' });
    const badShape = await t.anonymous.get('/api/v1/stats/agencies?period=thang-11');
    expect(badShape.statusCode).toBe(400);
    expect(badShape.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const unknown = await t.anonymous.get('/api/v1/stats/agencies/000.00.99.Z99');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'AGENCY_NOT_FOUND' });
  });
});
