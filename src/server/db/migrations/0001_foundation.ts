import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  // unaccent() is only STABLE; an IMMUTABLE wrapper with a fixed dictionary can back an index.
  await sql`
    create or replace function f_unaccent(text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);

  await db.schema
    .createTable('agency')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`level in ('central','ministry','ministry_unit','province','province_unit','district','commune')`,
        ),
    )
    .addColumn('parent_id', 'uuid', (c) => c.references('agency.id'))
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('successor_id', 'uuid', (c) => c.references('agency.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('agency_parent_idx').on('agency').column('parent_id').execute();

  await db.schema
    .createTable('procedure')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('national_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    // what the public search matches: name and field, lower case, without diacritics
    .addColumn('search_text', 'text', (c) =>
      c
        .notNull()
        .generatedAlwaysAs(sql`f_unaccent(lower(name || ' ' || field))`)
        .stored(),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index procedure_search_idx on procedure using gin (search_text gin_trgm_ops)`.execute(
    db,
  );

  await db.schema
    .createTable('service')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('procedure_id', 'uuid', (c) => c.notNull().references('procedure.id'))
    .addColumn('online_level', 'text', (c) =>
      c.notNull().check(sql`online_level in ('full','partial')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft','published','unpublished')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('service_agency_procedure_key', ['agency_id', 'procedure_id'])
    .execute();

  await db.schema
    .createTable('service_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // json, not jsonb: the order of a form's fields is the order of its schema's keys, which jsonb loses.
    .addColumn('form_schema', 'json', (c) => c.notNull())
    .addColumn('ui_schema', 'json', (c) => c.notNull())
    .addColumn('required_documents', 'jsonb', (c) => c.notNull())
    .addColumn('processing_days', 'integer', (c) => c.notNull().check(sql`processing_days >= 0`))
    .addColumn('fee_vnd', 'integer', (c) => c.notNull().check(sql`fee_vnd >= 0`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('service_version_service_version_key', ['service_id', 'version'])
    .execute();

  await db.schema
    .createTable('account')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('citizen','officer')`))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.unique())
    .addColumn('birth_date', 'date')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('officer_role')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`role in ('reception','specialist','department_head','leader','agency_admin','national_supervisor','system_admin')`,
        ),
    )
    .addPrimaryKeyConstraint('officer_role_pkey', ['account_id', 'agency_id', 'role'])
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_account_idx').on('session').column('account_id').execute();

  await db.schema
    .createTable('dossier')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('service_version_id', 'uuid', (c) => c.notNull().references('service_version.id'))
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('online','counter','post')`),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('form_data', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('returned_at', 'timestamptz')
    .addColumn('lock_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('dossier_agency_inbox_idx')
    .on('dossier')
    .columns(['agency_id', 'status', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('dossier_applicant_idx')
    .on('dossier')
    .columns(['applicant_id', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('dossier_event')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossier.id'))
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('account.id'))
    .addColumn('note', 'text')
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('dossier_event_dossier_idx')
    .on('dossier_event')
    .columns(['dossier_id', 'id'])
    .execute();

  await db.schema
    .createTable('dossier_code_sequence')
    .addColumn('agency_id', 'uuid', (c) => c.notNull().references('agency.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_code_sequence_pkey', ['agency_id', 'day'])
    .execute();

  await db.schema
    .createTable('stored_file')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('dossier_id', 'uuid', (c) => c.references('dossier.id'))
    .addColumn('agency_id', 'uuid', (c) => c.references('agency.id'))
    .addColumn('document_key', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('stored_file_dossier_idx')
    .on('stored_file')
    .column('dossier_id')
    .execute();
  await db.schema
    .createIndex('stored_file_owner_idx')
    .on('stored_file')
    .column('owner_id')
    .execute();
}
