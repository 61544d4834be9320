import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The newest published version `v` of each service `s`, for a lateral join. */
const NEWEST_PUBLISHED_VERSION = sql`lateral (
  select sv.id, sv.processing_days, sv.fee_vnd, sv.result_online, sv.payment_online, sv.fee_schedule
  from service_version sv
  where sv.service_id = s.id and sv.published_at is not null
  order by sv.version desc limit 1
) v`;

/**
 * The level a service `s` shows with its version `v`: full online only when the fee is paid online
 * (or none is due) and the result comes online (domain/online-level.ts, effectiveOnlineLevel).
 */
const EFFECTIVE_LEVEL = sql`case when s.online_level = 'full' and v.result_online
    and (v.fee_schedule->>'kind' = 'none' or v.payment_online) then 'full' else 'partial' end`;

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
    select s.id, v.id, a.id, a.code, a.name, p.national_code, p.name, p.field, ${EFFECTIVE_LEVEL},
      v.processing_days, v.fee_vnd
    from service s
    join agency a on a.id = s.agency_id
    join procedure p on p.id = s.procedure_id
    join ${NEWEST_PUBLISHED_VERSION} on true
    ${only} ${serviceIds ? sql`and` : sql`where`} s.status = 'published' and a.code is not null`.execute(
    db,
  );
  await recordLevelChanges(db, only);
}

/**
 * Keeps the level history in step with the services: one whose level changed (or that was
 * published or withdrawn) closes its current period, then opens a new one; an unchanged service is
 * left alone. Every published service counts, listed or not (an agency without a code yet is
 * still measured).
 */
async function recordLevelChanges(db: Db, only: RawBuilder<unknown>) {
  const listed = sql`(
    select s.id as service_id, s.agency_id, s.procedure_id,
      case when s.status = 'published' and v.id is not null then ${EFFECTIVE_LEVEL} end as level
    from service s left join ${NEWEST_PUBLISHED_VERSION} on true
    ${only})`;
  await sql`
    update service_level_history h set valid_to = now()
    from ${listed} listed
    where h.service_id = listed.service_id and h.valid_to is null
      and h.level is distinct from listed.level`.execute(db);
  await sql`
    insert into service_level_history (service_id, agency_id, procedure_id, level, valid_from)
    select service_id, agency_id, procedure_id, level, now() from ${listed} listed
    where level is not null and not exists (
      select 1 from service_level_history h
      where h.service_id = listed.service_id and h.valid_to is null)`.execute(db);
}
