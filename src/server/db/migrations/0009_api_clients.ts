import { sql, type Kysely } from 'kysely';

/** Other systems (national portal, LGSP) calling the API with OAuth 2 client credentials. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_client')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('scopes', 'jsonb', (c) => c.notNull())
    .addColumn('agency_ids', 'jsonb', (c) => c.notNull())
    .addColumn('rate_limit_per_minute', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .execute();
  // their sync feed reads an agency's dossiers by time of change
  await sql`create index dossier_agency_updated on dossier (agency_id, updated_at)`.execute(db);
}
