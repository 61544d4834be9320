import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../src/domain/indicators.ts';
import { monthKey } from '../src/domain/stats-period.ts';
import { DRILL_MEASURES, MEASURE_FIGURE, type DrillMeasure } from '../src/domain/stats-drill.ts';
import { seedDemoHistory } from '../src/server/db/seed/demo-history.ts';
import { updateStatistics } from '../src/server/modules/monitoring/index.ts';
import { expectActed, findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let national: Caller;
let wardAdmin: Caller;

type AgencyStats = {
  indicators: Indicators;
  fields: { field: string; indicators: Indicators }[];
  procedures: { id: string; code: string; name: string; indicators: Indicators }[];
};

type DossiersBehind = {
  total: number;
  page: number;
  pageSize: number;
  dossiers: { id: string; code: string; procedureCode: string; countedAt: string | null }[];
};

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoHistory(t.database.db, { dossiers: 2_000 })).toBe(true);
  national = await t.signIn('Trịnh Quốc Việt');
  wardAdmin = await t.signIn('Bùi Thị Lan');
  // A few dossiers of the ward through the real lifecycle, counted by the job.
  const citizen = await t.signIn('Nguyễn Văn An');
  const reception = await t.signIn('Lê Minh Châu');
  const serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
  for (let i = 0; i < 3; i++) {
    const dossier = await submitBirthRegistration(citizen, serviceId);
    if (i > 0) await expectActed(reception, dossier.id, 'receive');
  }
  await updateStatistics(t.database.db);
});
afterAll(() => t.close());

