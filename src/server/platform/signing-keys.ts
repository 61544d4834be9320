import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The current private signing key (JWK, RS256) for a purpose, generated and stored at first use.
 * Older keys stay until retired so tokens they signed still verify.
 */
export async function signingKeys(db: Kysely<Database>, purpose: string): Promise<JWK[]> {
  const live = await db
    .selectFrom('signing_key')
    .select(['private_jwk'])
    .where('purpose', '=', purpose)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  if (live.length > 0) return live.map((k) => k.private_jwk as JWK);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig' };
  jwk.kid = `${purpose}-${new Date().toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;
  await db
    .insertInto('signing_key')
    .values({ id: jwk.kid, purpose, private_jwk: JSON.stringify(jwk) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return signingKeys(db, purpose);
}

/** Retires the purpose's live keys: the next `signingKeys` makes a fresh one. */
export async function retireSigningKeys(db: Kysely<Database>, purpose: string): Promise<void> {
  await db
    .updateTable('signing_key')
    .set({ retired_at: new Date() })
    .where('purpose', '=', purpose)
    .where('retired_at', 'is', null)
    .execute();
}

/** The purpose's live keys and those retired since `retiredSince`, newest first: what a JWKS publishes. */
export async function publishableSigningKeys(
  db: Kysely<Database>,
  purpose: string,
  retiredSince: Date,
): Promise<JWK[]> {
  const rows = await db
    .selectFrom('signing_key')
    .select('private_jwk')
    .where('purpose', '=', purpose)
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredSince)]))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.private_jwk as JWK);
}

/** Whether the key exists for the purpose, live or retired. */
export async function signingKeyExists(
  db: Kysely<Database>,
  purpose: string,
  kid: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('signing_key')
    .select('id')
    .where('id', '=', kid)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return row !== undefined;
}
