import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormDesign } from '../src/domain/form-design.ts';
import { PROVINCES_2025 } from '../src/domain/vietnam-provinces.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let citizen: Caller;
let serviceId: string;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.signIn('Bùi Thị Lan');
  citizen = await t.signIn('Nguyễn Văn An');
  const services = (await admin.get('/api/v1/admin/services')).json<
    { id: string; procedureCode: string }[]
  >();
  serviceId = services.find((s) => s.procedureCode === '1.000656')?.id ?? '';
  const form = compileFormDesign(
    {
      fields: [
        { key: 'hoTen', label: 'Họ tên', kind: 'text', required: true },
        { key: 'diaChi', label: 'Địa chỉ', kind: 'address', required: true },
      ],
    },
    PROVINCES_2025,
  );
  await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
    ...form,
    requiredDocuments: [
      { key: 'giay-bao-tu', name: 'Giấy báo tử', mandatory: true, accept: ['pdf'] },
    ],
    processingDays: 1,
    feeVnd: 0,
  });
  expect((await admin.post(`/api/v1/admin/services/${serviceId}/publish`)).statusCode).toBe(200);
});
afterAll(() => t.close());

async function submit(address: Record<string, string>) {
  const file = (await citizen.upload('giay-bao-tu.pdf', SAMPLE_PDF, 'application/pdf')).json<{
    id: string;
  }>();
  return citizen.post('/api/v1/dossiers', {
    serviceId,
    formData: { hoTen: 'Nguyễn Văn An', diaChi: address },
    documents: [{ documentKey: 'giay-bao-tu', fileId: file.id }],
  });
}

describe('Vietnamese address fields (province → commune)', () => {
  it('lists the communes of every province of today', async () => {
    for (const province of PROVINCES_2025) {
      const communes = (
        await t.anonymous.get(`/api/v1/catalog/communes?province=${encodeURIComponent(province)}`)
      ).json<{ name: string }[]>();
      expect(communes.length, province).toBeGreaterThan(0);
    }
    const hcmc = (
      await t.anonymous.get(
        `/api/v1/catalog/communes?province=${encodeURIComponent('Thành phố Hồ Chí Minh')}`,
      )
    ).json<{ name: string }[]>();
    expect(hcmc.map((c) => c.name)).toContain('Phường Sài Gòn');
  });

  it('accepts a commune of the chosen province and refuses one of another, on its field', async () => {
    const ok = await submit({
      tinhThanhPho: 'Thành phố Hồ Chí Minh',
      xaPhuong: 'Phường Sài Gòn',
      diaChiChiTiet: '12 Lê Lợi',
    });
    expect(ok.statusCode).toBe(201);
    const wrong = await submit({
      tinhThanhPho: 'Thành phố Hồ Chí Minh',
      xaPhuong: 'Phường Trường Vinh',
      diaChiChiTiet: '12 Lê Lợi',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
      expect.objectContaining({
        field: '/formData/diaChi/xaPhuong',
        message: 'Xã/phường không thuộc tỉnh/thành phố đã chọn',
      }),
    ]);
    const unknownProvince = await submit({
      tinhThanhPho: 'Tỉnh Hà Tây',
      xaPhuong: 'Phường Sài Gòn',
      diaChiChiTiet: '12 Lê Lợi',
    });
    expect(
      unknownProvince.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
    ).toContain('/formData/diaChi/tinhThanhPho');
  });
});
