import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { RelyingParty } from './provider.ts';

/**
 * Registers a portal as a client of the embedded provider, or updates it: what the operator of
 * the national identity provider does for each ministry's and province's system, so that one
 * sign-in serves them all. oidc-provider looks up a client it was not started with in its
 * storage, under the model `Client`.
 */
export async function registerRelyingParty(
  db: Kysely<Database>,
  party: RelyingParty & { name: string },
) {
  const metadata = JSON.stringify({
    client_id: party.clientId,
    client_secret: party.clientSecret,
    client_name: party.name,
    redirect_uris: [party.redirectUri],
    post_logout_redirect_uris: [party.postLogoutRedirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  });
  await db
    .insertInto('idp_payload')
    .values({ model: 'Client', id: party.clientId, payload: metadata })
    .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload: metadata }))
    .execute();
}
