import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';
import { zipOf } from './helpers/zip.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let systemAdmin: Caller;
let agencyAdmin: Caller;

async function workbook(procedures: string[][], services: string[][]) {
  const book = new ExcelJS.Workbook();
  const p = book.addWorksheet('Thủ tục');
  p.addRow(['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Căn cứ pháp lý']);
  for (const row of procedures) p.addRow(row);
  const s = book.addWorksheet('Dịch vụ');
  s.addRow(['Mã cơ quan', 'Mã thủ tục', 'Mức độ']);
  for (const row of services) s.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const importFile = (
  caller: Caller,
  content: Buffer,
  dryRun = false,
  name = 'danh-muc.xlsx',
  type = XLSX,
) => caller.upload(name, content, type, `/api/v1/admin/catalog/import?dryRun=${String(dryRun)}`);

const count = async (table: 'procedure' | 'service') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  systemAdmin = await t.signIn('Trịnh Quốc Việt');
  agencyAdmin = await t.signIn('Bùi Thị Lan');
});
afterAll(() => t.close());

describe('catalog export', () => {
  it('exports the procedures and the administrator’s own services as XLSX', async () => {
    const response = await agencyAdmin.get('/api/v1/admin/catalog/export?format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const services = book.getWorksheet('Dịch vụ');
    expect(services?.getRow(1).values).toEqual([undefined, 'Mã cơ quan', 'Mã thủ tục', 'Mức độ']);
    expect(services?.rowCount).toBe(1 + 4);
    expect(services?.getRow(2).getCell(1).value).toBe('000.00.31.H29');
    expect(services?.getRow(2).getCell(3).value).toBe('Một phần');
    expect(book.getWorksheet('Thủ tục')?.rowCount).toBe(1 + 5);
  });

  it('exports JSON that imports back unchanged', async () => {
    const json = (await systemAdmin.get('/api/v1/admin/catalog/export?format=json')).rawPayload;
    const before = [await count('procedure'), await count('service')];
    const report = await importFile(systemAdmin, json, false, 'danh-muc.json', 'application/json');
    expect(report.statusCode).toBe(200);
    expect(report.json()).toEqual({
      dryRun: false,
      procedures: { created: 0, updated: 5 },
      services: { created: 0, updated: 0 },
    });
    expect([await count('procedure'), await count('service')]).toEqual(before);
  });
});

describe('catalog import', () => {
  it('imports nothing when one row is wrong, and names the row and column of every error', async () => {
    const before = [await count('procedure'), await count('service')];
    const file = await workbook(
      [
        ['1.009001', 'Cấp giấy phép tổ chức lễ hội', 'Văn hóa', 'Nghị định 110/2018/NĐ-CP'],
        ['1009002', 'Cấp giấy phép quảng cáo', 'Văn hóa', 'Luật Quảng cáo 2012'],
      ],
      [
        ['000.00.31.H29', '1.009001', 'Một phần'],
        ['000.00.31.H29', '1.001193', 'Mức độ 4'],
      ],
    );
    for (const dryRun of [true, false]) {
      const response = await importFile(systemAdmin, file, dryRun);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'CATALOG_IMPORT_INVALID',
        title: 'Tệp nhập có dòng không hợp lệ; không dữ liệu nào được nhập',
      });
      expect(response.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
        expect.objectContaining({
          field: 'Thủ tục!A3',
          message: 'Mã thủ tục phải có dạng 1.001193',
        }),
        expect.objectContaining({
          field: 'Dịch vụ!C3',
          message: 'Mức độ phải là "Toàn trình" hoặc "Một phần"',
        }),
      ]);
    }
    expect([await count('procedure'), await count('service')]).toEqual(before);
  });

  it('dry-runs, then imports a valid file in one go; new services start as drafts', async () => {
    const file = await workbook(
      [
        ['1.009001', 'Cấp giấy phép tổ chức lễ hội', 'Văn hóa', 'Nghị định 110/2018/NĐ-CP'],
        [
          '1.001193',
          'Đăng ký khai sinh',
          'Hộ tịch',
          'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP (sửa đổi)',
        ],
      ],
      [
        ['000.00.31.H29', '1.009001', 'Toàn trình'],
        ['000.00.31.H29', '2.000720', 'Một phần'],
      ],
    );
    const before = await count('service');
    const dry = await importFile(systemAdmin, file, true);
    expect(dry.json()).toEqual({
      dryRun: true,
      procedures: { created: 1, updated: 1 },
      services: { created: 1, updated: 1 },
    });
    expect(await count('service')).toBe(before);

    const done = await importFile(systemAdmin, file);
    expect(done.json()).toEqual({
      dryRun: false,
      procedures: { created: 1, updated: 1 },
      services: { created: 1, updated: 1 },
    });
    expect(await count('service')).toBe(before + 1);
    // the level change shows in the public catalog at once; the new service stays out until published
    const catalog = (await t.anonymous.get('/api/v1/catalog/services?agency=000.00.31.H29')).json<{
      items: { procedureCode: string; onlineLevel: string }[];
    }>();
    expect(catalog.items.find((s) => s.procedureCode === '2.000720')?.onlineLevel).toBe('partial');
    expect(catalog.items.map((s) => s.procedureCode)).not.toContain('1.009001');
  });

  it('lets agency administrators import only services of their own agencies, and no procedures', async () => {
    const file = await workbook(
      [['1.009003', 'Cấp giấy phép biểu diễn', 'Văn hóa', 'Nghị định 144/2020/NĐ-CP']],
      [['000.00.31.H41', '1.001193', 'Một phần']],
    );
    const response = await importFile(agencyAdmin, file);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
      expect.objectContaining({
        field: 'Thủ tục!A2',
        message: 'Chỉ quản trị hệ thống được cập nhật danh mục thủ tục hành chính',
      }),
      expect.objectContaining({ field: 'Dịch vụ!A2', message: 'Bạn không quản trị cơ quan này' }),
    ]);
  });

  it('refuses a file it cannot read', async () => {
    const response = await importFile(
      systemAdmin,
      Buffer.from('not a spreadsheet'),
      false,
      'x.json',
      'application/json',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'CATALOG_IMPORT_UNREADABLE' });
  });

  it('refuses a decompression bomb before the spreadsheet is parsed, whatever its headers say', async () => {
    const before = await count('procedure');
    const huge = Buffer.alloc(80 * 1024 * 1024, 0x20); // 80 MB of spaces: about 80 KB deflated
    for (const bomb of [
      zipOf([{ name: 'xl/worksheets/sheet1.xml', content: huge }]),
      zipOf([{ name: 'xl/worksheets/sheet1.xml', content: huge, declaredSize: 1024 }]),
    ]) {
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const response = await importFile(systemAdmin, bomb);
      expect([400, 413]).toContain(response.statusCode);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const declared = await importFile(
      systemAdmin,
      zipOf([{ name: 'xl/worksheets/sheet1.xml', content: huge }]),
    );
    expect(declared.statusCode).toBe(413);
    expect(declared.json<{ detail: string }>().detail).toBe(
      'Bảng tính vượt quá 50 MB khi giải nén',
    );
    expect(await count('procedure')).toBe(before);
  });
});
