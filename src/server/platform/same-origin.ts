import type { FastifyInstance, FastifyRequest } from 'fastify';
import { commonErrors } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request that changes something may have come from another site's page: a form posted
 * cross-site (login CSRF on the sign-in forms, before any session or CSRF token exists). Browsers
 * say where a request comes from in `Sec-Fetch-Site`; those that do not, in `Origin` (which our
 * own pages send as "null", their referrer policy being no-referrer). Calls from other systems
 * carry neither.
 */
export function isCrossSiteWrite(request: FastifyRequest, publicOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined || origin === publicOrigin) return false;
  // The address the browser used, when it is not PUBLIC_URL (localhost and 127.0.0.1, say).
  const host = request.headers.host;
  return !(host && (origin === `http://${host}` || origin === `https://${host}`));
}

/** Refuses (403, before anything runs) every write a page of another site sends. */
export function registerSameOriginWrites(app: FastifyInstance, publicUrl: string) {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', (request, _reply, done) => {
    done(isCrossSiteWrite(request, publicOrigin) ? commonErrors.crossSite() : undefined);
  });
}
