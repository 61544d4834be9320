import type { Kysely } from 'kysely';
import { refreshCatalogListing } from '../../modules/catalog/index.ts';
import { hashPassword } from '../../modules/identity/index.ts';
import type { AgencyLevel, Database, OfficerRole } from '../schema.ts';
import { DEMO_PROCEDURES, type DemoProcedure } from './demo-procedures.ts';
import { DEFAULT_WORKFLOW } from '../../../domain/access.ts';

type DemoAgency = {
  code: string;
  name: string;
  level: AgencyLevel;
  parent?: string;
  role?: 'commune' | 'provincial_police' | 'ministry';
};

/**
 * Level-1 codes (G.., H..) are the ones agencies use on the national exchange platforms; the
 * level-2 numbers under a province here are illustrative. See docs/glossary.md.
 */
const AGENCIES: DemoAgency[] = [
  { code: '000.00.00.G22', name: 'Văn phòng Chính phủ', level: 'ministry' },
  { code: '000.00.00.G12', name: 'Bộ Tài chính', level: 'ministry' },
  { code: '000.00.00.G09', name: 'Bộ Nội vụ', level: 'ministry' },
  { code: '000.00.00.G17', name: 'Bộ Xây dựng', level: 'ministry', role: 'ministry' },
  { code: '000.00.00.H29', name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh', level: 'province' },
  {
    code: '000.00.16.H29',
    name: 'Công an Thành phố Hồ Chí Minh',
    level: 'province_unit',
    parent: '000.00.00.H29',
    role: 'provincial_police',
  },
  {
    code: '000.00.12.H29',
    name: 'Sở Tư pháp Thành phố Hồ Chí Minh',
    level: 'province_unit',
    parent: '000.00.00.H29',
  },
  {
    code: '000.00.31.H29',
    name: 'Ủy ban nhân dân Phường Sài Gòn',
    level: 'commune',
    parent: '000.00.00.H29',
    role: 'commune',
  },
  {
    code: '000.00.32.H29',
    name: 'Ủy ban nhân dân Phường Bến Thành',
    level: 'commune',
    parent: '000.00.00.H29',
    role: 'commune',
  },
  { code: '000.00.00.H41', name: 'Ủy ban nhân dân Tỉnh Nghệ An', level: 'province' },
  {
    code: '000.00.16.H41',
    name: 'Công an Tỉnh Nghệ An',
    level: 'province_unit',
    parent: '000.00.00.H41',
    role: 'provincial_police',
  },
  {
    code: '000.00.31.H41',
    name: 'Ủy ban nhân dân Phường Trường Vinh',
    level: 'commune',
    parent: '000.00.00.H41',
    role: 'commune',
  },
];

type DemoAccount = {
  fullName: string;
  kind: 'citizen' | 'officer';
  citizenId?: string;
  birthDate?: string;
  phone?: string;
  email?: string;
  address?: string;
  sex?: 'Nam' | 'Nữ';
  username?: string;
  roles?: { agency: string; role: OfficerRole }[];
};

/** Every demo officer's password (demo mode only; the sign-in page shows it). */
export const DEMO_OFFICER_PASSWORD = 'motcua-demo-2026';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    fullName: 'Nguyễn Văn An',
    kind: 'citizen',
    citizenId: '079090001234',
    birthDate: '1990-05-12',
    sex: 'Nam',
    phone: '0912345678',
    email: 'nguyenvanan@example.vn',
    address: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
  },
  {
    fullName: 'Trần Thị Bình',
    kind: 'citizen',
    citizenId: '040195004567',
    birthDate: '1995-09-02',
    sex: 'Nữ',
    phone: '0987654321',
    email: 'tranthibinh@example.vn',
    address: '5 Quang Trung, Phường Trường Vinh, Tỉnh Nghệ An',
  },
  {
    fullName: 'Lê Minh Châu',
    kind: 'officer',
    username: 'chau.lm',
    roles: [{ agency: '000.00.31.H29', role: 'reception' }],
  },
  {
    fullName: 'Phạm Quốc Dũng',
    kind: 'officer',
    username: 'dung.pq',
    roles: [{ agency: '000.00.16.H29', role: 'reception' }],
  },
  {
    fullName: 'Hoàng Thị Hà',
    kind: 'officer',
    username: 'ha.ht',
    roles: [{ agency: '000.00.31.H41', role: 'reception' }],
  },
  {
    fullName: 'Võ Thanh Giang',
    kind: 'officer',
    username: 'giang.vt',
    roles: [{ agency: '000.00.31.H29', role: 'specialist' }],
  },
  {
    fullName: 'Đỗ Văn Khoa',
    kind: 'officer',
    username: 'khoa.dv',
    roles: [{ agency: '000.00.31.H29', role: 'leader' }],
  },
  {
    fullName: 'Đặng Thị Oanh',
    kind: 'officer',
    username: 'oanh.dt',
    roles: [{ agency: '000.00.31.H29', role: 'department_head' }],
  },
  {
    fullName: 'Lý Thị Mai',
    kind: 'officer',
    username: 'mai.lt',
    roles: [
      { agency: '000.00.32.H29', role: 'reception' },
      { agency: '000.00.32.H29', role: 'specialist' },
    ],
  },
  {
    fullName: 'Phan Văn Nam',
    kind: 'officer',
    username: 'nam.pv',
    roles: [{ agency: '000.00.32.H29', role: 'leader' }],
  },
  {
    fullName: 'Bùi Thị Lan',
    kind: 'officer',
    username: 'lan.bt',
    roles: [{ agency: '000.00.31.H29', role: 'agency_admin' }],
  },
  {
    fullName: 'Trịnh Quốc Việt',
    kind: 'officer',
    username: 'viet.tq',
    roles: [{ agency: '000.00.00.G22', role: 'system_admin' }],
  },
  {
    fullName: 'Trương Văn Quang',
    kind: 'officer',
    username: 'quang.tv',
    roles: [{ agency: '000.00.00.G22', role: 'national_supervisor' }],
  },
  {
    fullName: 'Hồ Văn Tâm',
    kind: 'officer',
    username: 'tam.hv',
    roles: [
      { agency: '000.00.00.G17', role: 'reception' },
      { agency: '000.00.00.G17', role: 'specialist' },
    ],
  },
  {
    fullName: 'Lâm Quốc Bảo',
    kind: 'officer',
    username: 'bao.lq',
    roles: [{ agency: '000.00.00.G17', role: 'leader' }],
  },
  {
    fullName: 'Đinh Thị Phượng',
    kind: 'officer',
    username: 'phuong.dt',
    roles: [{ agency: '000.00.00.G22', role: 'feedback_desk' }],
  },
  {
    fullName: 'Mạc Văn Sơn',
    kind: 'officer',
    username: 'son.mv',
    roles: [{ agency: '000.00.31.H29', role: 'feedback_desk' }],
  },
  {
    fullName: 'Ngô Đức Minh',
    kind: 'officer',
    username: 'minh.nd',
    roles: [{ agency: '000.00.31.H41', role: 'agency_admin' }],
  },
];

