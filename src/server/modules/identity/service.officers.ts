import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, OfficerRole } from '../../db/schema.ts';
import { agenciesAllowed, allowedEverywhere, NATIONAL_ROLES } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { hashPassword } from './credentials.ts';
import { identityErrors } from './errors.ts';
import * as repository from './repository.admin.ts';

// No 0/O, 1/l/I: read aloud or copied from a screen without mistakes.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** 16 random characters in four groups (about 94 bits), to be replaced at first sign-in. */
export const temporaryPassword = () =>
  Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-');

export type OfficerAdministration = ReturnType<typeof createOfficerAdministration>;

/**
 * Agency administrators manage the officers of the agencies they administer; the system
 * administrator manages everyone. Nobody may act on an officer who also holds a role they do not
 * administer (an administrator of a ward cannot take over a provincial leader's account).
 */
export function createOfficerAdministration(db: Kysely<Database>) {
  const isSystemAdmin = (actor: Actor) => allowedEverywhere(actor.roles, 'officer.grant_national');
  const managed = (actor: Actor) => agenciesAllowed(actor.roles, 'officer.manage');

  function checkGrantable(actor: Actor, agencyId: string, role: OfficerRole) {
    if (!isSystemAdmin(actor) && !managed(actor).includes(agencyId))
      throw identityErrors.agencyNotAdministered();
    // National roles reach beyond one agency: only a system administrator hands them out.
    if (NATIONAL_ROLES.includes(role) && !isSystemAdmin(actor))
      throw identityErrors.roleNeedsSystemAdmin();
  }

  /** The officer, if the actor administers every agency the officer holds a role in. */
  async function administeredOfficer(actor: Actor, officerId: string) {
    const officer = await repository.findOfficer(db, officerId);
    if (!officer) throw identityErrors.officerNotFound();
    if (isSystemAdmin(actor)) return officer;
    const mine = new Set(managed(actor));
    const roles = await repository.rolesOfOfficer(db, officerId);
    if (roles.length === 0 || !roles.some((r) => mine.has(r.agency_id)))
      throw identityErrors.officerNotFound.hidden();
    if (!roles.every((r) => mine.has(r.agency_id))) throw identityErrors.officerBeyondScope();
    return officer;
  }

  return {
    async list(actor: Actor) {
      const rows = await repository.listOfficers(db, isSystemAdmin(actor) ? 'all' : managed(actor));
      return rows.map((o) => ({
        id: o.id,
        fullName: o.full_name,
        username: o.username,
        email: o.email,
        disabled: o.disabled_at !== null,
        lockedUntil: o.locked_until && o.locked_until > new Date() ? o.locked_until : null,
        totpEnabled: o.totp_enabled_at !== null,
        roles: o.roles.map((r) => ({
          agencyId: r.agency_id,
          agencyName: r.agency_name,
          role: r.role,
          includeSubAgencies: r.include_sub_agencies,
        })),
      }));
    },

    async create(
      actor: Actor,
      input: {
        fullName: string;
        username: string;
        email?: string | null;
        citizenId?: string | null;
        agencyId: string;
        role: OfficerRole;
        includeSubAgencies: boolean;
      },
    ) {
      checkGrantable(actor, input.agencyId, input.role);
      if (input.citizenId && (await repository.officerWithCitizenId(db, input.citizenId)))
        throw identityErrors.officerCitizenIdTaken();
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const id = await db.transaction().execute(async (tx) => {
        const created = await repository.insertOfficer(tx, {
          fullName: input.fullName.trim(),
          username: input.username.trim().toLowerCase(),
          email: input.email ?? null,
          citizenId: input.citizenId ?? null,
          passwordHash,
        });
        if (!created) throw identityErrors.usernameTaken();
        await repository.grantRole(tx, {
          accountId: created.id,
          agencyId: input.agencyId,
          role: input.role,
          includeSubAgencies: input.includeSubAgencies,
          grantedBy: actor.accountId,
        });
        await appendAudit(tx, {
          actor,
          action: 'identity.officer_created',
          subject: { type: 'account', id: created.id },
          agencyId: input.agencyId,
          details: { username: input.username, role: input.role },
        });
        return created.id;
      });
      return { id, temporaryPassword: password };
    },

    /** A new temporary password; sessions end and the lockout lifts. The TOTP stays unless asked. */
    async resetPassword(actor: Actor, officerId: string, options: { resetTotp: boolean }) {
      const officer = await administeredOfficer(actor, officerId);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (tx) => {
        await repository.resetCredentials(tx, officer.id, passwordHash, options.resetTotp);
        await appendAudit(tx, {
          actor,
          action: 'identity.password_reset',
          subject: { type: 'account', id: officer.id },
          details: { resetTotp: options.resetTotp },
        });
      });
      return { id: officer.id, temporaryPassword: password };
    },

    async grantRole(
      actor: Actor,
      officerId: string,
      grant: { agencyId: string; role: OfficerRole; includeSubAgencies: boolean },
    ) {
      const officer = await administeredOfficer(actor, officerId);
      checkGrantable(actor, grant.agencyId, grant.role);
      await db.transaction().execute(async (tx) => {
        await repository.grantRole(tx, {
          accountId: officer.id,
          ...grant,
          grantedBy: actor.accountId,
        });
        await appendAudit(tx, {
          actor,
          action: 'identity.role_granted',
          subject: { type: 'account', id: officer.id },
          agencyId: grant.agencyId,
          details: { role: grant.role, includeSubAgencies: grant.includeSubAgencies },
        });
      });
    },

    async revokeRole(
      actor: Actor,
      officerId: string,
      grant: { agencyId: string; role: OfficerRole },
    ) {
      const officer = await administeredOfficer(actor, officerId);
      checkGrantable(actor, grant.agencyId, grant.role);
      await db.transaction().execute(async (tx) => {
        if (!(await repository.revokeRole(tx, officer.id, grant.agencyId, grant.role)))
          throw identityErrors.roleNotHeld();
        await appendAudit(tx, {
          actor,
          action: 'identity.role_revoked',
          subject: { type: 'account', id: officer.id },
          agencyId: grant.agencyId,
          details: { role: grant.role },
        });
      });
    },
  };
}
