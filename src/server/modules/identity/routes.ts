import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app-instance.ts';
import { commonErrors } from '../../platform/errors.ts';
import type { RateLimitBuckets } from '../../platform/route-rules.ts';
import { SESSION_ABSOLUTE_MS, type IdentityService } from './service.ts';
import { DemoAccounts, DemoSignInBody, Done, MeResponse } from './schemas.ts';

export const SESSION_COOKIE = 'dvc_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Resolves the session cookie into request.actor and enforces the CSRF token on state-changing requests. */
export function registerSessionHook(app: AppInstance, identity: IdentityService) {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.actor = await identity.resolveSession(token, request.ip);
    if (
      request.actor &&
      UNSAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== request.actor.csrfToken
    ) {
      throw commonErrors.csrf();
    }
  });
}

export function identityRoutes(
  app: AppInstance,
  deps: { identity: IdentityService; buckets: RateLimitBuckets; secureCookies: boolean },
) {
  const { identity, buckets } = deps;
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    });

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['identity'],
        summary: 'The signed-in account, or null',
        response: { 200: MeResponse },
      },
    },
    async (request) => ({ account: request.actor ? await identity.describe(request.actor) : null }),
  );

  app.get(
    '/api/v1/auth/demo/accounts',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags: ['identity'],
        summary: 'Demo identities (demo mode only)',
        response: { 200: DemoAccounts },
      },
    },
    () => identity.listDemoAccounts(),
  );

  app.post(
    '/api/v1/auth/demo/sign-in',
    {
      config: { access: 'public', rateLimit: buckets.signIn },
      schema: {
        tags: ['identity'],
        summary: 'Temporary demo sign-in',
        body: DemoSignInBody,
        response: { 200: Done },
      },
    },
    async (request, reply) => {
      const session = await identity.signInAsDemoAccount(request.body.accountId, request.ip);
      setSessionCookie(reply, session.token);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: 'signed_in', rateLimit: buckets.api },
      schema: { tags: ['identity'], summary: 'End this session', response: { 200: Done } },
    },
    async (request, reply) => {
      if (request.actor) await identity.signOut(request.actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
}
