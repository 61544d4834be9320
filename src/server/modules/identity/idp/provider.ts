import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import Provider, { type Configuration } from 'oidc-provider';
import type { Database } from '../../../db/schema.ts';
import { signingKeys } from '../../../platform/signing-keys.ts';
import { databaseAdapter } from './adapter.ts';
import { errorPage, loggedOutPage, logoutPage } from './pages.ts';

/** The scopes the embedded provider offers and the claims each one releases. */
export const IDP_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'birthdate', 'gender'],
  email: ['email'],
  phone: ['phone_number'],
  address: ['address'],
  citizen_id: ['citizen_id'],
  business: ['tax_code', 'legal_representative'],
};

export type RelyingParty = {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
};

/**
 * The embedded national identity provider (development and demonstration): a certified OpenID
 * Connect library, authorization code with PKCE only, its state in our database.
 */
export async function createIdentityProvider(deps: {
  db: Kysely<Database>;
  issuer: string;
  appSecret: string;
  portal: RelyingParty;
}) {
  const { db } = deps;
  const configuration: Configuration = {
    adapter: databaseAdapter(db),
    clients: [
      {
        client_id: deps.portal.clientId,
        client_secret: deps.portal.clientSecret,
        client_name: 'Cổng Dịch vụ công trực tuyến',
        redirect_uris: [deps.portal.redirectUri],
        post_logout_redirect_uris: [deps.portal.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: await signingKeys(db, 'idp') },
    cookies: {
      keys: [createHash('sha256').update(`opendvc idp cookies\0${deps.appSecret}`).digest('hex')],
    },
    pkce: { required: () => true },
    claims: IDP_CLAIMS,
    findAccount: async (_ctx, sub) => {
      const identity = await db
        .selectFrom('idp_identity')
        .selectAll()
        .where('id', '=', sub)
        .executeTakeFirst();
      if (!identity) return undefined;
      return {
        accountId: identity.id,
        claims: () => ({
          sub: identity.id,
          name: identity.full_name,
          ...(identity.birth_date ? { birthdate: identity.birth_date } : {}),
          ...(identity.sex ? { gender: identity.sex === 'Nữ' ? 'female' : 'male' } : {}),
          ...(identity.email ? { email: identity.email } : {}),
          ...(identity.phone ? { phone_number: identity.phone } : {}),
          ...(identity.address ? { address: { formatted: identity.address } } : {}),
          ...(identity.citizen_id ? { citizen_id: identity.citizen_id } : {}),
          ...(identity.tax_code
            ? {
                tax_code: identity.tax_code,
                legal_representative: identity.legal_representative ?? undefined,
              }
            : {}),
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/idp/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(
        out.error === 'invalid_request' || out.error === 'invalid_client'
          ? 'Yêu cầu đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng quay lại cổng dịch vụ công và thử lại.'
          : 'Đã có lỗi khi xác thực. Vui lòng quay lại cổng dịch vụ công và thử lại.',
      );
    },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 10 * 60,
      Interaction: 10 * 60,
      Session: 12 * 60 * 60,
      Grant: 12 * 60 * 60,
    },
    conformIdTokenClaims: true,
  };
  const provider = new Provider(deps.issuer, configuration);
  // Behind a TLS-terminating proxy in production: trust X-Forwarded-Proto for the issuer's scheme.
  provider.proxy = true;
  return provider;
}
