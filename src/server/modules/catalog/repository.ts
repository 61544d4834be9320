import { sql, type Kysely } from 'kysely';
import { compiledByKeys } from '../../db/compiled-once.ts';
import type { Database } from '../../db/schema.ts';
import { rowsInOrderOf } from '../../platform/batching.ts';

export type ServiceFilter = {
  /** Already lower-cased and trimmed; matched without diacritics and with small typos. */
  query: string | undefined;
  agencyCode: string | undefined;
  field: string | undefined;
  onlineLevel: 'full' | 'partial' | undefined;
  /** A procedure's national code: the agencies that offer it. */
  procedureCode?: string | undefined;
};

/**
 * The listing narrowed by the filter. Text is matched on the few thousand procedures, not on every
 * service (`catalog_matching_procedures`, migration 0003): a substring without diacritics ("dang ky
 * khai sinh") or a word close enough to one of the name ("khai snh"); the matching procedures'
 * services are then joined with their score.
 */
function filteredListing(db: Kysely<Database>, filter: ServiceFilter) {
  let select = db
    .with('matched', (qb) =>
      qb
        .selectFrom(
          sql<{
            national_code: string;
            exact: boolean;
            score: number;
          }>`catalog_matching_procedures(f_unaccent(${filter.query ?? ''}))`.as('m'),
        )
        .selectAll(),
    )
    .selectFrom('catalog_listing');
  if (filter.query)
    select = select.innerJoin('matched', 'matched.national_code', 'catalog_listing.procedure_code');
  if (filter.agencyCode) {
    const code = filter.agencyCode;
    // the agency and every unit under it: a province's filter covers its departments and communes
    select = select.where(
      'catalog_listing.agency_id',
      'in',
      db
        .withRecursive('subtree(id)', (rc) =>
          rc
            .selectFrom('agency')
            .select('id')
            .where('code', '=', code)
            .unionAll((u) =>
              u
                .selectFrom('agency as child')
                .innerJoin('subtree', 'subtree.id', 'child.parent_id')
                .select('child.id'),
            ),
        )
        .selectFrom('subtree')
        .select('subtree.id'),
    );
  }
  if (filter.field) select = select.where('catalog_listing.field', '=', filter.field);
  if (filter.procedureCode)
    select = select.where('catalog_listing.procedure_code', '=', filter.procedureCode);
  if (filter.onlineLevel)
    select = select.where('catalog_listing.online_level', '=', filter.onlineLevel);
  return select;
}

export function searchPublishedServices(
  db: Kysely<Database>,
  filter: ServiceFilter,
  page: { offset: number; limit: number },
) {
  return publishedServicesQuery(db, filter, page).execute();
}

/** The one statement a page of the catalog search is (bench/catalog-search.ts runs it bare). */
export function publishedServicesQuery(
  db: Kysely<Database>,
  filter: ServiceFilter,
  page: { offset: number; limit: number },
) {
  // A text search ranks every match anyway, so its total rides along with the page. Browsing
  // reads 20 rows from an index instead, and is counted separately.
  const total = filter.query
    ? sql<number | null>`count(*) over ()`
    : sql<number | null>`null::bigint`;
  let select = filteredListing(db, filter).selectAll('catalog_listing').select(total.as('total'));
  // exact substring matches first, then the closest names
  if (filter.query)
    select = select.orderBy(sql`matched.exact`, 'desc').orderBy(sql`matched.score`, 'desc');
  return select
    .orderBy('catalog_listing.procedure_name')
    .orderBy('catalog_listing.agency_name')
    .orderBy('catalog_listing.service_id')
    .offset(page.offset)
    .limit(page.limit);
}

/**
 * The procedures the filtered listing offers, one row each with how many agencies offer it and the
 * range of their deadlines and fees: browsing shows a procedure once, not once per province.
 */
