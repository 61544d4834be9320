import { hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';

// OWASP Password Storage Cheat Sheet: argon2id (the library's default algorithm, which the
// stored PHC string records), 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string) => hash(password.normalize('NFC'), ARGON2_OPTIONS);

/** Verifies against a stored hash; with none (unknown user), spends the same time and fails. */
export async function verifyPassword(storedHash: string | null, password: string) {
  const target = storedHash ?? (await unknownUserHash);
  const valid = await verify(target, password.normalize('NFC'));
  return storedHash !== null && valid;
}
const unknownUserHash = hashPassword('no account has this password, it only spends time');

const TOTP_PERIOD_SECONDS = 30;
const totpOf = (secretBase32: string, label: string) =>
  new TOTP({
    issuer: 'OpenDVC',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (secretBase32: string, label: string) =>
  totpOf(secretBase32, label).toString();

/**
 * The time step of a valid code (one step of clock drift either way), or null. Callers refuse a
 * step at or before the last one accepted, so a code works once.
 */
export function acceptedTotpStep(secretBase32: string, code: string, now = Date.now()) {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secretBase32, '').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
