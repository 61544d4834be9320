import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { identityErrors } from './errors.ts';
import type { OidcClient, OidcIdentity } from './oidc-client.ts';
import type { ClientInfo, IdentityService } from './service.ts';

const LOGIN_TTL_MS = 10 * 60 * 1000;

/** Only a path of this portal: never another site (no open redirect). */
export const safeReturnTo = (value: string | undefined) =>
  value && /^\/(?![/\\])/.test(value) ? value : '/';

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
}) {
  const { db, oidc } = deps;

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
          .select(['id', 'kind', 'email', 'phone', 'address'])
          .where('oidc_issuer', '=', identity.issuer)
          .where('oidc_subject', '=', identity.subject)
          .executeTakeFirst()) ??
        (facts.citizen_id
          ? await tx
              .selectFrom('account')
              .select(['id', 'kind', 'email', 'phone', 'address'])
              .where('kind', '=', 'citizen')
              .where('citizen_id', '=', facts.citizen_id)
              .where('oidc_subject', 'is', null)
              .executeTakeFirst()
          : undefined);
      if (linked && linked.kind !== 'citizen') throw identityErrors.oidcAccountIsOfficer();
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
    async begin(returnTo: string | undefined) {
      const started = await oidc.start();
      await db
        .insertInto('oidc_login')
        .values({
          state: started.state,
          code_verifier: started.codeVerifier,
          nonce: started.nonce,
          return_to: safeReturnTo(returnTo),
          expires_at: new Date(Date.now() + LOGIN_TTL_MS),
        })
        .execute();
      await db.deleteFrom('oidc_login').where('expires_at', '<', new Date()).execute();
      return started.url;
    },

    async complete(callbackUrl: URL, client: ClientInfo) {
      const state = callbackUrl.searchParams.get('state') ?? '';
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
      const account = await accountFor(identity);
      const session = await deps.identity.startSession(account, 'oidc', client, identity.idToken);
      return { session, returnTo: login.return_to };
    },
  };
}
