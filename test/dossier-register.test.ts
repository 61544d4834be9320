import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, libreOfficeRows } from './helpers/libreoffice.ts';
import { expectActed, findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';
import { vietnamDate } from '../src/domain/vietnam-time.ts';

let t: TestApp;
let desk: Caller;
const codes: string[] = [];
let elsewhere = '';
const today = vietnamDate(new Date());

beforeAll(async () => {
  t = await createTestApp();
  desk = await t.signIn('Lê Minh Châu');
  const citizen = await t.signIn('Nguyễn Văn An');
  const saiGon = await findServiceId(t, 'khai sinh', '000.00.31.H29');
  for (let i = 0; i < 3; i++) codes.push((await submitBirthRegistration(citizen, saiGon)).code);
  await expectActed(desk, (await idOf(codes[0] ?? '')) ?? '', 'receive');
  elsewhere = (
    await submitBirthRegistration(citizen, await findServiceId(t, 'khai sinh', '000.00.32.H29'))
  ).code;
});
afterAll(() => t.close());

async function idOf(code: string) {
  const row = await t.database.db
    .selectFrom('dossier')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id;
}

const exportOf = (query: string) => desk.get(`/api/v1/officer/register?${query}`);

describe('the dossier register (Sổ theo dõi hồ sơ)', () => {
  it('lists the ward’s dossiers of the period as CSV, in order of submission, and no other ward’s', async () => {
    const response = await exportOf(`from=${today}&to=${today}&format=csv`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain(
      `so-theo-doi-ho-so-${today}-${today}.csv`,
    );
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(response.body.slice(1));
    expect(header?.slice(0, 3)).toEqual(['STT', 'Mã hồ sơ', 'Tên thủ tục hành chính']);
    expect(rows.map((row) => row[1])).toEqual(codes);
    expect(rows.map((row) => row[0])).toEqual(['1', '2', '3']);
    expect(rows[0]?.[header?.indexOf('Trạng thái') ?? -1]).toBe('Đã tiếp nhận');
    expect(response.body).not.toContain(elsewhere);
    // the export is audited
    const audit = await t.database.db
      .selectFrom('audit_record')
      .select('details')
      .where('action', '=', 'dossier.register_exported')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('is gzipped for a client that takes gzip, and reads the same once unzipped', async () => {
    const plain = await exportOf(`from=${today}&to=${today}&format=csv`);
    const zipped = await t.app.inject({
      method: 'GET',
      url: `/api/v1/officer/register?from=${today}&to=${today}&format=csv`,
      headers: { ...desk.headers, 'accept-encoding': 'br;q=1, gzip;q=0.8' },
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toContain('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('takes the inbox’s filters, and nothing outside the period', async () => {
    const submitted = parseCsv(
      (await exportOf(`from=${today}&to=${today}&format=csv&status=submitted`)).body.slice(1),
    );
    expect(submitted.slice(1).map((row) => row[1])).toEqual(codes.slice(1));
    const before = parseCsv(
      (await exportOf('from=2025-01-01&to=2025-01-31&format=csv')).body.slice(1),
    );
    expect(before).toHaveLength(1);
  });

  it('names each dossier’s procedure and agencies, and filters by procedure as the inbox does', async () => {
    const [header, ...rows] = parseCsv(
      (await exportOf(`from=${today}&to=${today}&format=csv`)).body.slice(1),
    );
    const column = (title: string) => rows.map((row) => row[header?.indexOf(title) ?? -1]);
    const procedure = await t.database.db
      .selectFrom('dossier')
      .innerJoin('service', 'service.id', 'dossier.service_id')
      .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
      .innerJoin('agency', 'agency.id', 'dossier.agency_id')
      .select(['procedure.name', 'procedure.national_code', 'agency.name as agency'])
      .where('dossier.code', '=', codes[0] ?? '')
      .executeTakeFirstOrThrow();
    expect(new Set(column('Tên thủ tục hành chính'))).toEqual(new Set([procedure.name]));
    expect(new Set(column('Cơ quan giải quyết'))).toEqual(new Set([procedure.agency]));
    // no service center took them in: received and returned where they are decided
    expect(new Set(column('Nơi tiếp nhận'))).toEqual(new Set([procedure.agency]));

    const ofProcedure = (code: string) =>
      exportOf(`from=${today}&to=${today}&format=csv&procedure=${code}`).then((response) =>
        parseCsv(response.body.slice(1))
          .slice(1)
          .map((row) => row[1]),
      );
    expect(await ofProcedure(procedure.national_code)).toEqual(codes);
    expect(await ofProcedure('1.000000')).toEqual([]);
    const inbox = await desk.get(`/api/v1/officer/inbox?procedure=${procedure.national_code}`);
    expect(inbox.statusCode).toBe(200);
    expect(
      inbox
        .json<{ items: { code: string }[] }>()
        .items.map((item) => item.code)
        .sort(),
    ).toEqual([...codes].sort());
    const none = await desk.get('/api/v1/officer/inbox?procedure=1.000000');
    expect(none.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('is a workbook LibreOffice opens, with the title, the headings and the rows', async () => {
    const response = await exportOf(`from=${today}&to=${today}&format=xlsx`);
    expect(response.statusCode).toBe(200);
    const rows = await libreOfficeRows(response.rawPayload);
    expect(rows[0]?.[0]).toMatch(/^SỔ THEO DÕI HỒ SƠ TỪ NGÀY \d{2}\/\d{2}\/\d{4}/);
    const header = rows.findIndex((row) => row[0] === 'STT');
    expect(rows.slice(header + 1).map((row) => row[1])).toEqual(codes);
  });

  it('refuses a period that ends before it starts, and a citizen', async () => {
    const backwards = await exportOf('from=2026-02-01&to=2026-01-01&format=csv');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'REGISTER_PERIOD_INVALID' });
    const citizen = await t.signIn('Nguyễn Văn An');
    const refused = await citizen.get(
      `/api/v1/officer/register?from=${today}&to=${today}&format=csv`,
    );
    expect(refused.statusCode).toBe(403);
  });
});
