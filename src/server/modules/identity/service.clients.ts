import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { MachineClient } from '../../platform/actor.ts';
import {
  publishableSigningKeys,
  retireSigningKeys,
  signingKeyExists,
  signingKeys,
} from '../../platform/signing-keys.ts';

/** Scopes other systems may be given. */
export const CLIENT_SCOPES = ['dossiers:read', 'catalog:read', 'feedback:submit'] as const;
export const ACCESS_TOKEN_SECONDS = 300;
const AUDIENCE = 'opendvc-api';
const KEY_PURPOSE = 'api';
/** Retired keys stay published this long: every token they signed has expired by then. */
const RETIRED_KEY_GRACE_MS = 60 * 60 * 1000;
/** How long a process trusts its copy of the key set: rotation reaches every process within it. */
const KEY_CACHE_MS = 60 * 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export class TokenRequestError extends Error {
  readonly error: 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type' | 'invalid_request';
  readonly status: 400 | 401;
  constructor(error: TokenRequestError['error'], description: string, status: 400 | 401 = 400) {
    super(description);
    this.error = error;
    this.status = status;
  }
}

export type MachineClients = ReturnType<typeof createMachineClients>;

/**
 * OAuth 2 client credentials (RFC 6749 §4.4): short-lived RS256 JWT access tokens (RFC 9068
 * profile) with scopes, keys published as a JWKS and rotated without breaking live tokens.
 */
export function createMachineClients(deps: { db: Kysely<Database>; issuer: string }) {
  const { db, issuer } = deps;
  let cached: { at: number; keys: JWK[] } | undefined;

  async function publishedKeys(): Promise<JWK[]> {
    if (cached && Date.now() - cached.at < KEY_CACHE_MS) return cached.keys;
    await signingKeys(db, KEY_PURPOSE); // makes the first key on first use
    const keys = await publishableSigningKeys(
      db,
      KEY_PURPOSE,
      new Date(Date.now() - RETIRED_KEY_GRACE_MS),
    );
    cached = { at: Date.now(), keys };
    return cached.keys;
  }

  const publicPart = ({ kty, n, e, kid, alg, use }: JWK) => ({ kty, n, e, kid, alg, use });

  return {
    /** Registers a client; answers its secret, which is never shown again. */
    async register(input: {
      name: string;
      scopes: string[];
      agencyIds: string[];
      rateLimitPerMinute: number;
    }) {
      const id = `client-${randomUUID()}`;
      const secret = randomBytes(32).toString('base64url');
      await db
        .insertInto('api_client')
        .values({
          id,
          name: input.name,
          secret_hash: sha256(secret).toString('hex'),
          scopes: JSON.stringify(input.scopes),
          agency_ids: JSON.stringify(input.agencyIds),
          rate_limit_per_minute: input.rateLimitPerMinute,
        })
        .execute();
      return { clientId: id, clientSecret: secret };
    },

    async issueToken(credentials: { clientId: string; clientSecret: string }, scope?: string) {
      const client = await db
        .selectFrom('api_client')
        .selectAll()
        .where('id', '=', credentials.clientId)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      const valid =
        client !== undefined &&
        timingSafeEqual(Buffer.from(client.secret_hash, 'hex'), sha256(credentials.clientSecret));
      if (!client || !valid)
        throw new TokenRequestError('invalid_client', 'Sai mã ứng dụng hoặc khóa bí mật', 401);
      const requested = scope ? scope.split(' ').filter(Boolean) : client.scopes;
      const refused = requested.filter((s) => !client.scopes.includes(s));
      if (refused.length > 0)
        throw new TokenRequestError(
          'invalid_scope',
          `Ứng dụng không được cấp phạm vi: ${refused.join(', ')}`,
        );
      const [current] = await signingKeys(db, KEY_PURPOSE);
      if (!current?.kid) throw new Error('no signing key');
      const token = await new SignJWT({ scope: requested.join(' '), client_id: client.id })
        .setProtectedHeader({ alg: 'RS256', kid: current.kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject(client.id)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${String(ACCESS_TOKEN_SECONDS)}s`)
        .sign(await importJWK(current, 'RS256'));
      return {
        access_token: token,
        token_type: 'Bearer' as const,
        expires_in: ACCESS_TOKEN_SECONDS,
        scope: requested.join(' '),
      };
    },

    /** The public keys tokens are signed with, current and recently retired (RFC 7517). */
    async jwks(): Promise<JSONWebKeySet> {
      return { keys: (await publishedKeys()).map(publicPart) };
    },

    /** The client behind a bearer token, or null when the token is not one of ours and valid. */
    async resolveBearer(token: string): Promise<MachineClient | null> {
      try {
        // A key rotated by another process: reload once rather than wait for the cache to expire.
        // (one primary-key lookup: tokens naming made-up keys cost no more than that).
        const { kid } = decodeProtectedHeader(token);
        if (kid && !(await publishedKeys()).some((key) => key.kid === kid)) {
          if (await signingKeyExists(db, KEY_PURPOSE, kid)) cached = undefined;
        }
        const keys = createLocalJWKSet({ keys: (await publishedKeys()).map(publicPart) });
        const { payload } = await jwtVerify(token, keys, {
          issuer,
          audience: AUDIENCE,
          typ: 'at+jwt',
          algorithms: ['RS256'],
        });
        const client = await db
          .selectFrom('api_client')
          .selectAll()
          .where('id', '=', String(payload.sub))
          .where('disabled_at', 'is', null)
          .executeTakeFirst();
        if (!client) return null;
        const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
        return {
          clientId: client.id,
          name: client.name,
          scopes: scopes.filter((s) => client.scopes.includes(s)),
          agencyIds: client.agency_ids,
          rateLimitPerMinute: client.rate_limit_per_minute,
        };
      } catch {
        return null;
      }
    },

    /** A new current key; the old ones stay published until their tokens have expired. */
    async rotateKeys() {
      await retireSigningKeys(db, KEY_PURPOSE);
      cached = undefined;
      const [fresh] = await signingKeys(db, KEY_PURPOSE);
      return fresh?.kid;
    },
  };
}