const stats = async (agency: string, query: string) => {
  const response = await t.anonymous.get(`/api/v1/stats/agencies/${agency}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AgencyStats>();
};

async function behind(caller: Caller, agency: string, query: string) {
  const response = await caller.get(`/api/v1/stats/agencies/${agency}/dossiers?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<DossiersBehind>();
}

/** Every figure of `indicators` equals the count of dossiers listed behind it. */
async function expectEveryFigureTraced(
  caller: Caller,
  agency: string,
  query: string,
  indicators: Indicators,
) {
  const traced = {} as Record<DrillMeasure, number>;
  for (const measure of DRILL_MEASURES) {
    const page = await behind(caller, agency, `${query}&measure=${measure}`);
    traced[measure] = page.total;
    expect(page.dossiers.length).toBe(Math.min(page.total, page.pageSize));
  }
  const figures = Object.fromEntries(
    DRILL_MEASURES.map((measure) => [measure, MEASURE_FIGURE[measure](indicators)]),
  );
  expect(traced).toEqual(figures);
  return traced;
}

describe('the dossiers behind the figures', () => {
  it('lists for every figure of a province exactly the dossiers it counts, year so far and last month', async () => {
    const lastMonth = monthKey(new Date(Date.now() - 31 * 86_400_000));
    for (const period of ['live', lastMonth]) {
      const { indicators } = await stats('000.00.00.H29', `period=${period}`);
      const traced = await expectEveryFigureTraced(
        national,
        '000.00.00.H29',
        `period=${period}`,
        indicators,
      );
      if (period === 'live') {
        expect(traced.received).toBeGreaterThan(10);
        expect(traced.finished).toBeGreaterThan(0);
        expect(traced.openOnTime + traced.openOverdue).toBeGreaterThan(0);
      }
    }
  });

  it('goes from agency to field to procedure to dossiers, and the parts add up', async () => {
    const province = await stats('000.00.00.H29', 'period=live');
    const field = province.fields.find((f) => f.indicators.dossiers.received > 0);
    if (!field) throw new Error('the demo history gives the province a field with dossiers');
    const byField = await stats(
      '000.00.00.H29',
      `period=live&field=${encodeURIComponent(field.field)}`,
    );
    // The field's own figures are the field row of the agency page.
    expect(byField.indicators).toEqual(field.indicators);
    expect(byField.procedures.length).toBeGreaterThan(0);
    const sum = (pick: (i: Indicators) => number) =>
      byField.procedures.reduce((total, p) => total + pick(p.indicators), 0);
    expect(sum((i) => i.dossiers.received)).toBe(field.indicators.dossiers.received);
    expect(sum((i) => i.services.published)).toBe(field.indicators.services.published);
    expect(sum((i) => i.dossiers.open.total)).toBe(field.indicators.dossiers.open.total);

    const procedure = byField.procedures.find((p) => p.indicators.dossiers.received > 0);
    if (!procedure) throw new Error('a procedure of the field has dossiers');
    const query = `period=live&field=${encodeURIComponent(field.field)}&procedure=${procedure.id}`;
    await expectEveryFigureTraced(national, '000.00.00.H29', query, procedure.indicators);
    const page = await behind(national, '000.00.00.H29', `${query}&measure=received`);
    expect(new Set(page.dossiers.map((d) => d.procedureCode))).toEqual(new Set([procedure.code]));
  });

  it('pages through the list newest first without losing or repeating a dossier', async () => {
    const query = 'period=live&measure=received&pageSize=10';
    const first = await behind(national, '000.00.00.H29', query);
    expect(first.total).toBeGreaterThan(first.pageSize);
    const pages = Math.ceil(first.total / first.pageSize);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const { dossiers } = await behind(national, '000.00.00.H29', `${query}&page=${page}`);
      seen.push(...dossiers.map((d) => d.id));
      const times = dossiers.map((d) => d.countedAt ?? '');
      expect(times).toEqual(times.toSorted().reverse());
    }
    expect(new Set(seen).size).toBe(first.total);
    const beyond = await behind(national, '000.00.00.H29', `${query}&page=${pages + 1}`);
    expect(beyond).toMatchObject({ total: first.total, dossiers: [] });
  });

  it('shows an agency’s administrator the dossiers behind its own figures, not another agency’s', async () => {
    const { indicators } = await stats('000.00.31.H29', 'period=live');
    const traced = await expectEveryFigureTraced(
      wardAdmin,
      '000.00.31.H29',
      'period=live',
      indicators,
    );
    expect(traced.submittedOnline).toBe(3);
    expect(traced.received).toBe(2);

    const province = await wardAdmin.get(
      '/api/v1/stats/agencies/000.00.00.H29/dossiers?period=live&measure=received',
    );
    expect(province.statusCode).toBe(403);
    expect(province.json()).toMatchObject({ code: 'STATS_DOSSIERS_FORBIDDEN' });
    expect(province.json<{ title: string }>().title).toMatch(/Chỉ lãnh đạo/);

    const desk = await (
      await t.signIn('Lê Minh Châu')
    ).get('/api/v1/stats/agencies/000.00.31.H29/dossiers?period=live&measure=received');
    expect(desk.statusCode).toBe(403);
    const citizen = await (
      await t.signIn('Nguyễn Văn An')
    ).get('/api/v1/stats/agencies/000.00.31.H29/dossiers?period=live&measure=received');
    expect(citizen.statusCode).toBe(403);
    const anonymous = await t.anonymous.get(
      '/api/v1/stats/agencies/000.00.31.H29/dossiers?period=live&measure=received',
    );
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses an unknown measure or agency with a Vietnamese problem', async () => {
    const measure = await national.get(
      '/api/v1/stats/agencies/000.00.31.H29/dossiers?period=live&measure=everything',
    );
    expect(measure.statusCode).toBe(400);
    expect(measure.headers['content-type']).toMatch(/application\/problem\+json/);
    const agency = await national.get(
      '/api/v1/stats/agencies/000.00.99.X99/dossiers?period=live&measure=received',
    );
    expect(agency.statusCode).toBe(404);
    expect(agency.json<{ title: string }>().title).toBe('Không tìm thấy cơ quan với mã này');
  });
});
