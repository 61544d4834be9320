import { rolesFor } from '../../../domain/access.ts';
import type { Kysely } from 'kysely';
import { passwordProblems } from '../../../domain/password-policy.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import {
  acceptedTotpStep,
  hashPassword,
  newTotpSecret,
  totpUri,
  verifyPassword,
} from './credentials.ts';
import { identityErrors } from './errors.ts';
import * as repository from './repository.officers.ts';
import { hashToken, newToken, type ClientInfo, type IdentityService } from './service.ts';

/** Consecutive failures (wrong password or wrong code) before the account locks, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** Time to finish a sign-in after the password. */
const ATTEMPT_TTL_MS = 5 * 60 * 1000;

export type SignInStep =
  | { status: 'signed_in'; session: { token: string; csrfToken: string } }
  | { status: 'change_password'; attemptToken: string }
  | { status: 'totp'; attemptToken: string }
  | { status: 'enroll_totp'; attemptToken: string; totpSecret: string; totpUri: string };

export type OfficerSignIn = ReturnType<typeof createOfficerSignIn>;

/**
 * Officers' local sign-in: password (argon2id) with lockout, then a forced change of a temporary
 * password, then TOTP (enrolled at the first sign-in where it is required), then the session.
 */
export function createOfficerSignIn(deps: {
  db: Kysely<Database>;
  identity: IdentityService;
  secrets: SecretBox;
  totpForAll: boolean;
}) {
  const { db, identity, secrets } = deps;

  type Officer = NonNullable<Awaited<ReturnType<typeof repository.findOfficerById>>>;

  async function nextStep(officer: Officer, client: ClientInfo): Promise<SignInStep> {
    if (officer.must_change_password) return startAttempt(officer, 'change_password');
    const roles = await repository.directRolesOf(db, officer.id);
    const totpRequired =
      deps.totpForAll || roles.some((role) => rolesFor('signin.second_factor').includes(role));
    if (officer.totp_enabled_at) return startAttempt(officer, 'totp');
    if (totpRequired) return startAttempt(officer, 'enroll_totp');
    return signedIn(officer, client);
  }

  async function signedIn(officer: Officer, client: ClientInfo): Promise<SignInStep> {
    await repository.clearFailures(db, officer.id);
    const session = await identity.startSession(
      { id: officer.id, fullName: officer.full_name },
      'password',
      client,
    );
    return { status: 'signed_in', session };
  }

  async function startAttempt(
    officer: Officer,
    stage: 'change_password' | 'totp' | 'enroll_totp',
  ): Promise<SignInStep> {
    const attemptToken = newToken();
    const candidate = stage === 'enroll_totp' ? newTotpSecret() : null;
    await repository.replaceAttempt(db, {
      id: hashToken(attemptToken),
      accountId: officer.id,
      stage,
      totpCandidate: candidate === null ? null : secrets.seal(candidate),
      expiresAt: new Date(Date.now() + ATTEMPT_TTL_MS),
    });
    if (candidate === null) return { status: stage as 'change_password' | 'totp', attemptToken };
    return {
      status: 'enroll_totp',
      attemptToken,
      totpSecret: candidate,
      totpUri: totpUri(candidate, officer.username ?? officer.full_name),
    };
  }

  async function liveAttempt(attemptToken: string, stages: readonly string[]) {
    const attempt = await repository.findAttempt(db, hashToken(attemptToken), new Date());
    if (!attempt || !stages.includes(attempt.stage)) throw identityErrors.attemptExpired();
    const officer = await repository.findOfficerById(db, attempt.account_id);
    if (!officer || officer.disabled_at) throw identityErrors.attemptExpired();
    return { attempt, officer };
  }

  return {
    async signIn(input: { username: string; password: string }, client: ClientInfo) {
      const username = input.username.trim().toLowerCase();
      const officer = await repository.findOfficerByUsername(db, username);
      const guesses = officer
        ? await repository.claimGuess(db, officer.id, LOCKOUT_THRESHOLD, new Date())
        : undefined;
      if (officer && guesses === undefined) await repository.refuseGuess(db, officer.id);
      // Locked, unknown and wrong cost the same argon2 work and get the same answer: the answer
      // tells no one which user names exist or which accounts a guesser has locked.
      const checked = officer && guesses !== undefined ? officer.password_hash : null;
      const valid = await verifyPassword(checked, input.password);
      if (officer && guesses === undefined) {
        // In a transaction, as a checked wrong guess records its failure: the same cost.
        await db.transaction().execute((tx) =>
          appendAudit(tx, {
            actor: { accountId: officer.id, fullName: officer.full_name, ip: client.ip },
            action: 'identity.sign_in_failed',
            details: { method: 'password', reason: 'locked' },
          }),
        );
        throw identityErrors.invalidCredentials(CREDENTIALS_HINT);
      }
      if (!officer || !valid || officer.disabled_at) {
        await recordWrongPassword(officer, guesses, username, client);
        throw identityErrors.invalidCredentials(CREDENTIALS_HINT);
      }
      await repository.returnGuess(db, officer.id);
      // Failures are cleared only when the whole sign-in succeeds: wrong TOTP codes count too.
      return nextStep(officer, client);
    },

    async changeTemporaryPassword(attemptToken: string, newPassword: string, client: ClientInfo) {
      const { attempt, officer } = await liveAttempt(attemptToken, ['change_password']);
      const problems = passwordProblems(newPassword, {
        username: officer.username,
        fullName: officer.full_name,
      });
      if (problems.length > 0)
        throw identityErrors.weakPassword(
          undefined,
          problems.map((p) => ({ field: '/newPassword', code: p.code, message: p.message })),
        );
      if (await verifyPassword(officer.password_hash, newPassword))
        throw identityErrors.weakPassword(undefined, [
          {
            field: '/newPassword',
            code: 'unchanged',
            message: 'Mật khẩu mới phải khác mật khẩu tạm thời',
          },
        ]);
      const passwordHash = await hashPassword(newPassword);
      await db.transaction().execute(async (tx) => {
        await repository.setPassword(tx, officer.id, passwordHash, false);
        await repository.deleteAttempt(tx, attempt.id);
        await appendAudit(tx, {
          actor: { accountId: officer.id, fullName: officer.full_name, ip: client.ip },
          action: 'identity.password_changed',
          details: { temporary: true },
        });
      });
      return nextStep({ ...officer, must_change_password: false }, client);
    },

    async verifyTotp(attemptToken: string, code: string, client: ClientInfo): Promise<SignInStep> {
      const { attempt, officer } = await liveAttempt(attemptToken, ['totp', 'enroll_totp']);
      const enrolling = attempt.stage === 'enroll_totp';
      const sealed = enrolling ? attempt.totp_candidate : officer.totp_secret;
      const secret = sealed ? secrets.open(sealed) : null;
      const step = secret ? acceptedTotpStep(secret, code.trim()) : null;
      if (officer.locked_until && officer.locked_until > new Date())
        throw identityErrors.accountLocked(lockedMessage(officer.locked_until));
      if (step === null || step <= (officer.totp_last_step ?? 0)) {
        // Counted with wrong passwords: knowing the password buys 5 guesses per lockout, no more.
        if (await recordFailure(officer, client, 'totp')) {
          await repository.deleteAttempt(db, attempt.id);
          throw identityErrors.accountLocked(lockedMessage(new Date(Date.now() + LOCKOUT_MS)));
        }
        throw identityErrors.invalidTotp();
      }
      await db.transaction().execute(async (tx) => {
        await repository.acceptTotp(tx, officer.id, step, enrolling ? sealed : null);
        await repository.deleteAttempt(tx, attempt.id);
        if (enrolling)
          await appendAudit(tx, {
            actor: { accountId: officer.id, fullName: officer.full_name, ip: client.ip },
            action: 'identity.totp_enrolled',
          });
      });
      return signedIn(officer, client);
    },
  };

  /** Audits a wrong password (its guess is already counted); locks the account at the last one. */
  async function recordWrongPassword(
    officer: Officer | undefined,
    guesses: number | undefined,
    username: string,
    client: ClientInfo,
  ) {
    if (!officer || guesses === undefined) {
      await db.transaction().execute((tx) =>
        appendAudit(tx, {
          actor: { anonymous: username.slice(0, 100), ip: client.ip },
          action: 'identity.sign_in_failed',
          details: { method: 'password', reason: 'unknown_user' },
        }),
      );
      return;
    }
    await recordFailure(officer, client, 'password', guesses);
  }

  /**
   * Audits a failed factor; answers whether the account is now locked. `counted`: the failures
   * already counted with this one (a password guess is claimed before it is checked); otherwise it
   * is counted here (a wrong TOTP code).
   */
  async function recordFailure(
    officer: Officer,
    client: ClientInfo,
    reason: 'password' | 'totp',
    counted?: number,
  ) {
    return db.transaction().execute(async (tx) => {
      const failures = counted ?? (await repository.countFailure(tx, officer.id));
      const locks = failures >= LOCKOUT_THRESHOLD;
      if (locks) await repository.lock(tx, officer.id, new Date(Date.now() + LOCKOUT_MS));
      await appendAudit(tx, {
        actor: { accountId: officer.id, fullName: officer.full_name, ip: client.ip },
        action: locks ? 'identity.account_locked' : 'identity.sign_in_failed',
        details: { method: 'password', reason, failures },
      });
      return locks;
    });
  }
}

const CREDENTIALS_HINT = `Sau ${String(LOCKOUT_THRESHOLD)} lần nhập sai liên tiếp, tài khoản tạm khóa ${String(LOCKOUT_MS / 60_000)} phút.`;

const lockedMessage = (until: Date) =>
  `Tài khoản tạm khóa đến ${until.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' })} do đăng nhập sai ${String(LOCKOUT_THRESHOLD)} lần liên tiếp`;
