import { expect } from 'vitest';
import { SAMPLE_PDF, type Caller, type TestApp } from './test-app.ts';

/** A complete, valid birth-registration form (Đăng ký khai sinh) of the demo citizen Nguyễn Văn An. */
export const birthRegistrationForm = {
  hoTenNguoiYeuCau: 'Nguyễn Văn An',
  soCccdNguoiYeuCau: '079090001234',
  soDienThoai: '0912345678',
  quanHe: 'Cha',
  hoTenTre: 'Nguyễn Minh Khôi',
  ngaySinh: '2026-11-01',
  gioiTinh: 'Nam',
  noiSinh: 'Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh',
  hoTenMe: 'Lê Thị Mai',
};

/** A marriage registration: no fee, no document required (the small dossier of issue 23). */
export const marriageRegistrationForm = {
  hoTenNguoiYeuCau: 'Nguyễn Văn An',
  soCccdNguoiYeuCau: '079090001234',
  soDienThoai: '0901234567',
  hoTenBenNam: 'Nguyễn Văn An',
  cccdBenNam: '079090001234',
  hoTenBenNu: 'Phạm Thị Hoa',
  cccdBenNu: '079195012345',
};

/** The id of the published service found by a catalog search within one agency. */
export async function findServiceId(t: TestApp, query: string, agencyCode: string) {
  const page = (
    await t.anonymous.get(
      `/api/v1/catalog/services?q=${encodeURIComponent(query)}&agency=${agencyCode}`,
    )
  ).json<{ items: { id: string; agency: { code: string } }[] }>();
  const found = page.items.find((s) => s.agency.code === agencyCode);
  if (!found) throw new Error(`no service "${query}" in ${agencyCode}`);
  return found.id;
}

/** Submits a birth registration with its birth certificate; answers the dossier. */
export async function submitBirthRegistration(citizen: Caller, serviceId: string) {
  const upload = await citizen.upload('giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf');
  const submitted = await citizen.post('/api/v1/dossiers', {
    serviceId,
    formData: birthRegistrationForm,
    documents: [{ documentKey: 'giay-chung-sinh', fileId: upload.json<{ id: string }>().id }],
  });
  if (submitted.statusCode !== 201) throw new Error(`submission failed: ${submitted.body}`);
  return submitted.json<{ id: string; code: string }>();
}

export const businessRegistrationForm = {
  hoTenNguoiYeuCau: 'Nguyễn Văn An',
  soCccdNguoiYeuCau: '079090001234',
  soDienThoai: '0912345678',
  tenHoKinhDoanh: 'Hộ kinh doanh Tạp hóa An Khang',
  diaChiTruSo: '12 Lê Lợi, Phường Sài Gòn',
  nganhNghe: 'Bán lẻ hàng tạp hóa',
  vonKinhDoanh: 50_000_000,
};

/** Submits a business-household registration (100.000 đ due at submission) with its request form. */
export async function submitBusinessRegistration(citizen: Caller, serviceId: string) {
  const upload = await citizen.upload('giay-de-nghi.pdf', SAMPLE_PDF, 'application/pdf');
  const submitted = await citizen.post('/api/v1/dossiers', {
    serviceId,
    formData: businessRegistrationForm,
    documents: [{ documentKey: 'giay-de-nghi', fileId: upload.json<{ id: string }>().id }],
  });
  if (submitted.statusCode !== 201) throw new Error(`submission failed: ${submitted.body}`);
  return submitted.json<{ id: string; code: string }>();
}

/** The id of the agency with this QCVN 102 code. */
export async function agencyIdOf(t: TestApp, code: string) {
  const agency = await t.database.db
    .selectFrom('agency')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return agency.id;
}

/** How many dossiers the database holds: what a refused request must leave unchanged. */
export async function countDossiers(t: TestApp) {
  const row = await t.database.db
    .selectFrom('dossier')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Acts as the officer on the dossier as they see it now (its lock version); the raw response. */
export async function actAsOfficer(
  officer: Caller,
  dossierId: string,
  action: string,
  extra: object = {},
) {
  const view = await officer.get(`/api/v1/officer/dossiers/${dossierId}`);
  expect(view.statusCode, view.body).toBe(200);
  const { lockVersion } = view.json<{ lockVersion: number }>();
  return officer.post(`/api/v1/officer/dossiers/${dossierId}/actions`, {
    action,
    lockVersion,
    ...extra,
  });
}

/** The same, and the action must succeed. */
export async function expectActed(
  officer: Caller,
  dossierId: string,
  action: string,
  extra: object = {},
) {
  const response = await actAsOfficer(officer, dossierId, action, extra);
  expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  return response;
}

/** Acts as the applicant on their dossier as they see it now; the raw response. */
export async function actAsApplicant(applicant: Caller, code: string, body: object) {
  const { lockVersion } = (await applicant.get(`/api/v1/dossiers/${code}`)).json<{
    lockVersion: number;
  }>();
  return applicant.post(`/api/v1/dossiers/${code}/actions`, { lockVersion, ...body });
}
