import { sql, type Kysely } from 'kysely';

/**
 * Identity and access: officer credentials (argon2id, TOTP, lockout), accounts linked to an
 * OpenID Connect subject, roles that may extend to sub-agencies, richer sessions, and the tables
 * of the embedded national identity provider.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    sql`sex text`,
    sql`tax_code text`,
    sql`legal_representative text`,
    sql`username text unique`,
    sql`password_hash text`,
    sql`must_change_password boolean not null default false`,
    sql`password_changed_at timestamptz`,
    sql`totp_secret text`,
    sql`totp_enabled_at timestamptz`,
    sql`totp_last_step bigint`,
    sql`failed_sign_ins integer not null default 0`,
    sql`locked_until timestamptz`,
    sql`disabled_at timestamptz`,
    sql`oidc_issuer text`,
    sql`oidc_subject text`,
  ])
    await sql`alter table account add column ${column}`.execute(db);
  await sql`create unique index account_oidc_subject on account (oidc_issuer, oidc_subject) where oidc_subject is not null`.execute(
    db,
  );

  await sql`alter table officer_role add column include_sub_agencies boolean not null default false`.execute(
    db,
  );
  await sql`alter table officer_role add column granted_at timestamptz not null default now()`.execute(
    db,
  );
  await sql`alter table officer_role add column granted_by uuid references account (id)`.execute(
    db,
  );

  await sql`alter table session add column method text not null default 'demo'`.execute(db);
  await sql`alter table session add column ip text`.execute(db);
  await sql`alter table session add column user_agent text`.execute(db);
  await sql`alter table session add column id_token text`.execute(db);

  // An officer between the password and the session: changing a temporary password, or TOTP.
  await db.schema
    .createTable('sign_in_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('stage', 'text', (c) =>
      c.notNull().check(sql`stage in ('change_password', 'totp', 'enroll_totp')`),
    )
    .addColumn('totp_candidate', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The relying party's pending authorisation requests (state, PKCE verifier, nonce).
  await db.schema
    .createTable('oidc_login')
    .addColumn('state', 'text', (c) => c.primaryKey())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The embedded identity provider: its people and businesses, its protocol state, its keys.
  await db.schema
    .createTable('idp_identity')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'business')`))
    .addColumn('citizen_id', 'text', (c) => c.unique())
    .addColumn('tax_code', 'text', (c) => c.unique())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date')
    .addColumn('sex', 'text')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('legal_representative', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('idp_payload')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('user_code', 'text')
    .addColumn('uid', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('consumed_at', 'timestamptz')
    .addPrimaryKeyConstraint('idp_payload_pkey', ['model', 'id'])
    .execute();
  await sql`create index idp_payload_grant on idp_payload (grant_id)`.execute(db);
  await sql`create index idp_payload_uid on idp_payload (uid)`.execute(db);
  await db.schema
    .createTable('signing_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute();
}
