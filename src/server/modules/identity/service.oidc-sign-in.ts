import type { Kysely } from 'kysely';
import { safeReturnPath } from '../../../domain/return-path.ts';
import type { Database } from '../../db/schema.ts';
import { identityErrors } from './errors.ts';
import type { OidcClient, OidcIdentity } from './oidc-client.ts';
import { rolesFor } from '../../../domain/access.ts';
import type { ClientInfo, IdentityService } from './service.ts';

const LOGIN_TTL_MS = 10 * 60 * 1000;

/** `amr` values (RFC 8176) that mean more than a password was checked. */
const SECOND_FACTOR_METHODS = ['mfa', 'otp', 'hwk', 'swk', 'sc', 'fpt', 'face', 'iris'];

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** What the identity provider vouches for, in our account's terms. */
function profileFrom(claims: Record<string, unknown>) {
  const address = claims.address as { formatted?: unknown } | undefined;
  return {
    full_name: text(claims.name) ?? 'Người dùng',
    citizen_id: text(claims.citizen_id),
    birth_date: text(claims.birthdate),
    sex: claims.gender === 'female' ? 'Nữ' : claims.gender === 'male' ? 'Nam' : null,
    tax_code: text(claims.tax_code),
    legal_representative: text(claims.legal_representative),
    contact: {
      email: text(claims.email),
      phone: text(claims.phone_number),
      address: text(address?.formatted),
    },
  };
}

export type OidcSignIn = ReturnType<typeof createOidcSignIn>;

/** Citizens and businesses sign in through the identity provider; their account follows its claims. */
export function createOidcSignIn(deps: {
  db: Kysely<Database>;
  identity: IdentityService;
  oidc: OidcClient;
  officers: { allowed: boolean; totpForAll: boolean };
}) {
  const { db, oidc } = deps;

  /**
   * The officer whose account carries this CCCD. Leaders and administrators need a second factor
   * at the provider (RFC 8176 `amr`), as they would need TOTP here.
   */
  async function officerFor(identity: OidcIdentity) {
    if (!deps.officers.allowed) throw identityErrors.oidcOfficersDisabled();
    const citizenId = text(identity.claims.citizen_id);
    const officer = citizenId
      ? await db
          .selectFrom('account')
          .select(['id', 'full_name'])
          .where('kind', '=', 'officer')
          .where('citizen_id', '=', citizenId)
          .where('disabled_at', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (!officer) throw identityErrors.oidcNoOfficerAccount();
    const roles = await db
      .selectFrom('officer_role')
      .select('role')
      .where('account_id', '=', officer.id)
      .execute();
    const needsSecondFactor =
      deps.officers.totpForAll ||
      roles.some((r) => rolesFor('signin.second_factor').includes(r.role));
    if (
      needsSecondFactor &&
      !identity.authenticationMethods.some((m) => SECOND_FACTOR_METHODS.includes(m))
    )
      throw identityErrors.oidcSecondFactorRequired();
    return { id: officer.id, fullName: officer.full_name };
  }

  /**
   * Finds the account of this subject, else links the citizen account with the same CCCD (the
   * national identifier), else creates one. Identity facts follow the provider at every sign-in;
   * contact details are filled once and then belong to the citizen, who may correct them.
   */
  async function accountFor(identity: OidcIdentity) {
    const { contact, ...facts } = profileFrom(identity.claims);
    return db.transaction().execute(async (tx) => {
      const linked =
        (await tx
          .selectFrom('account')
          .select(['id', 'email', 'phone', 'address'])
          .where('kind', '=', 'citizen')
          .where('oidc_issuer', '=', identity.issuer)
          .where('oidc_subject', '=', identity.subject)
          .executeTakeFirst()) ??
        (facts.citizen_id
          ? await tx
              .selectFrom('account')
              .select(['id', 'email', 'phone', 'address'])
              .where('kind', '=', 'citizen')
              .where('citizen_id', '=', facts.citizen_id)
              .where('oidc_subject', 'is', null)
              .executeTakeFirst()
          : undefined);
      if (linked) {
        await tx
          .updateTable('account')
          .set({
            ...facts,
            oidc_issuer: identity.issuer,
            oidc_subject: identity.subject,
            email: linked.email ?? contact.email,
            phone: linked.phone ?? contact.phone,
            address: linked.address ?? contact.address,
          })
          .where('id', '=', linked.id)
          .execute();
        return { id: linked.id, fullName: facts.full_name };
      }
      const created = await tx
        .insertInto('account')
        .values({
          kind: 'citizen',
          ...facts,
          ...contact,
          oidc_issuer: identity.issuer,
          oidc_subject: identity.subject,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: created.id, fullName: facts.full_name };
    });
  }

  return {
    async begin(returnTo: string | undefined, intent: 'citizen' | 'officer' = 'citizen') {
      const started = await oidc.start();
      await db
        .insertInto('oidc_login')
        .values({
          intent,
          state: started.state,
          code_verifier: started.codeVerifier,
          nonce: started.nonce,
          return_to: safeReturnPath(returnTo) ?? '/',
          expires_at: new Date(Date.now() + LOGIN_TTL_MS),
        })
        .execute();
      await db.deleteFrom('oidc_login').where('expires_at', '<', new Date()).execute();
      return { url: started.url, state: started.state };
    },

    /**
     * `browserState`: the state this browser was given when it started (its cookie). A callback
     * carried to another browser finds no such cookie there and signs nobody in (login CSRF).
     */
    async complete(callbackUrl: URL, browserState: string | undefined, client: ClientInfo) {
      const state = callbackUrl.searchParams.get('state') ?? '';
      if (!browserState || browserState !== state) throw identityErrors.oidcLoginExpired();
      // Deleted as it is read: a callback is honoured once.
      const login = await db
        .deleteFrom('oidc_login')
        .where('state', '=', state)
        .where('expires_at', '>', new Date())
        .returningAll()
        .executeTakeFirst();
      if (!login) throw identityErrors.oidcLoginExpired();
      const identity = await oidc.finish(callbackUrl, {
        state: login.state,
        nonce: login.nonce,
        codeVerifier: login.code_verifier,
      });
      const account =
        login.intent === 'officer' ? await officerFor(identity) : await accountFor(identity);
      const session = await deps.identity.startSession(account, 'oidc', client, identity.idToken);
      return { session, returnTo: login.return_to };
    },
  };
}
