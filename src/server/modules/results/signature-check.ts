import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { checkDetached } from './cms.ts';

/**
 * Reading the signatures of a PDF that anyone may upload, with work bounded whatever the file
 * holds: at most MAX_SIGNATURES distinct signed byte ranges are hashed (each costs a pass over the
 * file), and the verification runs in a worker with a time budget (pdf-pool.ts).
 */

/** More distinct signatures than a result ever carries: the file is refused, not checked. */
export const MAX_SIGNATURES = 8;

export class TooManySignaturesError extends Error {}

export type PdfSignatureCheck = {
  subFilter: string | null;
  /** The signed bytes are unchanged and the signer's key signed them. */
  intact: boolean;
  /** The signature covers the whole file: nothing was added after signing. */
  coversWholeFile: boolean;
  /** The time in the signature dictionary (/M), as the signer's clock gave it. */
  claimedSigningTime: Date | null;
  signerCertificate: X509Certificate | null;
  certificates: X509Certificate[];
};

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Every signature of the PDF, checked against the bytes it covers. */
export function inspectPdfSignatures(pdf: Buffer): PdfSignatureCheck[] {
  const text = pdf.toString('latin1');
  const seen = new Set<string>();
  const ranges = [...text.matchAll(BYTE_RANGE)].filter((match) => {
    const key = match.slice(1).join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (ranges.length > MAX_SIGNATURES) throw new TooManySignaturesError();
  return ranges.map((match) => {
    const [start, firstLength, secondStart, secondLength] = match.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const dictionary = text.slice(Math.max(0, match.index - 600), secondStart + 1200);
    const base = {
      subFilter: /\/SubFilter\s*\/([\w.]+)/.exec(dictionary)?.[1] ?? null,
      claimedSigningTime: parsePdfDate(/\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1]),
      coversWholeFile: start === 0 && secondStart + secondLength === pdf.length,
    };
    const contents = text.slice(start + firstLength, secondStart).trim();
    if (
      start !== 0 ||
      secondStart + secondLength > pdf.length ||
      !/^<[0-9a-fA-F]*>$/.test(contents)
    )
      return { ...base, intact: false, signerCertificate: null, certificates: [] };
    const signed = Buffer.concat([
      pdf.subarray(start, start + firstLength),
      pdf.subarray(secondStart, secondStart + secondLength),
    ]);
    try {
      const check = checkDetached(Buffer.from(contents.slice(1, -1), 'hex'), signed);
      return {
        ...base,
        intact: check.digestMatches && check.signatureValid && check.certificateBound,
        signerCertificate: check.signerCertificate,
        certificates: check.certificates,
      };
    } catch {
      return { ...base, intact: false, signerCertificate: null, certificates: [] };
    }
  });
}

/** A PDF date, D:YYYYMMDDHHmmSS with Z or an offset ±HH'mm'. */
export function parsePdfDate(value: string | undefined): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|([+-])(\d{2})'?(\d{2})'?)?/.exec(
    value ?? '',
  );
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [zone, sign, offsetHours, offsetMinutes] = m.slice(7);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset =
    zone && zone !== 'Z'
      ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes))
      : 0;
  return new Date(utc - offset * 60_000);
}

/**
 * Whether `certificate` may sign documents and chains, through the certificates the signature
 * carries, to one of the trust anchors, each link valid at `at` and each issuer a CA allowed to
 * sign certificates (RFC 5280 key usage and basic constraints).
 */
export function chainsToAnchor(
  certificate: X509Certificate,
  carried: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  at: Date,
): boolean {
  if (!mayUse(certificate, 'document')) return false;
  const validAt = (c: X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  let current = certificate;
  for (let depth = 0; depth < 8; depth++) {
    if (!validAt(current)) return false;
    const anchor = anchors.find((a) => current.checkIssued(a) && current.verify(a.publicKey));
    if (anchor) return validAt(anchor) && mayUse(anchor, 'certificates');
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256)) return true;
    const issuer = carried.find(
      (c) =>
        c.fingerprint256 !== current.fingerprint256 &&
        current.checkIssued(c) &&
        current.verify(c.publicKey) &&
        c.ca &&
        mayUse(c, 'certificates'),
    );
    if (!issuer) return false;
    current = issuer;
  }
  return false;
}

type KeyUsage = { digitalSignature?: boolean; nonRepudiation?: boolean; keyCertSign?: boolean };

/** The key usage extension allows signing documents, or certificates; absent, it allows both. */
function mayUse(certificate: X509Certificate, what: 'document' | 'certificates'): boolean {
  let usage: KeyUsage | undefined;
  try {
    const parsed = forge.pki.certificateFromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(certificate.raw).toString('binary'))),
    );
    usage = parsed.getExtension('keyUsage');
  } catch {
    // node-forge reads RSA keys only; such a certificate is judged without its key usage
    return true;
  }
  if (!usage) return true;
  return what === 'document'
    ? Boolean(usage.digitalSignature || usage.nonRepudiation)
    : Boolean(usage.keyCertSign);
}
