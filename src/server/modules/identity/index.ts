export { createIdentityService, type IdentityService } from './service.ts';
export { identityRoutes, registerSessionHook, SESSION_COOKIE } from './routes.ts';
