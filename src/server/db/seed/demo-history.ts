import { sql, type Kysely } from 'kysely';
import { refreshCatalogListing } from '../../modules/catalog/index.ts';
import { recountStatistics } from '../../modules/monitoring/index.ts';
import type { Database } from '../schema.ts';
import { writeDossierHistory } from './dossier-history.ts';
import { assignDemoAgencyCodes } from './reference-agencies.ts';
import { seedCatalogOf2020 } from './catalog-2020.ts';
import { DEFAULT_WORKFLOW } from '../../../domain/access.ts';

/** Who carries a procedure out: every province (`province`), or one ministry (its name since 2025). */
type OfferedBy = string;

/**
 * Procedures offered in the demo, each only by the level competent for it: provinces (through
 * their departments) and the ministries named. Names are those of real procedures; the codes are
 * the demo's own (prefix 9.9). Communes' procedures (birth registration…) are in the demo catalog.
 */
const PROCEDURES: { name: string; field: string; days: number; by: OfferedBy }[] = [
  { name: 'Cấp Phiếu lý lịch tư pháp', field: 'Lý lịch tư pháp', days: 10, by: 'province' },
  {
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    field: 'Thành lập và hoạt động của doanh nghiệp',
    days: 3,
    by: 'province',
  },
  {
    name: 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp',
    field: 'Đường bộ',
    days: 5,
    by: 'province',
  },
  {
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    field: 'Đất đai',
    days: 10,
    by: 'province',
  },
  {
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III',
    field: 'Xây dựng',
    days: 20,
    by: 'province',
  },
  {
    name: 'Giải quyết hưởng trợ cấp thất nghiệp',
    field: 'Việc làm',
    days: 20,
    by: 'province',
  },
  {
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam',
    field: 'Việc làm',
    days: 5,
    by: 'province',
  },
  {
    name: 'Cấp giấy chứng nhận đăng ký đầu tư',
    field: 'Đầu tư tại Việt Nam',
    days: 15,
    by: 'province',
  },
  {
    name: 'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
    field: 'An toàn thực phẩm',
    days: 20,
    by: 'province',
  },
  {
    name: 'Cấp giấy phép hành nghề khám bệnh, chữa bệnh',
    field: 'Khám bệnh, chữa bệnh',
    days: 30,
    by: 'province',
  },
  {
    name: 'Cấp giấy phép bán lẻ sản phẩm rượu',
    field: 'Lưu thông hàng hóa trong nước',
    days: 10,
    by: 'province',
  },
  {
    name: 'Công nhận trường mầm non đạt chuẩn quốc gia',
    field: 'Giáo dục và Đào tạo',
    days: 20,
    by: 'province',
  },
  {
    name: 'Cấp giấy phép khai thác, sử dụng nước mặt',
    field: 'Tài nguyên nước',
    days: 30,
    by: 'province',
  },
  { name: 'Cấp thẻ hướng dẫn viên du lịch nội địa', field: 'Du lịch', days: 10, by: 'province' },
  { name: 'Đăng ký tổ chức lễ hội cấp tỉnh', field: 'Văn hóa', days: 15, by: 'province' },
  { name: 'Cấp Chứng chỉ hành nghề luật sư', field: 'Luật sư', days: 20, by: 'Bộ Tư pháp' },
  {
    name: 'Cấp hộ chiếu phổ thông ở trong nước',
    field: 'Xuất nhập cảnh',
    days: 8,
    by: 'Bộ Công an',
  },
  {
    name: 'Hợp pháp hóa lãnh sự giấy tờ, tài liệu tại Bộ Ngoại giao',
    field: 'Lãnh sự',
    days: 1,
    by: 'Bộ Ngoại giao',
  },
  {
    name: 'Cấp giấy phép hoạt động dịch vụ đưa người lao động đi làm việc ở nước ngoài theo hợp đồng',
    field: 'Quản lý lao động ngoài nước',
    days: 20,
    by: 'Bộ Nội vụ',
  },
  {
    name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ kế toán',
    field: 'Kế toán, kiểm toán',
    days: 10,
    by: 'Bộ Tài chính',
  },
  {
    name: 'Cấp Giấy chứng nhận xuất xứ hàng hóa (C/O) ưu đãi',
    field: 'Xuất nhập khẩu',
    days: 3,
    by: 'Bộ Công Thương',
  },
  {
    name: 'Thẩm định báo cáo đánh giá tác động môi trường',
    field: 'Môi trường',
    days: 30,
    by: 'Bộ Nông nghiệp và Môi trường',
  },
  {
    name: 'Cấp giấy phép nhập khẩu thuốc thú y',
    field: 'Thú y',
    days: 10,
    by: 'Bộ Nông nghiệp và Môi trường',
  },
  {
    name: 'Cấp chứng chỉ năng lực hoạt động xây dựng hạng I',
    field: 'Hoạt động xây dựng',
    days: 20,
    by: 'Bộ Xây dựng',
  },
  {
    name: 'Cấp giấy phép vận tải đường bộ quốc tế',
    field: 'Đường bộ',
    days: 5,
    by: 'Bộ Xây dựng',
  },
  {
    name: 'Cấp văn bằng bảo hộ sáng chế',
    field: 'Sở hữu trí tuệ',
    days: 30,
    by: 'Bộ Khoa học và Công nghệ',
  },
  {
    name: 'Cấp giấy phép hoạt động báo in',
    field: 'Báo chí',
    days: 30,
    by: 'Bộ Văn hóa - Thể thao và Du lịch',
  },
  {
    name: 'Công nhận văn bằng do cơ sở giáo dục nước ngoài cấp',
    field: 'Quản lý văn bằng, chứng chỉ',
    days: 20,
    by: 'Bộ Giáo dục và Đào tạo',
  },
  { name: 'Cấp giấy đăng ký lưu hành thuốc', field: 'Dược phẩm', days: 30, by: 'Bộ Y tế' },
  {
    name: 'Đề nghị công nhận tổ chức tôn giáo',
    field: 'Tôn giáo',
    days: 60,
    by: 'Bộ Dân tộc và Tôn giáo',
  },
  {
    name: 'Cấp Giấy phép hoạt động cung ứng dịch vụ trung gian thanh toán',
    field: 'Thanh toán',
    days: 60,
    by: 'Ngân hàng Nhà nước Việt Nam',
  },
];

