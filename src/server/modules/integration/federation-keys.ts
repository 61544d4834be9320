import { CompactSign, createRemoteJWKSet, importJWK, jwtVerify, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { signingKeys } from '../../platform/signing-keys.ts';

/** The purpose of the key a system signs its federation messages with (member and portal alike). */
export const FEDERATION_KEY = 'federation';

/** The public half of a signing key: what the other side registers or fetches. */
export const publicJwk = ({ kty, n, e, kid, alg, use }: JWK) => ({ kty, n, e, kid, alg, use });

/** This system's public federation keys (JWKS): the portal registers a member's; members fetch the portal's. */
export async function federationJwks(db: Kysely<Database>) {
  return { keys: (await signingKeys(db, FEDERATION_KEY)).map(publicJwk) };
}

/** Signs each payload (compact JWS, RS256) with this system's current federation key. */
export async function signFederation(
  db: Kysely<Database>,
  payloads: Record<string, unknown>[],
): Promise<string[]> {
  const [jwk] = await signingKeys(db, FEDERATION_KEY);
  if (!jwk?.kid) throw new Error('no federation signing key');
  const key = await importJWK(jwk, 'RS256');
  const encoder = new TextEncoder();
  return Promise.all(
    payloads.map((payload) =>
      new CompactSign(encoder.encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? '' })
        .sign(key),
    ),
  );
}

/** One payload signed to hold for `seconds` from now (`iat`, `exp`): the portal's requests to members. */
export async function signForSeconds(
  db: Kysely<Database>,
  payload: Record<string, unknown>,
  seconds: number,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const [jws] = await signFederation(db, [{ ...payload, iat: now, exp: now + seconds }]);
  if (!jws) throw new Error('nothing signed');
  return jws;
}

/**
 * A member's check of what the national portal signs (a submission, a request for a result):
 * against the portal's published keys (its JWKS, fetched and cached, fetched again for a key not
 * yet seen, so a rotation needs nothing at the member). Answers the payload, or null when the
 * signature, the key or the time is wrong.
 */
export function portalVerifier(hubUrl: string) {
  const keys = createRemoteJWKSet(new URL('/api/v1/federation/jwks.json', hubUrl), {
    timeoutDuration: 10_000,
    cooldownDuration: 30_000,
  });
  return async (jws: string): Promise<Record<string, unknown> | null> => {
    try {
      const { payload } = await jwtVerify(jws, keys, { algorithms: ['RS256'], clockTolerance: 60 });
      return payload;
    } catch {
      return null;
    }
  };
}
