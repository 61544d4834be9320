import type { AccountKind, OfficerRole } from '../db/schema.ts';

export type AgencyRole = { agencyId: string; role: OfficerRole };

/** Who is calling: resolved from the session cookie before any handler runs. */
export type Actor = {
  accountId: string;
  kind: AccountKind;
  fullName: string;
  /** A citizen's CCCD, read with the session (null for officers and accounts without one). */
  citizenId: string | null;
  sessionId: string;
  csrfToken: string;
  roles: AgencyRole[];
  /** The client address of the current request, for the audit log. */
  ip: string;
};

/** Another system calling with an OAuth 2 access token (client credentials). */
export type MachineClient = {
  clientId: string;
  name: string;
  scopes: string[];
  /** The agencies whose data the client may read. */
  agencyIds: string[];
  rateLimitPerMinute: number;
};
