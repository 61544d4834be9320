export { createIdentityService, type IdentityService } from './service.ts';
export { createOfficerSignIn } from './service.officer-sign-in.ts';
export { identityRoutes, registerSessionHook, SESSION_COOKIE } from './routes.ts';
export { officerSignInRoutes } from './routes.officer.ts';
export { hashPassword } from './credentials.ts';
export { createOidcClient } from './oidc-client.ts';
export { createOidcSignIn } from './service.oidc-sign-in.ts';
export { oidcRoutes } from './routes.oidc.ts';
export { createIdentityProvider, type RelyingParty } from './idp/provider.ts';
export { registerRelyingParty } from './idp/clients.ts';
export { identityProviderRoutes } from './idp/routes.ts';
export { createOfficerAdministration } from './service.officers.ts';
export { officerAdministrationRoutes } from './routes.officers.ts';
export { createMachineClients, type MachineClients } from './service.clients.ts';
export { machineClientRoutes } from './routes.clients.ts';
export { createAuditTrail } from './service.audit.ts';
export {
  citizenAccountId,
  citizenIdOfAccount,
  findOrCreateApplicant,
  type CounterApplicant,
} from './repository.applicants.ts';
export { contactOfAccount, officerHoldsRole, officersHolding } from './repository.holders.ts';
export { moveOfficerRoles } from './repository.reorganisation.ts';
