import { sql, type Kysely } from 'kysely';

/**
 * Results and signatures: what a version offers online (payment, result) and its result template;
 * the result document of a dossier (drafted, then signed once); the certificates agencies sign
 * with, and the demo certification authority that issues them when no real one is configured.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table service_version
    add column payment_online boolean not null default false,
    add column result_online boolean not null default false,
    add column result_template jsonb`.execute(db);
  // Versions charging at submission were already taking the fee online (0013).
  await sql`alter table service_version disable trigger user`.execute(db);
  await sql`update service_version set payment_online = true
    where fee_schedule->>'kind' <> 'none' and fee_schedule->>'payAt' = 'submission'`.execute(db);
  await sql`alter table service_version enable trigger user`.execute(db);

  // A mail may carry files (the signed result): stored once, attached when the mail job sends it.
  await sql`alter table mail_message add column attachments jsonb not null default '[]'`.execute(
    db,
  );

  await sql`
    create table certificate_authority (
      id uuid primary key default gen_random_uuid(),
      certificate_pem text not null,
      private_key_sealed text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  // One demo authority per instance: two servers starting at once must not make two.
  await sql`create unique index certificate_authority_one on certificate_authority ((true))`.execute(
    db,
  );

  await sql`
    create table agency_certificate (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references agency (id),
      source text not null check (source in ('demo', 'imported')),
      subject text not null,
      issuer text not null,
      serial_number text not null,
      fingerprint_sha256 text not null unique,
      not_before timestamptz not null,
      not_after timestamptz not null,
      certificate_pem text not null,
      chain_pem text not null,
      private_key_sealed text not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz
    )`.execute(db);
  await sql`create unique index agency_certificate_live on agency_certificate (agency_id) where retired_at is null`.execute(
    db,
  );

  await sql`
    create table result_document (
      id uuid primary key default gen_random_uuid(),
      dossier_id uuid not null unique references dossier (id),
      agency_id uuid not null references agency (id),
      source text not null check (source in ('template', 'upload')),
      draft_storage_key text not null,
      draft_sha256 text not null,
      prepared_by uuid not null references account (id),
      prepared_at timestamptz not null default now(),
      verification_code text not null unique,
      signed_storage_key text,
      signed_sha256 text unique,
      signed_size_bytes bigint,
      signed_at timestamptz,
      signer_id uuid references account (id),
      signer_name text,
      certificate_id uuid references agency_certificate (id),
      check ((signed_at is null) = (signed_sha256 is null)
         and (signed_at is null) = (signed_storage_key is null)
         and (signed_at is null) = (certificate_id is null))
    )`.execute(db);
  // A signed result is what the applicant received: it is never redrafted nor signed again.
  await sql`
    create function result_document_signed_once() returns trigger language plpgsql as $$
    begin
      if old.signed_at is not null then
        raise exception 'result document % is signed and cannot change', old.id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger result_document_signed_once before update or delete on result_document
    for each row execute function result_document_signed_once()`.execute(db);
}