export function searchPublishedProcedures(
  db: Kysely<Database>,
  filter: ServiceFilter,
  page: { offset: number; limit: number },
) {
  let select = filteredListing(db, filter)
    .select((eb) => [
      'catalog_listing.procedure_code',
      eb.fn.min('catalog_listing.procedure_name').as('procedure_name'),
      eb.fn.min('catalog_listing.field').as('field'),
      eb.fn.countAll<number>().as('services'),
      sql<number>`count(*) filter (where catalog_listing.online_level = 'full')`.as(
        'full_services',
      ),
      eb.fn.min('catalog_listing.processing_days').as('min_days'),
      eb.fn.max('catalog_listing.processing_days').as('max_days'),
      eb.fn.min('catalog_listing.fee_vnd').as('min_fee'),
      eb.fn.max('catalog_listing.fee_vnd').as('max_fee'),
      // the one service, when a single agency offers the procedure: its card links straight to it
      sql<string>`min(catalog_listing.service_id::text)`.as('first_service_id'),
      eb.fn.min('catalog_listing.agency_name').as('first_agency_name'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .groupBy('catalog_listing.procedure_code');
  if (filter.query)
    select = select
      .orderBy(sql`bool_or(matched.exact)`, 'desc')
      .orderBy(sql`max(matched.score)`, 'desc');
  return select
    .orderBy(sql`min(catalog_listing.procedure_name)`)
    .orderBy('catalog_listing.procedure_code')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countPublishedProcedures(db: Kysely<Database>, filter: ServiceFilter) {
  const row = await filteredListing(db, filter)
    .select(sql<number>`count(distinct catalog_listing.procedure_code)`.as('total'))
    .executeTakeFirstOrThrow();
  return row.total;
}

export async function countPublishedServices(db: Kysely<Database>, filter: ServiceFilter) {
  const row = await filteredListing(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return row.total;
}

export function listPublishedFields(db: Kysely<Database>) {
  return db
    .selectFrom('catalog_listing')
    .select(['field', (eb) => eb.fn.countAll<number>().as('services')])
    .groupBy('field')
    .orderBy('field')
    .execute();
}

/** The names of the procedures the catalogue offers now, each once. */
export async function listPublishedProcedureNames(db: Kysely<Database>) {
  const rows = await db.selectFrom('catalog_listing').select('procedure_name').distinct().execute();
  return rows.map((row) => row.procedure_name);
}

/**
 * Published services by id, in the order of the ids (undefined for none): the requests arriving
 * together share the statement (decision 0023).
 */
export async function findPublishedServices(db: Kysely<Database>, serviceIds: readonly string[]) {
  const rows = await publishedServices(db, [...new Set(serviceIds)]);
  return rowsInOrderOf(serviceIds, rows, (row) => row.service_id);
}

// Read for every submission and every service page: compiled once per key count (decision 0023).
const publishedServices = compiledByKeys((db, serviceIds) =>
  db
    .selectFrom('catalog_listing')
    .innerJoin('service_version', 'service_version.id', 'catalog_listing.version_id')
    .innerJoin('procedure', 'procedure.national_code', 'catalog_listing.procedure_code')
    .selectAll('catalog_listing')
    .select([
      'procedure.legal_basis',
      'procedure.carried_out_by',
      'procedure.conditions',
      'procedure.result_type',
      'service_version.version',
      'service_version.form_schema',
      'service_version.ui_schema',
      'service_version.required_documents',
      'service_version.fee_schedule',
      'service_version.payment_online',
      'service_version.result_online',
      'service_version.received_locally',
    ])
    .where('catalog_listing.service_id', 'in', serviceIds),
);

/** The service an agency offers a procedure with, by their codes, if it takes dossiers. */
export async function publishedServiceIdByCodes(
  db: Kysely<Database>,
  agencyCode: string,
  procedureCode: string,
) {
  const row = await db
    .selectFrom('catalog_listing')
    .select('service_id')
    .where('agency_code', '=', agencyCode)
    .where('procedure_code', '=', procedureCode)
    .executeTakeFirst();
  return row?.service_id;
}

export function listAgencies(db: Kysely<Database>, currentOnly: boolean) {
  let query = db
    .selectFrom('agency')
    .select([
      'id',
      'code',
      'name',
      'level',
      'parent_id',
      'valid_from',
      'valid_to',
      'successor_id',
      'service_center',
    ]);
  if (currentOnly) query = query.where('valid_to', 'is', null);
  return query.orderBy('level').orderBy('name').execute();
}
