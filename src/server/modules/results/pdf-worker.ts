import { createHash, X509Certificate } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { chainsToAnchor, inspectPdfSignatures, TooManySignaturesError } from './signature-check.ts';

/** What the verification of one uploaded PDF needs: its bytes, the trusted roots, the time now. */
export type VerificationTask = { pdf: Uint8Array; anchorsPem: string[]; now: number };

export type SignatureFinding = {
  intact: boolean;
  coversWholeFile: boolean;
  trusted: boolean;
  subFilter: string | null;
  /** The time the signature claims: shown, never trusted (the signer wrote it). */
  signedAt: Date | null;
  signer: {
    commonName: string | null;
    organization: string | null;
    issuer: string | null;
    serialNumber: string;
    validTo: Date;
  } | null;
};

export type VerificationOutcome =
  | { status: 'checked'; signatures: SignatureFinding[]; sha256: string }
  | { status: 'too_many_signatures' };

/**
 * Runs in a worker thread (pdf-pool.ts): CPU work on a file anyone may upload stays off
 * the event loop. The certificates are judged valid or not at the time of verification: the
 * signing time a PDF states is written by whoever signed it, so a backdated signature gains nothing.
 */
export function verifySignatures(task: VerificationTask): VerificationOutcome {
  const anchors = task.anchorsPem.map((pem) => new X509Certificate(pem));
  const at = new Date(task.now);
  const pdf = Buffer.from(task.pdf.buffer, task.pdf.byteOffset, task.pdf.byteLength);
  let checks;
  try {
    checks = inspectPdfSignatures(pdf);
  } catch (error) {
    if (error instanceof TooManySignaturesError) return { status: 'too_many_signatures' };
    throw error;
  }
  return {
    status: 'checked',
    sha256: createHash('sha256').update(pdf).digest('hex'),
    signatures: checks.map((check) => {
      const signer = check.signerCertificate;
      return {
        intact: check.intact,
        coversWholeFile: check.coversWholeFile,
        trusted:
          signer !== null &&
          check.intact &&
          chainsToAnchor(signer, check.certificates, anchors, at),
        subFilter: check.subFilter,
        signedAt: check.claimedSigningTime,
        signer: signer ? certificateNames(signer) : null,
      };
    }),
  };
}

/** How many pages pdf-lib reads in the PDF (a draft result an officer uploads). */
export async function pageCount(task: { pdf: Uint8Array }): Promise<number> {
  const document = await PDFDocument.load(task.pdf);
  return document.getPageCount();
}

/** Common name, organisation and issuer of a certificate, as its subject gives them. */
function certificateNames(certificate: X509Certificate) {
  const field = (dn: string, key: string) =>
    dn
      .split('\n')
      .find((line) => line.startsWith(`${key}=`))
      ?.slice(key.length + 1) ?? null;
  return {
    commonName: field(certificate.subject, 'CN'),
    organization: field(certificate.subject, 'O'),
    issuer: field(certificate.issuer, 'CN'),
    serialNumber: certificate.serialNumber,
    validTo: new Date(certificate.validTo),
  };
}
