import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, SignInMethod } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { batched } from '../../platform/batching.ts';
import { identityErrors } from './errors.ts';
import * as repository from './repository.ts';

/** A session ends 12 hours after sign-in, or after 30 minutes without a request. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Sessions are stored under the SHA-256 of their token: a leaked table gives no usable session. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** Where a request comes from, as the audit log and the session list show it. */
export type ClientInfo = { ip: string; userAgent: string | null };

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService(db: Kysely<Database>, options: { demoMode: boolean }) {
  const idleSince = (now: Date) => new Date(now.getTime() - SESSION_IDLE_MS);
  /** Sessions of requests arriving while one is read are read together, by one statement. */
  const liveSessionTogether = batched((sessionIds: string[]) => {
    const now = new Date();
    return repository.findLiveSessions(db, sessionIds, idleSince(now), now);
  });

  return {
    /** Opens a session for an account whose identity has been proven, and audits the sign-in. */
    async startSession(
      account: { id: string; fullName: string },
      method: SignInMethod,
      client: ClientInfo,
      idToken: string | null = null,
    ) {
      const token = newToken();
      const csrfToken = randomBytes(24).toString('base64url');
      await db.transaction().execute(async (tx) => {
        await repository.insertSession(tx, {
          id: hashToken(token),
          accountId: account.id,
          csrfToken,
          expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_MS),
          method,
          ip: client.ip,
          userAgent: client.userAgent,
          idToken,
        });
        await appendAudit(tx, {
          actor: { accountId: account.id, fullName: account.fullName, ip: client.ip },
          action: 'identity.signed_in',
          details: { method },
        });
      });
      return { token, csrfToken };
    },

    /** Demonstration sign-in as any seeded account; refused unless DEMO_MODE. */
    async signInAsDemoAccount(accountId: string, client: ClientInfo) {
      if (!options.demoMode) throw identityErrors.demoDisabled();
      const account = await repository.findAccount(db, accountId);
      if (!account) throw identityErrors.accountNotFound();
      return this.startSession({ id: account.id, fullName: account.full_name }, 'demo', client);
    },

    async listDemoAccounts() {
      if (!options.demoMode) throw identityErrors.demoDisabled();
      const accounts = await repository.listAccounts(db);
      return Promise.all(
        accounts.map(async (account) => ({
          id: account.id,
          kind: account.kind,
          fullName: account.full_name,
          roles: (await repository.rolesOf(db, account.id)).map((r) => ({
            agencyName: r.agency_name,
            role: r.role,
          })),
        })),
      );
    },

    async resolveSession(token: string, ip: string): Promise<Actor | null> {
      const session = await liveSessionTogether(hashToken(token));
      if (!session) return null;
      const now = new Date();
      if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS)
        await repository.touchSession(db, session.id, now);
      return {
        accountId: session.account_id,
        kind: session.kind,
        fullName: session.full_name,
        citizenId: session.citizen_id,
        sessionId: session.id,
        csrfToken: session.csrf_token,
        roles: session.roles.map((r) => ({ agencyId: r.agency_id, role: r.role })),
        ip,
      };
    },

    async describe(actor: Actor) {
      const account = await repository.findAccount(db, actor.accountId);
      if (!account) throw identityErrors.accountNotFound();
      const roles = await repository.rolesOf(db, actor.accountId);
      return {
        id: account.id,
        kind: account.kind,
        fullName: account.full_name,
        citizenId: account.citizen_id,
        birthDate: account.birth_date,
        sex: account.sex,
        email: account.email,
        phone: account.phone,
        address: account.address,
        taxCode: account.tax_code,
        roles: roles.map((r) => ({
          agencyId: r.agency_id,
          agencyName: r.agency_name,
          role: r.role,
          includeSubAgencies: r.include_sub_agencies,
        })),
        csrfToken: actor.csrfToken,
      };
    },

    /** Contact details are the citizen's to correct; identity facts come from the provider. */
    async updateContact(
      actor: Actor,
      contact: { phone: string | null; email: string | null; address: string | null },
    ) {
      if (actor.kind !== 'citizen') throw identityErrors.profileCitizensOnly();
      await db.transaction().execute(async (tx) => {
        await repository.updateContact(tx, actor.accountId, contact);
        await appendAudit(tx, {
          actor,
          action: 'identity.profile_updated',
          details: { fields: Object.keys(contact) },
        });
      });
      return this.describe(actor);
    },

    async listSessions(actor: Actor) {
      const now = new Date();
      const sessions = await repository.listLiveSessions(db, actor.accountId, idleSince(now), now);
      return sessions.map((s) => ({
        id: s.id,
        current: s.id === actor.sessionId,
        method: s.method,
        ip: s.ip,
        userAgent: s.user_agent,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        expiresAt: s.expires_at,
      }));
    },

    async revokeSession(actor: Actor, sessionId: string) {
      const outcome = await repository.deleteSessionOf(db, actor.accountId, sessionId);
      if (outcome === 'hidden') throw identityErrors.sessionNotFound.hidden();
      if (outcome === 'none') throw identityErrors.sessionNotFound();
      await appendAudit(db, {
        actor,
        action: 'identity.session_revoked',
        details: { session: sessionId.slice(0, 12) },
      });
    },

    /** Ends this session; answers the ID token, for the identity provider's logout. */
    async signOut(actor: Actor) {
      const idToken = await repository.sessionIdToken(db, actor.sessionId);
      await repository.deleteSession(db, actor.sessionId);
      await appendAudit(db, { actor, action: 'identity.signed_out' });
      return idToken;
    },

    async signOutEverywhere(actor: Actor) {
      const ended = await repository.deleteSessionsOf(db, actor.accountId);
      await appendAudit(db, {
        actor,
        action: 'identity.signed_out',
        details: { everywhere: true, sessions: ended },
      });
      return ended;
    },

    removeExpiredSessions() {
      const now = new Date();
      return repository.deleteExpiredSessions(db, idleSince(now), now);
    },
  };
}
