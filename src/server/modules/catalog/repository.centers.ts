import { sql, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { CatalogListingTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The province each agency matching `which` works in: itself, its nearest ancestor of the province
 * level, or the province a vertically organised agency (or its nearest ancestor) is located in.
 * Agencies of no province (a ministry) are absent.
 */
function provincesOf(which: RawBuilder<unknown>) {
  return sql`(
    with recursive up as (
      select id as agency_id, parent_id,
        case when level = 'province' then id else located_in_id end as province, 0 as depth
      from agency where ${which}
      union all
      select up.agency_id, a.parent_id,
        case when a.level = 'province' then a.id else a.located_in_id end, up.depth + 1
      from up join agency a on a.id = up.parent_id
      where up.province is null and up.depth < 10
    )
    select agency_id, province from up where province is not null
  )`;
}

/**
 * Whether a service center may receive and return for a listing row `l` with its version `v`
 * (Decree 118/2025): a center of the province the competent agency works in, or of any province
 * for a ministry's service assigned to the localities.
 */
const CENTER_RECEIVES = sql`(cp.province = lp.province or v.received_locally)`;

/**
 * The current centers (other than the competent agency) that may receive and return dossiers of
 * the service, by name; only the one with `code` when given.
 */
export async function centersReceiving(db: Db, serviceId: string, code?: string) {
  const { rows } = await sql<{ id: string; code: string; name: string }>`
    select c.id, c.code, c.name
    from agency c
    join ${provincesOf(sql`service_center and valid_to is null`)} cp on cp.agency_id = c.id
    join catalog_listing l on l.service_id = ${serviceId}
    join service_version v on v.id = l.version_id
    left join ${provincesOf(
      sql`id = (select agency_id from catalog_listing where service_id = ${serviceId})`,
    )} lp on lp.agency_id = l.agency_id
    where c.service_center and c.valid_to is null and c.code is not null and c.id <> l.agency_id
      ${code === undefined ? sql`` : sql`and c.code = ${code}`}
      and ${CENTER_RECEIVES}
    order by c.name`.execute(db);
  return rows;
}

/**
 * The services the given centers may register at their desk for other agencies, each once with
 * the first center (by code) that receives it.
 */
export async function servicesReceivedAt(db: Db, agencyIds: string[]) {
  const { rows } = await sql<Selectable<CatalogListingTable> & { received_at_code: string }>`
    select distinct on (l.procedure_name, l.agency_name, l.service_id)
      l.*, c.code as received_at_code
    from agency c
    join ${provincesOf(sql`id = any(${agencyIds}::uuid[])`)} cp on cp.agency_id = c.id
    join catalog_listing l on l.agency_id <> all(${agencyIds}::uuid[])
    join service_version v on v.id = l.version_id
    left join ${provincesOf(sql`true`)} lp on lp.agency_id = l.agency_id
    where c.id = any(${agencyIds}::uuid[]) and c.service_center and c.valid_to is null
      and c.code is not null and ${CENTER_RECEIVES}
    order by l.procedure_name, l.agency_name, l.service_id, c.code`.execute(db);
  return rows;
}

/** The given agencies' own published services. */
export function servicesOf(db: Db, agencyIds: string[]) {
  return db
    .selectFrom('catalog_listing')
    .selectAll()
    .where('agency_id', 'in', agencyIds)
    .orderBy('procedure_name')
    .orderBy('agency_name')
    .execute();
}
