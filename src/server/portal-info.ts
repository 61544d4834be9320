import type { Config } from './config.ts';
import { DEMO_OFFICER_PASSWORD } from './db/seed/demo-data.ts';
import type { PortalInfo } from './portal-schema.ts';

/** The portal's facts from its configuration, for its API and the pages' HTML. */
export function portalInfo(config: Config): PortalInfo {
  return {
    name: config.PORTAL_NAME,
    agency: config.PORTAL_AGENCY,
    contact: config.PORTAL_CONTACT,
    demoMode: config.DEMO_MODE,
    ...(config.DEMO_MODE ? { demoOfficerPassword: DEMO_OFFICER_PASSWORD } : {}),
    officersSignInWithOidc: config.OFFICERS_SIGN_IN_WITH_OIDC && config.oidcIssuer !== undefined,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    national: config.INSTANCE_ROLE === 'national',
  };
}
