import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { commonErrors } from './errors.ts';
import type { Actor, MachineClient } from './actor.ts';

/** Who may call a route at all; finer, per-resource checks happen in the services. */
/** Who may call a route: anyone, a signed-in person (of a kind), or another system (`client`). */
export type RouteAccess = 'public' | 'signed_in' | 'citizen' | 'officer' | 'client';

/** Rate-limit buckets; each route names one. Requests per minute per client address. */
export function rateLimitBuckets(
  defaultPerMinute: number,
  set: {
    lookup?: number | undefined;
    signIn?: number | undefined;
    upload?: number | undefined;
  } = {},
) {
  return {
    api: { max: defaultPerMinute, timeWindow: '1 minute' },
    signIn: {
      max: set.signIn ?? Math.max(5, Math.floor(defaultPerMinute / 30)),
      timeWindow: '1 minute',
    },
    upload: {
      max: set.upload ?? Math.max(10, Math.floor(defaultPerMinute / 10)),
      timeWindow: '1 minute',
    },
    publicLookup: {
      max: set.lookup ?? Math.max(10, Math.floor(defaultPerMinute / 5)),
      timeWindow: '1 minute',
    },
    /** Other systems: counted per client, at the rate each client was given (known once the
     * bearer token is read, hence counted at preHandler). */
    client: {
      hook: 'preHandler' as const,
      max: (request: FastifyRequest) => request.client?.rateLimitPerMinute ?? 60,
      keyGenerator: (request: FastifyRequest) => request.client?.clientId ?? request.ip,
      timeWindow: '1 minute',
    },
  };
}
export type RateLimitBuckets = ReturnType<typeof rateLimitBuckets>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** For `client` routes: the OAuth scope the access token must carry. */
    scope?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    client: MachineClient | null;
  }
}

/** The guard pipeline's rule: an API route without access, rate limit or response schema does not start. */
export function checkRouteDeclaration(route: RouteOptions): string | undefined {
  if (!route.url.startsWith('/api/')) return undefined;
  const config = route.config as { access?: RouteAccess; rateLimit?: unknown } | undefined;
  if (!config?.access) return `${String(route.method)} ${route.url} declares no access`;
  if (!config.rateLimit)
    return `${String(route.method)} ${route.url} declares no rate-limit bucket`;
  if (!route.schema?.response)
    return `${String(route.method)} ${route.url} declares no response schema`;
  return undefined;
}

export function registerRouteRules(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('client', null);
  app.addHook('onRoute', (route) => {
    const problem = checkRouteDeclaration(route);
    if (problem) throw new Error(problem);
  });
  app.addHook('preHandler', (request, _reply, done) => done(accessRefusal(request)));
}

/** Why the route's access rule refuses this caller, if it does. */
function accessRefusal(request: FastifyRequest) {
  const access = request.routeOptions.config.access;
  if (access === undefined || access === 'public') return undefined;
  if (access === 'client') {
    const client = request.client;
    if (!client) return commonErrors.bearerRequired();
    const scope = request.routeOptions.config.scope;
    if (scope && !client.scopes.includes(scope))
      return commonErrors.insufficientScope(`Cần phạm vi "${scope}"`);
    return undefined;
  }
  const actor = request.actor;
  if (!actor) return commonErrors.unauthenticated();
  if (access === 'citizen' && actor.kind !== 'citizen') return commonErrors.forbidden();
  if (access === 'officer' && actor.kind !== 'officer') return commonErrors.forbidden();
  return undefined;
}

/** The caller of a route whose access rule already refused anonymous requests. */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw commonErrors.unauthenticated();
  return request.actor;
}

/** The calling system of a `client` route. */
export function clientOf(request: { client: MachineClient | null }): MachineClient {
  if (!request.client) throw commonErrors.bearerRequired();
  return request.client;
}
