import { sql, type Kysely } from 'kysely';

/** Template files (mẫu đơn, tờ khai) that agencies attach to a required document for citizens to download. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_template')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('document_template_agency')
    .on('document_template')
    .column('agency_id')
    .execute();
}
