import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { identityErrors } from './errors.ts';
import * as repository from './repository.ts';

/** A session ends 12 hours after sign-in, or after 30 minutes without a request. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60 * 1000;

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService(db: Kysely<Database>, options: { demoMode: boolean }) {
  async function startSession(accountId: string) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await repository.insertSession(db, {
      id: sessionIdOf(token),
      accountId,
      csrfToken,
      expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_MS),
    });
    return { token, csrfToken };
  }

  return {
    /** Temporary sign-in for demonstrations; the identity issue replaces it with OpenID Connect. */
    async signInAsDemoAccount(accountId: string, ip: string) {
      if (!options.demoMode) throw identityErrors.demoDisabled();
      const account = await repository.findAccount(db, accountId);
      if (!account) throw identityErrors.accountNotFound();
      const session = await startSession(account.id);
      await appendAudit(db, {
        actor: { accountId: account.id, fullName: account.full_name, ip },
        action: 'identity.signed_in',
        details: { method: 'demo' },
      });
      return session;
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
      const now = new Date();
      const session = await repository.findLiveSession(
        db,
        sessionIdOf(token),
        new Date(now.getTime() - SESSION_IDLE_MS),
        now,
      );
      if (!session) return null;
      if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS)
        await repository.touchSession(db, session.id, now);
      const roles = await repository.rolesOf(db, session.account_id);
      return {
        accountId: session.account_id,
        kind: session.kind,
        fullName: session.full_name,
        sessionId: session.id,
        csrfToken: session.csrf_token,
        roles: roles.map((r) => ({ agencyId: r.agency_id, role: r.role })),
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
        email: account.email,
        phone: account.phone,
        address: account.address,
        roles: roles.map((r) => ({
          agencyId: r.agency_id,
          agencyName: r.agency_name,
          role: r.role,
        })),
        csrfToken: actor.csrfToken,
      };
    },

    async signOut(actor: Actor) {
      await repository.deleteSession(db, actor.sessionId);
      await appendAudit(db, { actor, action: 'identity.signed_out' });
    },

    removeExpiredSessions() {
      const now = new Date();
      return repository.deleteExpiredSessions(db, new Date(now.getTime() - SESSION_IDLE_MS), now);
    },
  };
}
