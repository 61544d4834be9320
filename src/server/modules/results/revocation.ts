import { createPrivateKey } from 'node:crypto';
import { arrayBuffer, asn1js, certificateFromDer, OID, pkijs, signingKey, toDer } from './pki.ts';

/**
 * Certificate revocation lists (RFC 5280 section 5): the demo root CA issues one listing the
 * certificates it has revoked, embedded in every result it signs (PAdES B-LT) and read when any
 * result is verified; and the revocation status of a certificate at a given time.
 */

/** How long a CRL is in force: a verifier holding an older one looks for a newer. */
const CRL_LIFETIME_MS = 7 * 24 * 3600 * 1000;
/** CRLReason superseded: a demo certificate is revoked when the agency's own one replaces it. */
const REASON_SUPERSEDED = 4;

export type RevokedCertificate = { serialNumber: string; revokedAt: Date };

/** A serial number's hex as the positive INTEGER's bytes. */
function serialBytes(hex: string): Buffer {
  const even = hex.length % 2 === 1 ? `0${hex}` : hex;
  const bytes = Buffer.from(even, 'hex');
  return (bytes[0] ?? 0) >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

export async function issueCrl(
  authority: { certificateDer: Buffer; privateKeyPem: string },
  revoked: readonly RevokedCertificate[],
  now = new Date(),
): Promise<Buffer> {
  const issuer = certificateFromDer(authority.certificateDer);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: issuer.subject,
    thisUpdate: new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: now }),
    nextUpdate: new pkijs.Time({
      type: pkijs.TimeType.UTCTime,
      value: new Date(now.getTime() + CRL_LIFETIME_MS),
    }),
  });
  if (revoked.length > 0)
    crl.revokedCertificates = revoked.map(
      (entry) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({
            valueHex: arrayBuffer(serialBytes(entry.serialNumber)),
          }),
          revocationDate: new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: entry.revokedAt }),
          crlEntryExtensions: new pkijs.Extensions({
            extensions: [
              new pkijs.Extension({
                extnID: OID.crlReason,
                extnValue: new asn1js.Enumerated({ value: REASON_SUPERSEDED }).toBER(false),
              }),
            ],
          }),
        }),
    );
  await crl.sign(await signingKey(createPrivateKey(authority.privateKeyPem)), 'SHA-256');
  return toDer(crl);
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

/**
 * The certificate's status at `at` by the CRLs given: revoked when a CRL its issuer signed lists
 * it with a revocation date at or before `at`; good when such a CRL in force at `at` or issued later
 * does not list it then (a revocation, once listed, stays listed); unknown without one.
 */
export async function revocationStatus(
  certificate: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crls: readonly pkijs.CertificateRevocationList[],
  at: Date,
): Promise<RevocationStatus> {
  let status: RevocationStatus = 'unknown';
  for (const crl of crls) {
    if (!crl.issuer.isEqual(certificate.issuer)) continue;
    const signedByIssuer = await crl
      .verify({ issuerCertificate: issuer })
      .then(Boolean)
      .catch(() => false);
    if (!signedByIssuer) continue;
    const entry = crl.revokedCertificates?.find((r) =>
      r.userCertificate.isEqual(certificate.serialNumber),
    );
    if (entry && entry.revocationDate.value <= at) return 'revoked';
    if (!crl.nextUpdate || crl.nextUpdate.value >= at) status = 'good';
  }
  return status;
}

export const crlFromDer = (der: Uint8Array) =>
  pkijs.CertificateRevocationList.fromBER(arrayBuffer(der));
