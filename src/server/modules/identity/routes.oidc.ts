import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import type { RateLimitBuckets } from '../../platform/route-rules.ts';
import { StringEnum } from '../../platform/schema-types.ts';
import { clientOf, setSessionCookie } from './routes.ts';
import type { OidcSignIn } from './service.oidc-sign-in.ts';

const STATE_COOKIE = 'dvc_oidc_state';

const Redirect = Type.Null({ description: 'Redirects the browser (302, Location header)' });

/** The relying party's two browser-facing steps: off to the identity provider, and back. */
export function oidcRoutes(
  app: AppInstance,
  deps: {
    oidcSignIn: OidcSignIn;
    buckets: RateLimitBuckets;
    secureCookies: boolean;
    publicUrl: string;
  },
) {
  const { oidcSignIn, buckets } = deps;

  app.get(
    '/api/v1/auth/oidc/start',
    {
      config: { access: 'public', rateLimit: buckets.signIn },
      schema: {
        tags: ['identity'],
        summary: 'Sign in through the identity provider (authorization code + PKCE)',
        querystring: Type.Object({
          returnTo: Type.Optional(Type.String({ maxLength: 500 })),
          as: Type.Optional(StringEnum(['citizen', 'officer'])),
        }),
        response: { 302: Redirect },
      },
    },
    async (request, reply) => {
      const started = await oidcSignIn.begin(request.query.returnTo, request.query.as);
      // The flow is bound to this browser: only it can complete it (see complete()).
      reply.setCookie(STATE_COOKIE, started.state, {
        path: '/api/v1/auth/oidc',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        maxAge: 10 * 60,
      });
      return reply.redirect(started.url);
    },
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    {
      config: { access: 'public', rateLimit: buckets.signIn },
      schema: {
        tags: ['identity'],
        summary: 'Where the identity provider sends the browser back',
        response: { 302: Redirect },
      },
    },
    async (request, reply) => {
      const callbackUrl = new URL(request.url, deps.publicUrl);
      try {
        const browserState = request.cookies[STATE_COOKIE];
        reply.clearCookie(STATE_COOKIE, { path: '/api/v1/auth/oidc' });
        const { session, returnTo } = await oidcSignIn.complete(
          callbackUrl,
          browserState,
          clientOf(request),
        );
        setSessionCookie(reply, session.token, deps.secureCookies);
        return await reply.redirect(returnTo);
      } catch (error) {
        // A browser is at the other end: back to the sign-in page, which explains in Vietnamese.
        request.log.warn({ err: error }, 'OpenID Connect sign-in failed');
        const code =
          error instanceof Error && 'code' in error && typeof error.code === 'string'
            ? error.code
            : 'OIDC_FAILED';
        return reply.redirect(`/dang-nhap?loi=${encodeURIComponent(code)}`);
      }
    },
  );
}
