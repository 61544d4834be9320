import { sql, type Kysely } from 'kysely';

/**
 * The public catalog's read model: one row per published service with what it is searched, filtered
 * and sorted by (decision 0004). Rebuilt from the normalized tables by `refreshListing`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_listing')
    .addColumn('service_id', 'uuid', (c) => c.primaryKey().references('service.id'))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('service_version.id'))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('agency_name', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('online_level', 'text', (c) => c.notNull())
    .addColumn('processing_days', 'integer', (c) => c.notNull())
    .addColumn('fee_vnd', 'integer', (c) => c.notNull())
    .execute();
  await sql`create index catalog_listing_order_idx on catalog_listing (procedure_name, agency_name, service_id)`.execute(
    db,
  );
  await sql`create index catalog_listing_agency_idx on catalog_listing (agency_id, procedure_name, agency_name, service_id)`.execute(
    db,
  );
  await sql`create index catalog_listing_field_idx on catalog_listing (field, procedure_name, agency_name, service_id)`.execute(
    db,
  );
  await sql`create index catalog_listing_level_idx on catalog_listing (online_level, procedure_name, agency_name, service_id)`.execute(
    db,
  );
  await sql`create index catalog_listing_procedure_idx on catalog_listing (procedure_code)`.execute(
    db,
  );
  // Procedures whose search text contains the query; only when none does, those with a word close
  // to it (pg_trgm word similarity ≥ 0.6), the costly part, so typos pay for it and nothing else.
  // The planner prices the trigram index too high for a table of a few thousand rows and scans
  // them all (31 ms against 6 ms at national size, measured), so the function plans with
  // sequential scans off — for its own statement only. Decision 0004.
  await sql`
    create function catalog_matching_procedures(query text)
    returns table (national_code text, exact boolean, score real)
    language sql stable
    -- a search matches tens of procedures: without this the planner expects 1,000 and scans the listing
    rows 50
    set enable_seqscan = off
    as $$
      with pattern as (
        -- the query as a LIKE pattern matching anywhere, its own wildcards escaped
        select '%' || replace(replace(replace(query, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' as value
      ), exact as (
        select p.national_code, true as exact, word_similarity(query, p.search_text) as score
        from procedure p, pattern
        where p.search_text like pattern.value
      )
      select * from exact
      union all
      select p.national_code, false, word_similarity(query, p.search_text)
      from procedure p
      where not exists (select 1 from exact) and query <% p.search_text
    $$`.execute(db);
  await sql`
    insert into catalog_listing
    select s.id, v.id, a.id, a.code, a.name, p.national_code, p.name, p.field, s.online_level, v.processing_days, v.fee_vnd
    from service s
    join agency a on a.id = s.agency_id
    join procedure p on p.id = s.procedure_id
    join lateral (
      select * from service_version sv where sv.service_id = s.id and sv.published_at is not null order by sv.version desc limit 1
    ) v on true
    where s.status = 'published'`.execute(db);
}
