import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { checkSignedData } from './cms.ts';
import { pkijs, serialHex } from './pki.ts';
import type { RevocationStatus } from './revocation.ts';
import {
  readPdfSignatures,
  TooManySignaturesError,
  UnreadablePdfError,
  type PdfSignature,
} from './signature-check.ts';
import {
  parseValidationData,
  validateChain,
  validateTimestamp,
  type ValidationContext,
} from './signature-validation.ts';

/** What the verification of one uploaded PDF needs: its bytes, what is trusted, the time now. */
export type VerificationTask = {
  pdf: Uint8Array;
  /** DER certificates of the trusted roots. */
  anchors: Uint8Array[];
  /** DER CRLs this instance's authority issues now, beside those the document carries. */
  crls: Uint8Array[];
  now: number;
};

export type SignatureFinding = {
  intact: boolean;
  coversWholeFile: boolean;
  trusted: boolean;
  subFilter: string | null;
  /** The time the signature claims: shown, never trusted (the signer wrote it). */
  signedAt: Date | null;
  /** The signature time-stamp (PAdES B-T): the time a time-stamping authority vouches for. */
  timestamp: { time: Date; trusted: boolean; authority: string | null } | null;
  /** The certificates' revocation status at the time the signature is judged at. */
  revocation: RevocationStatus;
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
  | { status: 'too_many_signatures' }
  | { status: 'unreadable' };

/**
 * Runs in a worker thread (pdf-pool.ts): CPU work on a file anyone may upload stays off
 * the event loop.
 */
export async function verifySignatures(task: VerificationTask): Promise<VerificationOutcome> {
  const pdf = Buffer.from(task.pdf.buffer, task.pdf.byteOffset, task.pdf.byteLength);
  let read;
  try {
    read = await readPdfSignatures(pdf);
  } catch (error) {
    if (error instanceof TooManySignaturesError) return { status: 'too_many_signatures' };
    if (error instanceof UnreadablePdfError) return { status: 'unreadable' };
    throw error;
  }
  const carried = parseValidationData({
    certificates: read.dss.certificates,
    crls: [...read.dss.crls, ...task.crls],
  });
  const context: ValidationContext = {
    anchors: parseValidationData({ certificates: task.anchors, crls: [] }).certificates,
    ...carried,
    now: new Date(task.now),
  };
  const signatures: SignatureFinding[] = [];
  for (const signature of read.signatures)
    signatures.push(await judgeSignature(signature, context));
  return {
    status: 'checked',
    sha256: createHash('sha256').update(pdf).digest('hex'),
    signatures,
  };
}

async function judgeSignature(
  signature: PdfSignature,
  context: ValidationContext,
): Promise<SignatureFinding> {
  const base = {
    coversWholeFile: signature.coversWholeFile,
    subFilter: signature.subFilter,
    signedAt: signature.claimedSigningTime,
  };
  const check = signature.cms ? checkedOrNull(signature.cms, signature.signed) : null;
  const signer = check?.signerCertificate ?? null;
  const intact = Boolean(
    check && check.digestMatches && check.signatureValid && check.certificateBound,
  );
  if (!check || !signer || !intact)
    return {
      ...base,
      intact,
      trusted: false,
      timestamp: null,
      revocation: 'unknown',
      signer: signer ? certificateNames(signer) : null,
    };
  const withSignature = {
    ...context,
    certificates: [...check.certificates, ...context.certificates],
    crls: [...check.crls, ...context.crls],
  };
  const timestamp = check.timestampToken
    ? await validateTimestamp(check.timestampToken, check.signatureValue, withSignature)
    : null;
  const at = timestamp?.trusted ? timestamp.time : context.now;
  const chain = await validateChain(signer, 'document', withSignature, at);
  return {
    ...base,
    intact,
    trusted: chain.trusted,
    timestamp: timestamp && {
      time: timestamp.time,
      trusted: timestamp.trusted,
      authority: timestamp.authority ? commonName(timestamp.authority.subject) : null,
    },
    revocation: chain.revocation,
    signer: certificateNames(signer),
  };
}

/** The CMS check, or null for a signature whose CMS cannot be read. */
function checkedOrNull(cms: Buffer, signed: readonly Buffer[]) {
  try {
    return checkSignedData(cms, signed);
  } catch {
    return null;
  }
}

/** How many pages pdf-lib reads in the PDF (a draft result an officer uploads). */
export async function pageCount(task: { pdf: Uint8Array }): Promise<number> {
  const document = await PDFDocument.load(task.pdf);
  return document.getPageCount();
}

const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';

function field(name: pkijs.RelativeDistinguishedNames, type: string): string | null {
  const value = name.typesAndValues.find((t) => t.type === type)?.value;
  return value ? value.valueBlock.value : null;
}
const commonName = (name: pkijs.RelativeDistinguishedNames) => field(name, COMMON_NAME);

/** Common name, organisation and issuer of a certificate, as its subject gives them. */
function certificateNames(certificate: pkijs.Certificate) {
  return {
    commonName: commonName(certificate.subject),
    organization: field(certificate.subject, ORGANIZATION),
    issuer: commonName(certificate.issuer),
    serialNumber: serialHex(certificate),
    validTo: certificate.notAfter.value,
  };
}
