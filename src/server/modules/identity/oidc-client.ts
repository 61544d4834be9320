import * as client from 'openid-client';

export type OidcClientOptions = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
};

/** Scopes the portal asks for: who the person or business is, and how to reach them. */
const SCOPES = 'openid profile email phone address citizen_id business';

export type OidcIdentity = {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  /** The ID token's `amr` (RFC 8176): how the provider authenticated the person. */
  authenticationMethods: string[];
  idToken: string;
};

/**
 * The portal as an OpenID Connect relying party (authorization code + PKCE), configured only by
 * issuer, client id and secret: the same code talks to the embedded provider or the national one.
 */
export function createOidcClient(options: OidcClientOptions) {
  const insecure = options.issuer.startsWith('http:');
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(
        new URL(options.issuer),
        options.clientId,
        undefined,
        client.ClientSecretBasic(options.clientSecret),
        // http issuers only outside production (config refuses them there): local development.
        // eslint-disable-next-line @typescript-eslint/no-deprecated
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined; // try again on the next sign-in
        throw error;
      });
    return discovered;
  };

  return {
    issuer: options.issuer,

    /** Where to send the browser, and what to keep until it comes back. */
    async start() {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: options.redirectUri,
        scope: SCOPES,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ui_locales: 'vi',
      });
      return { url: url.href, state, nonce, codeVerifier };
    },

    /** Checks the callback (state, PKCE, nonce, ID token) and fetches the claims. */
    async finish(
      callbackUrl: URL,
      expected: { state: string; nonce: string; codeVerifier: string },
    ): Promise<OidcIdentity> {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) throw new Error('the identity provider sent no ID token');
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      return {
        issuer: idClaims.iss,
        subject: idClaims.sub,
        claims: { ...userInfo },
        authenticationMethods: Array.isArray(idClaims.amr) ? idClaims.amr.map(String) : [],
        idToken: tokens.id_token,
      };
    },

    async logoutUrl(idToken: string) {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: options.postLogoutRedirectUri,
      }).href;
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;
