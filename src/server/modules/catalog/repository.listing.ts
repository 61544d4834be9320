import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Rebuilds the catalog listing rows of the given services (all when omitted) from the normalized
 * tables: a published service appears with its newest published version, any other disappears.
 * Callers run it in the transaction that changed the service, so readers never see the two disagree.
 */
export async function refreshListing(db: Db, serviceIds?: string[]): Promise<void> {
  if (serviceIds?.length === 0) return;
  const only = serviceIds ? sql`where s.id = any(${serviceIds}::uuid[])` : sql``;
  const onlyListing = serviceIds ? sql`where service_id = any(${serviceIds}::uuid[])` : sql``;
  await sql`delete from catalog_listing ${onlyListing}`.execute(db);
  await sql`
    insert into catalog_listing
      (service_id, version_id, agency_id, agency_code, agency_name, procedure_code, procedure_name, field, online_level, processing_days, fee_vnd)
    select s.id, v.id, a.id, a.code, a.name, p.national_code, p.name, p.field,
      -- The level shown: full online only when the fee is paid online (or none is due) and the
      -- result comes online (domain/online-level.ts, effectiveOnlineLevel).
      case when s.online_level = 'full' and v.result_online
                and (v.fee_schedule->>'kind' = 'none' or v.payment_online)
           then 'full' else 'partial' end,
      v.processing_days, v.fee_vnd
    from service s
    join agency a on a.id = s.agency_id
    join procedure p on p.id = s.procedure_id
    join lateral (
      select sv.id, sv.processing_days, sv.fee_vnd, sv.result_online, sv.payment_online, sv.fee_schedule
      from service_version sv
      where sv.service_id = s.id and sv.published_at is not null
      order by sv.version desc limit 1
    ) v on true
    ${only} ${serviceIds ? sql`and` : sql`where`} s.status = 'published' and a.code is not null`.execute(
    db,
  );
}
