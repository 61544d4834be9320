import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import { asn1js, arrayBuffer } from './pki.ts';

/**
 * Reading the signatures of a PDF that anyone may upload, as a PDF reader does: the signature
 * fields of the interactive form, each signature dictionary's byte range and contents, and the
 * document security store (DSS) of validation data. Work is bounded whatever the file holds: at
 * most MAX_SIGNATURES signatures are hashed (each costs a pass over the file), and the whole
 * verification runs in a worker with a time budget (pdf-pool.ts).
 */

/** More signatures than a result ever carries: the file is refused, not checked. */
export const MAX_SIGNATURES = 8;
/** More form fields or validation data than any result holds: the file is refused. */
const MAX_FIELDS = 2_000;
const MAX_DSS_ENTRIES = 64;

export class TooManySignaturesError extends Error {}
export class UnreadablePdfError extends Error {}

export type PdfSignature = {
  subFilter: string | null;
  /** The time in the signature dictionary (/M), as the signer's clock gave it. */
  claimedSigningTime: Date | null;
  /** The signature covers the whole file: nothing was added after signing. */
  coversWholeFile: boolean;
  /** The CMS bytes (DER, without the placeholder's padding); null when the range is malformed. */
  cms: Buffer | null;
  /** The bytes the signature covers: the file's two ranges around its contents, not copied. */
  signed: Buffer[];
};

export type PdfSignatures = {
  signatures: PdfSignature[];
  /** Validation data the document carries for long-term verification (PAdES B-LT). */
  dss: { certificates: Buffer[]; crls: Buffer[] };
};

const name = (value: string) => PDFName.of(value);
const BYTE_RANGE = Buffer.from('/ByteRange');

/** How many times `needle` occurs in `haystack`, counting no further than `limit`. */
function occurrences(haystack: Buffer, needle: Buffer, limit: number): number {
  let count = 0;
  for (
    let at = haystack.indexOf(needle);
    at !== -1 && count < limit;
    at = haystack.indexOf(needle, at + 1)
  )
    count++;
  return count;
}

const signedLength = (signature: PdfSignature) =>
  signature.signed.reduce((sum, part) => sum + part.length, 0);

/** Every signature of the PDF, in signing order, with what it covers; and the document's DSS. */
export async function readPdfSignatures(pdf: Buffer): Promise<PdfSignatures> {
  // Parsing is the dearest step (each signature's contents is a long hex string): a file with more
  // byte ranges in plain sight than a result ever has is refused before it.
  if (occurrences(pdf, BYTE_RANGE, MAX_SIGNATURES + 1) > MAX_SIGNATURES)
    throw new TooManySignaturesError();
  try {
    const document = await PDFDocument.load(pdf, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
    const signatures = signatureDictionaries(document)
      .map((dictionary) => signatureOf(dictionary, pdf))
      .sort((a, b) => signedLength(a) - signedLength(b));
    return { signatures, dss: documentSecurityStore(document) };
  } catch (error) {
    if (error instanceof TooManySignaturesError) throw error;
    // pdf-lib throws on structures it cannot read (no catalog, a dictionary where a name was due).
    throw new UnreadablePdfError();
  }
}

/** The signature dictionaries (/V) of the form's signature fields, walking the field tree. */
function signatureDictionaries(document: PDFDocument): PDFDict[] {
  const form = document.catalog.lookupMaybe(name('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(name('Fields'), PDFArray);
  if (!fields) return [];
  const found = new Map<string, PDFDict>();
  const seen = new Set<PDFObject>();
  const stack: PDFObject[] = fields.asArray();
  while (stack.length > 0) {
    if (seen.size > MAX_FIELDS) throw new TooManySignaturesError();
    const entry = stack.pop();
    if (!entry || seen.has(entry)) continue;
    seen.add(entry);
    const field = entry instanceof PDFRef ? document.context.lookup(entry) : entry;
    if (!(field instanceof PDFDict)) continue;
    const kids = field.lookupMaybe(name('Kids'), PDFArray);
    if (kids) stack.push(...kids.asArray());
    if (field.lookupMaybe(name('FT'), PDFName) !== name('Sig')) continue;
    const value = field.get(name('V'));
    const dictionary = value instanceof PDFRef ? document.context.lookup(value) : value;
    if (dictionary instanceof PDFDict)
      found.set(value instanceof PDFRef ? value.toString() : String(found.size), dictionary);
    if (found.size > MAX_SIGNATURES) throw new TooManySignaturesError();
  }
  return [...found.values()];
}

function signatureOf(dictionary: PDFDict, pdf: Buffer): PdfSignature {
  const subFilter = dictionary.lookupMaybe(name('SubFilter'), PDFName)?.decodeText() ?? null;
  const claimed = dictionary.lookupMaybe(name('M'), PDFString, PDFHexString)?.decodeText();
  const range = (dictionary.lookupMaybe(name('ByteRange'), PDFArray)?.asArray() ?? []).map((n) =>
    n instanceof PDFNumber ? n.asNumber() : Number.NaN,
  );
  const base = { subFilter, claimedSigningTime: parsePdfDate(claimed) };
  const [start, firstLength, secondStart, secondLength] = range;
  if (
    range.length !== 4 ||
    !range.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    start !== 0 ||
    firstLength === undefined ||
    secondStart === undefined ||
    secondLength === undefined ||
    secondStart < firstLength ||
    secondStart + secondLength > pdf.length
  )
    return { ...base, coversWholeFile: false, cms: null, signed: [] };
  const signed = [
    pdf.subarray(0, firstLength),
    pdf.subarray(secondStart, secondStart + secondLength),
  ];
  // The gap the range leaves must be exactly the /Contents string, nothing else unsigned.
  const gap = pdf.subarray(firstLength, secondStart).toString('latin1');
  const contentsValue = dictionary.lookup(name('Contents'));
  const contents =
    contentsValue instanceof PDFHexString || contentsValue instanceof PDFString
      ? contentsValue.asBytes()
      : undefined;
  const gapMatches =
    /^<[0-9a-fA-F]*>$/.test(gap) &&
    contents !== undefined &&
    Buffer.from(gap.slice(1, -1), 'hex').equals(Buffer.from(contents));
  return {
    ...base,
    coversWholeFile: secondStart + secondLength === pdf.length,
    cms: gapMatches ? withoutPadding(Buffer.from(contents)) : null,
    signed,
  };
}

/** The placeholder is longer than the signature: the DER value ends where its length says. */
function withoutPadding(contents: Buffer): Buffer | null {
  const parsed = asn1js.fromBER(arrayBuffer(contents));
  return parsed.offset > 0 ? contents.subarray(0, parsed.offset) : null;
}

/** The certificates and CRLs of the catalog's /DSS (ETSI EN 319 142-1, 5.4.2). */
function documentSecurityStore(document: PDFDocument): PdfSignatures['dss'] {
  const dss = document.catalog.lookupMaybe(name('DSS'), PDFDict);
  const streams = (key: string) =>
    (dss?.lookupMaybe(name(key), PDFArray)?.asArray() ?? [])
      .slice(0, MAX_DSS_ENTRIES)
      .map((ref) => (ref instanceof PDFRef ? document.context.lookup(ref) : ref))
      .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
      .flatMap((stream) => {
        try {
          return [Buffer.from(decodePDFRawStream(stream).decode())];
        } catch {
          return [];
        }
      });
  return { certificates: streams('Certs'), crls: streams('CRLs') };
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
