import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { DEFAULT_WORKFLOW } from '../src/domain/access.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { writeDossierHistory } from '../src/server/db/seed/dossier-history.ts';
import { loadReferenceAgencies } from '../src/server/db/seed/reference-agencies.ts';
import { refreshCatalogListing } from '../src/server/modules/catalog/index.ts';
import { recountStatistics } from '../src/server/modules/monitoring/index.ts';
import { syntheticCatalog } from './synthetic-catalog.ts';

/**
 * Builds a national-size catalog on PostgreSQL: ~85 level-1 agencies with departments and communes,
 * a few thousand procedures and the requested number of published services; with `--dossiers`,
 * a history of that many dossiers over the last two years, written set-based in the database.
 * Usage: DATABASE_URL=postgres://… npm run seed:scale -- --services 50000 [--dossiers 20000000]
 */
const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '50000' },
    dossiers: { type: 'string', default: '0' },
  },
});
const serviceCount = Number(values.services);
const dossierCount = Number(values.dossiers);
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('seed:scale needs DATABASE_URL=postgres://… (a database it may fill)\n');
  process.exit(2);
}
if (!Number.isInteger(serviceCount) || serviceCount < 1) {
  process.stderr.write('--services must be a positive whole number\n');
  process.exit(2);
}
if (!Number.isInteger(dossierCount) || dossierCount < 0) {
  process.stderr.write('--dossiers must be a whole number\n');
  process.exit(2);
}

const started = performance.now();
const database = await openDatabase({ url });
await migrateToLatest(database.db);
const catalog = syntheticCatalog(serviceCount);

// Rows go in as arrays unnested server-side: one statement per table and batch instead of a row at a time.
const BATCH = 10_000;
async function insertColumns(
  table: string,
  columns: Record<string, { type: string; values: unknown[] }>,
) {
  const names = Object.keys(columns);
  const length = Object.values(columns)[0]?.values.length ?? 0;
  for (let offset = 0; offset < length; offset += BATCH) {
    const arrays = names.map((name) => {
      const column = columns[name];
      if (!column) throw new Error(name);
      return sql`${column.values.slice(offset, offset + BATCH)}::${sql.raw(column.type)}[]`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))}) select * from unnest(${sql.join(arrays)})`.execute(
      database.db,
    );
  }
}

await insertColumns('agency', {
  id: { type: 'uuid', values: catalog.agencies.map((a) => a.id) },
  code: { type: 'text', values: catalog.agencies.map((a) => a.code) },
  name: { type: 'text', values: catalog.agencies.map((a) => a.name) },
  level: { type: 'text', values: catalog.agencies.map((a) => a.level) },
  parent_id: { type: 'uuid', values: catalog.agencies.map((a) => a.parentId) },
  valid_from: { type: 'date', values: catalog.agencies.map(() => '2025-07-01') },
});
await insertColumns('procedure', {
  id: { type: 'uuid', values: catalog.procedures.map((p) => p.id) },
  national_code: { type: 'text', values: catalog.procedures.map((p) => p.code) },
  name: { type: 'text', values: catalog.procedures.map((p) => p.name) },
  field: { type: 'text', values: catalog.procedures.map((p) => p.field) },
  legal_basis: {
    type: 'text',
    values: catalog.procedures.map(() => 'Dữ liệu tổng hợp cho đo hiệu năng'),
  },
});
await insertColumns('service', {
  id: { type: 'uuid', values: catalog.services.map((s) => s.id) },
  agency_id: { type: 'uuid', values: catalog.services.map((s) => s.agencyId) },
  procedure_id: { type: 'uuid', values: catalog.services.map((s) => s.procedureId) },
  online_level: { type: 'text', values: catalog.services.map((s) => s.onlineLevel) },
  status: { type: 'text', values: catalog.services.map(() => 'published') },
});
const form = JSON.stringify(catalog.form);
const workflow = JSON.stringify(DEFAULT_WORKFLOW);
await insertColumns('service_version', {
  service_id: { type: 'uuid', values: catalog.services.map((s) => s.id) },
  agency_id: { type: 'uuid', values: catalog.services.map((s) => s.agencyId) },
  version: { type: 'integer', values: catalog.services.map(() => 1) },
  form_schema: { type: 'json', values: catalog.services.map(() => form) },
  ui_schema: { type: 'json', values: catalog.services.map(() => '{}') },
  required_documents: {
    type: 'jsonb',
    values: catalog.services.map(() => JSON.stringify(catalog.documents)),
  },
  processing_days: { type: 'integer', values: catalog.services.map((s) => s.processingDays) },
  fee_vnd: { type: 'integer', values: catalog.services.map((s) => s.feeVnd) },
  result_online: { type: 'boolean', values: catalog.services.map(() => true) },
  workflow: { type: 'jsonb', values: catalog.services.map(() => workflow) },
  published_at: {
    type: 'timestamptz',
    values: catalog.services.map(() => new Date().toISOString()),
  },
});
await refreshCatalogListing(database.db);
// What the server does at its first start (the Government above the ministries, the provinces of
// 2020 and 2025), done now while there are no figures to regroup.
await loadReferenceAgencies(database.db);
// Listed for the whole history, so past periods count the services.
await sql`update service_level_history set valid_from = now() - interval '800 days'`.execute(
  database.db,
);
const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `seeded ${String(catalog.agencies.length)} agencies, ${String(catalog.procedures.length)} procedures, ${String(catalog.services.length)} services in ${elapsed()} s\n`,
);

if (dossierCount > 0) {
  // A bulk load: the dossier tables' secondary indexes and the statistics queue's trigger are set
  // aside while the rows go in, rebuilt after, and the rollups recounted from every event once.
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select indexname as name, indexdef as definition from pg_indexes
    where tablename in ('dossier', 'dossier_event') and indexname not like '%_pkey'
      and indexname not like '%_key'`.execute(database.db);
  for (const index of indexes) await sql`drop index ${sql.ref(index.name)}`.execute(database.db);
  await sql`alter table dossier_event disable trigger dossier_event_to_stats`.execute(database.db);
  const to = new Date();
  const written = await writeDossierHistory(database.db, {
    dossiers: dossierCount,
    from: new Date(to.getTime() - 730 * 86_400_000),
    to,
    batchSize: 200_000,
    onBatch: (done) =>
      process.stdout.write(`  ${String(done)} dossiers written (${elapsed()} s)\n`),
  });
  await sql`alter table dossier_event enable trigger dossier_event_to_stats`.execute(database.db);
  for (const index of indexes) await sql.raw(index.definition).execute(database.db);
  process.stdout.write(`indexes rebuilt (${elapsed()} s)\n`);
  await recountStatistics(database.db);
  process.stdout.write(`${String(written)} dossiers written and counted in ${elapsed()} s\n`);
}
// A bulk load ends with a vacuum: it marks the pages all-visible, as autovacuum would in time.
await sql`vacuum analyze`.execute(database.db);
await database.close();
