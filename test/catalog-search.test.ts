import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

type Page = {
  items: { procedureName: string; agency: { code: string }; onlineLevel: string; field: string }[];
  total: number;
  page: number;
  pageSize: number;
  suggestions: string[];
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const search = async (query: string) => {
  const response = await t.anonymous.get(`/api/v1/catalog/services?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<Page>();
};
const names = (page: Page) => [...new Set(page.items.map((s) => s.procedureName))];

describe('public catalog search', () => {
  it.each([
    ['Đăng ký khai sinh', 'Đăng ký khai sinh'],
    ['dang ky khai sinh', 'Đăng ký khai sinh'],
    ['DANG KY KHAI SINH', 'Đăng ký khai sinh'],
    ['khai snh', 'Đăng ký khai sinh'],
    ['ket hon', 'Đăng ký kết hôn'],
    ['kết hôm', 'Đăng ký kết hôn'],
    [
      'ly lich tu phap',
      'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    ],
    ['ho kinh doan', 'Đăng ký thành lập hộ kinh doanh'],
  ])('"%s" finds %s first', async (query, expected) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    expect(names(page)[0]).toBe(expected);
  });

  it('finds procedures by their field too, names first', async () => {
    const page = await search('q=ho%20tich');
    expect(page.total).toBe(9);
    expect(page.items.every((s) => s.field === 'Hộ tịch')).toBe(true);
  });

  it('finds nothing for words of no procedure, and suggests nothing either', async () => {
    const page = await search('q=xe%20may%20dien');
    expect(page.total).toBe(0);
    expect(page.suggestions).toEqual([]);
  });

  it.each([
    ['khia sinh', 'Đăng ký khai sinh'],
    ['khai sinh cho con', 'Đăng ký khai sinh'],
  ])('suggests, when "%s" finds nothing, %s', async (query, expected) => {
    const page = await search(`q=${encodeURIComponent(query)}`);
    expect(page.total).toBe(0);
    expect(page.suggestions[0]).toBe(expected);
    // The suggestion, searched, finds the procedure.
    const followed = await search(`q=${encodeURIComponent(page.suggestions[0] ?? '')}`);
    expect(names(followed)[0]).toBe(expected);
  });

  it('suggests nothing when the search finds something', async () => {
    expect((await search('q=khai%20sinh')).suggestions).toEqual([]);
  });

  it('treats LIKE wildcards in the query as text', async () => {
    expect((await search('q=%25')).total).toBe(0);
    expect((await search('q=_')).total).toBe(0);
  });

  it('filters by agency, including every unit under it', async () => {
    const province = await search('agency=000.00.00.H29');
    expect(province.total).toBe(9);
    expect(new Set(province.items.map((s) => s.agency.code))).toEqual(
      new Set(['000.00.31.H29', '000.00.32.H29', '000.00.16.H29']),
    );
    const ward = await search('agency=000.00.31.H29');
    expect(ward.items.every((s) => s.agency.code === '000.00.31.H29')).toBe(true);
    expect(ward.total).toBe(4);
  });

  it('filters by field and by online level', async () => {
    const civil = await search(`field=${encodeURIComponent('Hộ tịch')}`);
    expect(civil.total).toBe(9);
    expect(civil.items.every((s) => s.field === 'Hộ tịch')).toBe(true);
    // Full online: the business registration of the three wards (fee paid online, result signed online).
    const full = await search('level=full');
    expect(full.total).toBe(3);
    expect(full.items.every((s) => s.procedureName === 'Đăng ký thành lập hộ kinh doanh')).toBe(
      true,
    );
    expect((await search('level=partial')).total).toBe(11);
  });

  it('pages 20 at a time with the total', async () => {
    const first = await search('page=1');
    expect(first).toMatchObject({ total: 14, page: 1, pageSize: 20 });
    expect((await search('page=2')).items).toEqual([]);
  });

  it('refuses a malformed agency code or level with a field-level message', async () => {
    const response = await t.anonymous.get('/api/v1/catalog/services?agency=H29&level=4');
    expect(response.statusCode).toBe(400);
    const fields = response
      .json<{ errors: { field: string; in: string }[] }>()
      .errors.map((e) => `${e.in}${e.field}`);
    expect(fields).toEqual(expect.arrayContaining(['querystring/agency', 'querystring/level']));
  });

  it('lists the fields that have published services', async () => {
    const fields = (await t.anonymous.get('/api/v1/catalog/fields')).json<
      { field: string; services: number }[]
    >();
    expect(fields).toContainEqual({ field: 'Hộ tịch', services: 9 });
  });
});

type ProcedurePage = {
  items: {
    code: string;
    name: string;
    services: number;
    fullOnlineServices: number;
    processingDays: { min: number; max: number };
    feeVnd: { min: number; max: number };
    onlyService: { id: string; agencyName: string } | null;
  }[];
  total: number;
  suggestions: string[];
};

describe('the catalog one procedure at a time', () => {
  const procedures = async (query: string) => {
    const response = await t.anonymous.get(`/api/v1/catalog/procedures?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<ProcedurePage>();
  };

  it('shows each procedure once, with how many agencies offer it, in name order', async () => {
    const page = await procedures('page=1');
    const listed = page.items.map((p) => p.name);
    // the services' own order (the database's collation), each name once
    expect(listed).toEqual(names(await search('page=1')));
    expect(page.total).toBe(listed.length);
    // every service of the catalog is counted under its procedure
    expect(page.items.reduce((sum, p) => sum + p.services, 0)).toBe((await search('page=1')).total);
    const birth = page.items.find((p) => p.name === 'Đăng ký khai sinh');
    expect(birth).toMatchObject({ services: 3, fullOnlineServices: 0, onlyService: null });
  });

  it('lists the agencies of a procedure, and finds it by words as the services search does', async () => {
    const found = await procedures('q=ho%20kinh%20doan');
    const business = found.items[0];
    expect(business).toMatchObject({
      name: 'Đăng ký thành lập hộ kinh doanh',
      services: 3,
      fullOnlineServices: 3,
    });
    const offering = await search(`procedure=${business?.code ?? ''}`);
    expect(offering.total).toBe(3);
    expect(offering.items.every((s) => s.procedureName === business?.name)).toBe(true);
    expect(new Set(offering.items.map((s) => s.agency.code)).size).toBe(3);
  });

  it('links straight to the service when one agency offers the procedure', async () => {
    const ward = await procedures('agency=000.00.31.H29');
    expect(ward.total).toBe(4);
    for (const procedure of ward.items) {
      expect(procedure.services).toBe(1);
      const only = procedure.onlyService;
      expect(only).not.toBeNull();
      const service = await t.anonymous.get(`/api/v1/catalog/services/${only?.id ?? ''}`);
      expect(service.json()).toMatchObject({
        procedureName: procedure.name,
        agency: { code: '000.00.31.H29', name: only?.agencyName },
      });
    }
  });

  it('counts past the last page and suggests names when nothing matches', async () => {
    const { total } = await procedures('page=1');
    expect(await procedures('page=2')).toMatchObject({ items: [], total });
    const none = await procedures('q=khia%20sinh');
    expect(none).toMatchObject({ items: [], total: 0 });
    expect(none.suggestions[0]).toBe('Đăng ký khai sinh');
  });

  it('refuses a malformed procedure code', async () => {
    const response = await t.anonymous.get('/api/v1/catalog/services?procedure=%27%3B--');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ in: 'querystring', field: '/procedure' }] });
  });
});