/** The procedures an agency offers: a province's every provincial one, a ministry its own. */
const offeredBy = (agency: { name: string; level: string }) =>
  PROCEDURES.flatMap((p, index) =>
    (agency.level === 'province' ? p.by === 'province' : p.by === agency.name) ? [index] : [],
  );

/**
 * Shares of services at full online, agency by agency in turn: they average 18% (the seeds'
 * national 17.97% of August 2020) and put a few ministries and provinces under 10%.
 */
const FULL_ONLINE_SHARES = [
  0.04, 0.08, 0.12, 0.16, 0.2, 0.24, 0.3, 0.06, 0.18, 0.22, 0.14, 0.28, 0.1, 0.26, 0.2, 0.16, 0.32,
];

const FORM = {
  type: 'object',
  required: ['hoTenNguoiYeuCau', 'soCccdNguoiYeuCau', 'soDienThoai'],
  properties: {
    hoTenNguoiYeuCau: { type: 'string', title: 'Họ, chữ đệm và tên người yêu cầu', minLength: 2 },
    soCccdNguoiYeuCau: { type: 'string', title: 'Số định danh cá nhân (CCCD)', format: 'cccd' },
    soDienThoai: { type: 'string', title: 'Số điện thoại di động', format: 'vn-phone' },
    noiDung: { type: 'string', title: 'Nội dung đề nghị' },
  },
};

/**
 * Demo mode: every current ministry and province publishes services from the list above, about
 * 18% of them full online, and a year of dossiers goes through them, so the national dashboard
 * tells the seeds' story (a national level-4 share near 18%, a list of laggards) from records
 * that can be opened one by one. Runs once; answers whether it did.
 */
export async function seedDemoHistory(
  db: Kysely<Database>,
  { dossiers = 12_000, now = new Date() }: { dossiers?: number; now?: Date } = {},
): Promise<boolean> {
  const marker = await db
    .selectFrom('procedure')
    .select('id')
    .where('national_code', '=', '9.900001')
    .executeTakeFirst();
  if (marker) return false;

  // Every dossier code names its agency's code: the registry's agencies need one.
  await assignDemoAgencyCodes(db);
  const agencies = await db
    .selectFrom('agency')
    .select(['id', 'name', 'level'])
    .where('level', 'in', ['ministry', 'province'])
    .where('valid_to', 'is', null)
    .orderBy('name')
    .execute();
  await db.transaction().execute(async (tx) => {
    const procedures = await tx
      .insertInto('procedure')
      .values(
        PROCEDURES.map((p, i) => ({
          national_code: `9.9${String(i + 1).padStart(5, '0')}`,
          name: p.name,
          field: p.field,
          legal_basis: 'Dữ liệu minh họa cho bảng số liệu (bản trình diễn)',
        })),
      )
      .returning(['id', 'national_code'])
      .execute();
    const publishedAt = new Date(now.getTime() - 400 * 86_400_000);
    const seeded: string[] = [];
    const daysOf = new Map(procedures.map((p, i) => [p.id, PROCEDURES[i]?.days ?? 10]));
    for (const [index, agency] of agencies.entries()) {
      const chosen = offeredBy(agency).flatMap((i) => procedures[i] ?? []);
      if (chosen.length === 0) continue;
      const fullOnline = Math.round(
        chosen.length * (FULL_ONLINE_SHARES[index % FULL_ONLINE_SHARES.length] ?? 0),
      );
      const services = await tx
        .insertInto('service')
        .values(
          chosen.map((p, k) => ({
            agency_id: agency.id,
            procedure_id: p.id,
            online_level: k < fullOnline ? ('full' as const) : ('partial' as const),
            status: 'published' as const,
          })),
        )
        .returning(['id', 'procedure_id'])
        .execute();
      seeded.push(...services.map((service) => service.id));
      await tx
        .insertInto('service_version')
        .values(
          services.map((s) => ({
            service_id: s.id,
            agency_id: agency.id,
            version: 1,
            form_schema: JSON.stringify(FORM),
            ui_schema: '{}',
            required_documents: '[]',
            processing_days: daysOf.get(s.procedure_id) ?? 10,
            workflow: JSON.stringify(DEFAULT_WORKFLOW),
            fee_vnd: 0,
            // Free, with the result signed online: each shows the level its agency declared.
            result_online: true,
            published_at: publishedAt,
          })),
        )
        .execute();
    }
    await refreshCatalogListing(tx);
    // Listed since they were published, so past months count them.
    await tx
      .updateTable('service_level_history')
      .set({ valid_from: publishedAt })
      .where('valid_to', 'is', null)
      .where('service_id', 'in', seeded)
      .execute();
    await seedCatalogOf2020(tx, {
      offered: (agency) => offeredBy(agency).flatMap((i) => procedures[i]?.id ?? []),
      currentSince: publishedAt,
    });
  });
  await writeDossierHistory(db, {
    dossiers,
    from: new Date(now.getTime() - 365 * 86_400_000),
    to: now,
    agencyIds: agencies.map((a) => a.id),
  });
  await recountStatistics(db);
  await sql`analyze`.execute(db);
  return true;
}
