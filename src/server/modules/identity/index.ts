export { createIdentityService, type IdentityService } from './service.ts';
export { createOfficerSignIn } from './service.officer-sign-in.ts';
export { identityRoutes, registerSessionHook, SESSION_COOKIE } from './routes.ts';
export { officerSignInRoutes } from './routes.officer.ts';
export { hashPassword } from './credentials.ts';
