import { sql, type Kysely } from 'kysely';

/**
 * Long-term signatures (PAdES B-T): the demo authority also runs a time-stamping authority (RFC
 * 3161), whose certificate it issues at first need; its key is sealed like the authority's own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table certificate_authority
    add column tsa_certificate_pem text,
    add column tsa_private_key_sealed text`.execute(db);
}
