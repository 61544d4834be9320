import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app-instance.ts';
import { commonErrors } from '../../platform/errors.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import type { MachineClients } from './service.clients.ts';
import { SESSION_ABSOLUTE_MS, type ClientInfo, type IdentityService } from './service.ts';
import {
  ContactBody,
  DemoAccounts,
  DemoSignInBody,
  Done,
  Me,
  MeResponse,
  SessionList,
  SessionParams,
  SignedOut,
  SignedOutEverywhere,
} from './schemas.ts';

export const SESSION_COOKIE = 'dvc_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Resolves the session cookie into request.actor and enforces the CSRF token on state-changing requests. */
export function registerSessionHook(
  app: AppInstance,
  identity: IdentityService,
  clients: MachineClients,
) {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // Other systems: an OAuth 2 bearer token, never a cookie (so no CSRF to check).
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.client = await clients.resolveBearer(authorization.slice('Bearer '.length).trim());
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.actor = await identity.resolveSession(token, request.ip);
    // The API is what the session's cookie may act on; pages outside it (the sandbox bank, which
    // stands for another site) neither use the session nor carry its token.
    if (
      request.actor &&
      request.url.startsWith('/api/') &&
      UNSAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== request.actor.csrfToken
    ) {
      throw commonErrors.csrf();
    }
  });
}

/** Where a request comes from, for the session list and the audit log. */
export const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});

export const setSessionCookie = (reply: FastifyReply, token: string, secure: boolean) =>
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });

export function identityRoutes(
  app: AppInstance,
  deps: {
    identity: IdentityService;
    buckets: RateLimitBuckets;
    secureCookies: boolean;
    /** The identity provider's logout address for a session's ID token, when OIDC is on. */
    logoutUrl?: (idToken: string) => Promise<string | undefined>;
  },
) {
  const { identity, buckets } = deps;

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
        summary: 'Sign in as a demo account (demo mode only)',
        body: DemoSignInBody,
        response: { 200: Done },
      },
    },
    async (request, reply) => {
      const session = await identity.signInAsDemoAccount(request.body.accountId, clientOf(request));
      setSessionCookie(reply, session.token, deps.secureCookies);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/v1/auth/profile',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags: ['identity'],
        summary: 'Correct my contact details (phone, email, address)',
        body: ContactBody,
        response: { 200: Me },
      },
    },
    (request) => identity.updateContact(actorOf(request), request.body),
  );

  app.get(
    '/api/v1/auth/sessions',
    {
      config: { access: 'signed_in', rateLimit: buckets.api },
      schema: {
        tags: ['identity'],
        summary: 'My active sessions',
        response: { 200: SessionList },
      },
    },
    (request) => identity.listSessions(actorOf(request)),
  );

  app.post(
    '/api/v1/auth/sessions/:sessionId/revoke',
    {
      config: { access: 'signed_in', rateLimit: buckets.api },
      schema: {
        tags: ['identity'],
        summary: 'End one of my sessions',
        params: SessionParams,
        response: { 200: Done },
      },
    },
    async (request) => {
      await identity.revokeSession(actorOf(request), request.params.sessionId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: 'signed_in', rateLimit: buckets.api },
      schema: {
        tags: ['identity'],
        summary: 'End this session (and answer the identity provider logout address)',
        response: { 200: SignedOut },
      },
    },
    async (request, reply) => {
      const idToken = await identity.signOut(actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      const logoutUrl = idToken && deps.logoutUrl ? await deps.logoutUrl(idToken) : undefined;
      return { ok: true as const, ...(logoutUrl ? { logoutUrl } : {}) };
    },
  );

  app.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      config: { access: 'signed_in', rateLimit: buckets.api },
      schema: {
        tags: ['identity'],
        summary: 'End all my sessions, on every device',
        response: { 200: SignedOutEverywhere },
      },
    },
    async (request, reply) => {
      const ended = await identity.signOutEverywhere(actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ended };
    },
  );
}
