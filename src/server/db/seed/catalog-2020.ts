import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { REGISTRY_START } from './reference-agencies.ts';

/**
 * The seeds' figures of August 2020 (Authority of Information Technology Application, reported by
 * ICTNews): 17.97% of online public services at level 4 nationally, and 27 ministries and
 * provinces under 10%, named below.
 */
export const AUGUST_2020 = {
  /** The national share of level-4 services, in percent, as published. */
  nationalShare: 17.97,
  laggardMinistries: [
    'Bộ Khoa học và Công nghệ',
    'Bộ Nông nghiệp và Phát triển nông thôn',
    'Bộ Tư pháp',
    'Bộ Giáo dục và Đào tạo',
    'Bộ Lao động - Thương binh và Xã hội',
  ],
  laggardProvinces: [
    'Tây Ninh',
    'Thanh Hóa',
    'Gia Lai',
    'Bạc Liêu',
    'Hải Phòng',
    'Kon Tum',
    'Vĩnh Phúc',
    'Phú Yên',
    'Sơn La',
    'Quảng Trị',
    'Quảng Ngãi',
    'Hà Tĩnh',
    'Yên Bái',
    'Đồng Tháp',
    'Nghệ An',
    'Quảng Bình',
    'Bình Định',
    'Lai Châu',
    'Đắk Nông',
    'Bắc Giang',
    'Khánh Hòa',
    'Cao Bằng',
  ],
};

const bareName = (name: string) => name.replace(/^Ủy ban nhân dân (Tỉnh|Thành phố) /, '');

/** Full-online services added in turn to the provinces above 10%, for a believable spread. */
const SPREAD = [3, 0, 1, 2, 0, 4, 1, 0, 2];

type Agency2020 = {
  id: string;
  name: string;
  level: string;
  successorName: string;
  /** The last day, yyyy-MM-dd, of an agency merged since. */
  lastDay: string | null;
};

/**
 * Demo mode: the catalog as the 63 provinces and the ministries of 2020 offered it, as periods of
 * the level history from 2020 until the catalog of today (or the agency's merger), so the
 * statistics of August 2020 read the published figures under the units of the time, and roll up
 * under today's (decision 0020). A current agency's period of 2020 is on the same service it
 * offers today; a merged agency's services are withdrawn since its merger.
 */
export async function seedCatalogOf2020(
  tx: Transaction<Database>,
  input: {
    /** The procedures each agency offers, by its level and (ministries) its name of today. */
    offered: (agency: { name: string; level: string }) => string[];
    /** When today's catalog was published: the periods of 2020 end then. */
    currentSince: Date;
  },
): Promise<void> {
  const { rows } = await sql<Agency2020>`
    select a.id, a.name, a.level, coalesce(s.name, a.name) as "successorName",
      to_char(a.valid_to, 'YYYY-MM-DD') as "lastDay"
    from agency a left join agency s on s.id = a.successor_id
    where a.level in ('ministry', 'province')
      and a.valid_from <= '2020-08-01' and (a.valid_to is null or a.valid_to >= '2020-08-31')
    order by a.level, a.name`.execute(tx);
  const laggards = new Set([...AUGUST_2020.laggardMinistries, ...AUGUST_2020.laggardProvinces]);
  const plans = rows
    .map((agency) => ({
      agency,
      procedures: input.offered({ name: agency.successorName, level: agency.level }),
      laggard: laggards.has(agency.level === 'province' ? bareName(agency.name) : agency.name),
      full: 0,
    }))
    .filter((plan) => plan.procedures.length > 0);

  // Some provinces offered one procedure fewer, until a whole number of full-online services
  // gives the published share to the hundredth of a percent.
  const target = AUGUST_2020.nationalShare / 100;
  const provinces = plans.filter((p) => p.agency.level === 'province');
  let total = plans.reduce((sum, p) => sum + p.procedures.length, 0);
  for (const province of provinces) {
    if (Math.round((Math.round(target * total) / total) * 10_000) === 1797) break;
    province.procedures = province.procedures.slice(0, -1);
    total -= 1;
  }
  let remaining = Math.round(target * total);

  // Laggards: one service in twenty, at most (none for a ministry of one or two).
  for (const plan of plans.filter((p) => p.laggard)) {
    plan.full = Math.floor(plan.procedures.length / 10);
    remaining -= plan.full;
  }
  // Everyone else: at least one in ten, then the rest spread over the provinces.
  const others = plans.filter((p) => !p.laggard);
  for (const plan of others) {
    plan.full = Math.ceil(plan.procedures.length / 10);
    remaining -= plan.full;
  }
  const spreadOver = others.filter((p) => p.agency.level === 'province');
  for (let turn = 0; remaining > 0; turn += 1) {
    const plan = spreadOver[turn % spreadOver.length];
    if (!plan) throw new Error('no province to spread the 2020 catalog over');
    const add = Math.min(
      remaining,
      SPREAD[turn % SPREAD.length] ?? 1,
      plan.procedures.length - plan.full,
    );
    plan.full += add;
    remaining -= add;
  }
  if (remaining < 0) throw new Error('the 2020 catalog cannot reach the published share');

  const start = `${REGISTRY_START}T00:00:00+07:00`;
  for (const { agency, procedures, full } of plans) {
    const existing = await tx
      .selectFrom('service')
      .select(['id', 'procedure_id'])
      .where('agency_id', '=', agency.id)
      .where('procedure_id', 'in', procedures)
      .execute();
    const byProcedure = new Map(existing.map((s) => [s.procedure_id, s.id]));
    const missing = procedures.filter((p) => !byProcedure.has(p));
    if (missing.length > 0) {
      const created = await tx
        .insertInto('service')
        .values(
          missing.map((procedureId) => ({
            agency_id: agency.id,
            procedure_id: procedureId,
            online_level: 'partial' as const,
            status: 'unpublished' as const,
          })),
        )
        .returning(['id', 'procedure_id'])
        .execute();
      for (const s of created) byProcedure.set(s.procedure_id, s.id);
    }
    const end = agency.lastDay
      ? new Date(Date.parse(`${agency.lastDay}T00:00:00+07:00`) + 86_400_000)
      : input.currentSince;
    await tx
      .insertInto('service_level_history')
      .values(
        procedures.map((procedureId, k) => ({
          service_id: byProcedure.get(procedureId) ?? '',
          agency_id: agency.id,
          procedure_id: procedureId,
          level: k < full ? ('full' as const) : ('partial' as const),
          valid_from: new Date(start),
          valid_to: end,
        })),
      )
      .execute();
  }
}
