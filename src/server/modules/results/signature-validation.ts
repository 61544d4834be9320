import { checkSignedData } from './cms.ts';
import {
  arrayBuffer,
  certificateFromDer,
  isTimeStampingCertificate,
  mayUse,
  OID,
  pkijs,
} from './pki.ts';
import { crlFromDer, revocationStatus, type RevocationStatus } from './revocation.ts';
import { tstInfoOf } from './timestamping.ts';

/**
 * Whether a signature's certificate was trusted when it signed (PAdES validation, simplified to
 * what a result needs): the time is the signature time-stamp's when a trusted authority made one
 * (B-T), otherwise now, since the time in the signature dictionary is written by the signer; the
 * chain is built and checked by pkijs at that time; key usage is checked on every link; the
 * revocation status of every link comes from the CRLs the document carries (B-LT) and the ones
 * this instance's authority issues now.
 */

export type ValidationContext = {
  anchors: pkijs.Certificate[];
  /** Certificates and CRLs from anywhere: the signature, the document's DSS, this instance. */
  certificates: pkijs.Certificate[];
  crls: pkijs.CertificateRevocationList[];
  now: Date;
};

const sameCertificate = (a: pkijs.Certificate, b: pkijs.Certificate) =>
  Buffer.from(a.signatureValue.valueBlock.valueHexView).equals(
    Buffer.from(b.signatureValue.valueBlock.valueHexView),
  ) && Buffer.from(a.tbsView).equals(Buffer.from(b.tbsView));

const isAuthority = (certificate: pkijs.Certificate) =>
  certificate.extensions?.some(
    (e) => e.extnID === OID.basicConstraints && (e.parsedValue as pkijs.BasicConstraints).cA,
  ) ?? false;

function distinct(certificates: pkijs.Certificate[]) {
  return certificates.filter(
    (c, i) => certificates.findIndex((other) => sameCertificate(c, other)) === i,
  );
}

export type ChainVerdict = { trusted: boolean; revocation: RevocationStatus };

/** The chain of `certificate` to an anchor at `at`, each link allowed its use and not revoked. */
export async function validateChain(
  certificate: pkijs.Certificate,
  use: 'document' | 'timestamp',
  context: ValidationContext,
  at: Date,
): Promise<ChainVerdict> {
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: context.anchors,
    // pkijs validates the one certificate no other was issued by, and finds no path when one is
    // offered twice: the certificate, then the distinct authorities that may have issued it.
    certs: [
      certificate,
      ...distinct(context.certificates).filter(
        (c) =>
          isAuthority(c) &&
          !sameCertificate(c, certificate) &&
          !context.anchors.some((anchor) => sameCertificate(anchor, c)),
      ),
    ],
    checkDate: at,
  });
  const result = await engine.verify().catch(() => null);
  const path = result?.result ? (result.certificatePath ?? []) : [];
  const [leaf, ...issuers] = path;
  if (!leaf || issuers.length === 0) return { trusted: false, revocation: 'unknown' };
  const leafAllowed =
    use === 'document'
      ? mayUse(leaf, 'document')
      : mayUse(leaf, 'document') && isTimeStampingCertificate(leaf);
  if (!leafAllowed || !issuers.every((issuer) => mayUse(issuer, 'certificates')))
    return { trusted: false, revocation: 'unknown' };
  // Every link but the anchor: any revoked link breaks the chain, any unknown one is reported.
  let revocation: RevocationStatus = 'good';
  for (let i = 0; i < path.length - 1; i++) {
    const [subject, issuer] = [path[i], path[i + 1]] as [pkijs.Certificate, pkijs.Certificate];
    const status = await revocationStatus(subject, issuer, context.crls, at);
    if (status === 'revoked') return { trusted: false, revocation: 'revoked' };
    if (status === 'unknown') revocation = 'unknown';
  }
  return { trusted: true, revocation };
}

export type TimestampVerdict = {
  /** The time the authority vouches for. */
  time: Date;
  /** The token is intact, covers this signature, and its authority is trusted at that time. */
  trusted: boolean;
  authority: pkijs.Certificate | null;
};

/** The signature time-stamp token over `signatureValue`, checked; null when it cannot be read. */
export async function validateTimestamp(
  token: Buffer,
  signatureValue: Buffer,
  context: ValidationContext,
): Promise<TimestampVerdict | null> {
  let time: Date;
  let check;
  try {
    time = tstInfoOf(pkijs.ContentInfo.fromBER(arrayBuffer(token))).genTime;
    // The check covers the token's imprint of the signature value too.
    check = checkSignedData(token, signatureValue);
  } catch {
    return null;
  }
  const authority = check.signerCertificate;
  if (!authority || !check.digestMatches || !check.signatureValid)
    return { time, trusted: false, authority };
  const chain = await validateChain(
    authority,
    'timestamp',
    { ...context, certificates: [...check.certificates, ...context.certificates] },
    time,
  );
  return { time, trusted: chain.trusted, authority };
}

/** Parses DER certificates and CRLs, leaving out what cannot be read. */
export function parseValidationData(data: { certificates: Uint8Array[]; crls: Uint8Array[] }) {
  const parse =
    <T>(read: (der: Uint8Array) => T) =>
    (der: Uint8Array) => {
      try {
        return [read(der)];
      } catch {
        return [];
      }
    };
  return {
    certificates: data.certificates.flatMap(parse(certificateFromDer)),
    crls: data.crls.flatMap(parse(crlFromDer)),
  };
}