/** Which member system a demonstration instance plays: a province's, or a ministry's. */
export type DemoSystem = 'province' | 'ministry';

/**
 * Loads the demo agencies, procedures, services and accounts once; later starts find them there
 * and do nothing. The national portal (`services: false`) offers no services of its own: its
 * catalog is what its members publish (decision 0017). A province's system offers its wards' and
 * police's procedures; a ministry's, the ministry's own.
 */
export async function seedDemoData(
  db: Kysely<Database>,
  options: { services: boolean; system?: DemoSystem } = { services: true },
): Promise<boolean> {
  const ministry = options.system === 'ministry';
  const procedures = options.services
    ? DEMO_PROCEDURES.filter((p) => (p.offeredBy === 'ministry') === ministry)
    : [];
  const existing = await db.selectFrom('account').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_OFFICER_PASSWORD);

  await db.transaction().execute(async (tx) => {
    const agencyIds = new Map<string, string>();
    for (const agency of AGENCIES) {
      const row = await tx
        .insertInto('agency')
        .values({
          code: agency.code,
          name: agency.name,
          level: agency.level,
          parent_id: agency.parent ? (agencyIds.get(agency.parent) ?? null) : null,
          valid_from: '2025-07-01',
          // each commune runs its Public Administration Service Center (Decree 118/2025)
          service_center: agency.level === 'commune',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      agencyIds.set(agency.code, row.id);
    }

    for (const procedure of procedures)
      await publishDemoProcedure(
        tx,
        procedure,
        AGENCIES.filter((a) => a.role === procedure.offeredBy).map(
          (agency) => agencyIds.get(agency.code) ?? '',
        ),
      );

    await refreshCatalogListing(tx);

    for (const account of DEMO_ACCOUNTS) {
      const { id } = await tx
        .insertInto('account')
        .values({
          kind: account.kind,
          full_name: account.fullName,
          citizen_id: account.citizenId ?? null,
          birth_date: account.birthDate ?? null,
          sex: account.sex ?? null,
          phone: account.phone ?? null,
          email: account.email ?? null,
          address: account.address ?? null,
          username: account.username ?? null,
          password_hash: account.username ? passwordHash : null,
          password_changed_at: account.username ? new Date() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const role of account.roles ?? []) {
        await tx
          .insertInto('officer_role')
          .values({ account_id: id, agency_id: agencyIds.get(role.agency) ?? '', role: role.role })
          .execute();
      }
    }
    // The embedded identity provider knows the demo citizens, and one business.
    for (const account of DEMO_ACCOUNTS.filter((a) => a.kind === 'citizen'))
      await tx
        .insertInto('idp_identity')
        .values({
          kind: 'person',
          citizen_id: account.citizenId ?? null,
          full_name: account.fullName,
          birth_date: account.birthDate ?? null,
          sex: account.sex ?? null,
          phone: account.phone ?? null,
          email: account.email ?? null,
          address: account.address ?? null,
        })
        .execute();
    await tx
      .insertInto('idp_identity')
      .values({
        kind: 'business',
        tax_code: '0312345673',
        full_name: 'Công ty TNHH Dịch vụ Sài Gòn Xanh',
        legal_representative: 'Nguyễn Văn An',
        phone: '0283822 1234',
        email: 'lienhe@saigonxanh.example.vn',
        address: '45 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh',
      })
      .execute();
  });
  return true;
}

/**
 * Publishes a demo procedure at the given agencies (version 1, the standard workflow); the caller
 * refreshes the catalog listing.
 */
export async function publishDemoProcedure(
  tx: Kysely<Database>,
  procedure: DemoProcedure,
  agencyIds: string[],
) {
  const { id: procedureId } = await tx
    .insertInto('procedure')
    .values({
      national_code: procedure.nationalCode,
      name: procedure.name,
      field: procedure.field,
      legal_basis: procedure.legalBasis,
      carried_out_by: JSON.stringify(procedure.carriedOutBy),
      conditions: procedure.conditions,
      result_type: procedure.resultType,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const agencyId of agencyIds) {
    const { id: serviceId } = await tx
      .insertInto('service')
      .values({
        agency_id: agencyId,
        procedure_id: procedureId,
        // Full online where the result is issued online; the fee, if any, is paid online.
        online_level: procedure.resultTemplate ? 'full' : 'partial',
        status: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('service_version')
      .values({
        service_id: serviceId,
        agency_id: agencyId,
        version: 1,
        form_schema: JSON.stringify(procedure.formSchema),
        ui_schema: JSON.stringify(procedure.uiSchema),
        required_documents: JSON.stringify(procedure.requiredDocuments),
        processing_days: procedure.processingDays,
        workflow: JSON.stringify(DEFAULT_WORKFLOW),
        fee_vnd: procedure.feeVnd,
        fee_schedule: JSON.stringify(
          procedure.feeVnd > 0
            ? {
                kind: 'fixed',
                amountVnd: procedure.feeVnd,
                payAt: 'submission',
                exemptions: [],
              }
            : { kind: 'none' },
        ),
        payment_online: procedure.feeVnd > 0,
        result_online: procedure.resultTemplate !== undefined,
        result_template: procedure.resultTemplate ? JSON.stringify(procedure.resultTemplate) : null,
        published_at: new Date(),
      })
      .execute();
  }
}
