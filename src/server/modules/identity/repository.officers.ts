import type { Kysely } from 'kysely';
import type { Database, OfficerRole, SignInAttemptTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

const officerColumns = [
  'id',
  'full_name',
  'username',
  'email',
  'password_hash',
  'must_change_password',
  'totp_secret',
  'totp_enabled_at',
  'totp_last_step',
  'failed_sign_ins',
  'locked_until',
  'disabled_at',
] as const;

export const findOfficerByUsername = (db: Db, username: string) =>
  db
    .selectFrom('account')
    .select(officerColumns)
    .where('kind', '=', 'officer')
    .where('username', '=', username)
    .executeTakeFirst();

export const findOfficerById = (db: Db, id: string) =>
  db
    .selectFrom('account')
    .select(officerColumns)
    .where('kind', '=', 'officer')
    .where('id', '=', id)
    .executeTakeFirst();

export async function directRolesOf(db: Db, accountId: string): Promise<OfficerRole[]> {
  const rows = await db
    .selectFrom('officer_role')
    .select('role')
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.role);
}

/** One more consecutive failure; answers the count. */
export async function countFailure(db: Db, accountId: string) {
  const row = await db
    .updateTable('account')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', accountId)
    .returning('failed_sign_ins')
    .executeTakeFirstOrThrow();
  return row.failed_sign_ins;
}

/**
 * Takes one of the account's password guesses before the password is checked, in one statement:
 * however many guesses arrive at once, at most `threshold` are ever checked before the account
 * locks. Answers how many guesses are now counted, or undefined when none is left (locked).
 */
export async function claimGuess(db: Db, accountId: string, threshold: number, now: Date) {
  const row = await db
    .updateTable('account')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', accountId)
    .where('failed_sign_ins', '<', threshold)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_sign_ins')
    .executeTakeFirst();
  return row?.failed_sign_ins;
}

/**
 * A guess at a locked account writes the account row as a claimed one does (the same counter, kept
 * as it is): the two cost the same, so the time of an answer does not tell a guesser the account
 * is locked.
 */
export async function refuseGuess(db: Db, accountId: string) {
  await db
    .updateTable('account')
    .set((eb) => ({ failed_sign_ins: eb.ref('failed_sign_ins') }))
    .where('id', '=', accountId)
    .execute();
}

/** Gives a claimed guess back: the password was right. */
export async function returnGuess(db: Db, accountId: string) {
  await db
    .updateTable('account')
    .set((eb) => ({
      failed_sign_ins: eb.fn('greatest', [eb('failed_sign_ins', '-', 1), eb.lit(0)]),
    }))
    .where('id', '=', accountId)
    .execute();
}

export async function lock(db: Db, accountId: string, until: Date) {
  await db
    .updateTable('account')
    .set({ locked_until: until, failed_sign_ins: 0 })
    .where('id', '=', accountId)
    .execute();
}

export async function clearFailures(db: Db, accountId: string) {
  await db
    .updateTable('account')
    .set({ failed_sign_ins: 0, locked_until: null })
    .where('id', '=', accountId)
    .execute();
}

export async function setPassword(
  db: Db,
  accountId: string,
  passwordHash: string,
  mustChange: boolean,
) {
  await db
    .updateTable('account')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange,
      password_changed_at: new Date(),
      failed_sign_ins: 0,
      locked_until: null,
    })
    .where('id', '=', accountId)
    .execute();
}

/** Records the accepted time step; on enrolment also stores the (sealed) secret. */
export async function acceptTotp(
  db: Db,
  accountId: string,
  step: number,
  enrolledSecret: string | null,
) {
  await db
    .updateTable('account')
    .set({
      totp_last_step: step,
      ...(enrolledSecret ? { totp_secret: enrolledSecret, totp_enabled_at: new Date() } : {}),
    })
    .where('id', '=', accountId)
    .execute();
}

/** One sign-in in progress per officer: a new one replaces the old. */
export async function replaceAttempt(
  db: Db,
  attempt: {
    id: string;
    accountId: string;
    stage: SignInAttemptTable['stage'];
    totpCandidate: string | null;
    expiresAt: Date;
  },
) {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sign_in_attempt').where('account_id', '=', attempt.accountId).execute();
    await tx
      .insertInto('sign_in_attempt')
      .values({
        id: attempt.id,
        account_id: attempt.accountId,
        stage: attempt.stage,
        totp_candidate: attempt.totpCandidate,
        expires_at: attempt.expiresAt,
      })
      .execute();
  });
}

export const findAttempt = (db: Db, id: string, now: Date) =>
  db
    .selectFrom('sign_in_attempt')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();

export async function deleteAttempt(db: Db, id: string) {
  await db.deleteFrom('sign_in_attempt').where('id', '=', id).execute();
}
