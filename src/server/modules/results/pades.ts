import { X509Certificate } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument, rgb } from 'pdf-lib';
import { embedFonts } from '../../platform/pdf.ts';
import { checkDetached, signDetached, type CmsSigner } from './cms.ts';

/**
 * PAdES baseline B signatures on result documents: a visible signature block on the last page,
 * the signature dictionary with sub-filter ETSI.CAdES.detached, the CAdES signature over every
 * byte but its own placeholder. Readers (Acrobat, Foxit, poppler's pdfsig) verify it as is.
 */

const MM = 72 / 25.4;
/** Where the signature block sits: the bottom-right corner of the last page, above the margin. */
const BLOCK = { width: 96 * MM, height: 26 * MM, margin: 12 * MM };

class CadesSigner extends Signer {
  private readonly signer: CmsSigner;
  constructor(signer: CmsSigner) {
    super();
    this.signer = signer;
  }
  override sign(pdf: Buffer): Promise<Buffer> {
    return Promise.resolve(signDetached(pdf, this.signer));
  }
}

/** The signature dictionary holds PDF strings in PDFDocEncoding: its texts go without diacritics. */
const plain = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

export type SignatureAppearance = {
  /** The lines of the visible block ("Ký bởi: …", "Thời gian ký: …"). */
  lines: string[];
  /** A QR code (PNG) at the block's left, leading to the verification page. */
  qrPng?: Uint8Array;
  signerName: string;
  reason: string;
  location: string;
  signedAt: Date;
};

export async function signPdf(
  draft: Uint8Array,
  signer: CmsSigner,
  appearance: SignatureAppearance,
): Promise<Buffer> {
  const doc = await PDFDocument.load(draft);
  const { regular, bold } = await embedFonts(doc);
  const page = doc.getPages().at(-1);
  if (!page) throw new Error('a PDF without pages cannot be signed');
  const { width } = page.getSize();
  const x = width - BLOCK.margin - BLOCK.width;
  const y = BLOCK.margin;
  page.drawRectangle({
    x,
    y,
    width: BLOCK.width,
    height: BLOCK.height,
    borderColor: rgb(0.75, 0.1, 0.1),
    borderWidth: 1,
  });
  const qrSide = appearance.qrPng ? BLOCK.height - 4 * MM : 0;
  if (appearance.qrPng) {
    const qr = await doc.embedPng(appearance.qrPng);
    page.drawImage(qr, { x: x + 2 * MM, y: y + 2 * MM, width: qrSide, height: qrSide });
  }
  const textX = x + 2 * MM + (qrSide ? qrSide + 2 * MM : 0);
  appearance.lines.forEach((line, i) => {
    page.drawText(line, {
      x: textX,
      y: y + BLOCK.height - (i + 1) * 4.6 * MM,
      size: 7.5,
      font: i === 0 ? bold : regular,
      color: rgb(0.75, 0.1, 0.1),
      maxWidth: x + BLOCK.width - 2 * MM - textX,
    });
  });
  pdflibAddPlaceholder({
    pdfPage: page,
    reason: plain(appearance.reason),
    contactInfo: '',
    name: plain(appearance.signerName),
    location: plain(appearance.location),
    signingTime: appearance.signedAt,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [x, y, x + BLOCK.width, y + BLOCK.height],
    appName: 'OpenDVC',
  });
  // The placeholder must stay findable as plain bytes: no object streams.
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new CadesSigner(signer), appearance.signedAt);
}

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
  return [...text.matchAll(BYTE_RANGE)].map((match) => {
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
 * Whether `certificate` chains, through the certificates the signature carries, to one of the
 * trust anchors, each link valid at `at`.
 */
export function chainsToAnchor(
  certificate: X509Certificate,
  carried: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  at: Date,
): boolean {
  const validAt = (c: X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  let current = certificate;
  for (let depth = 0; depth < 8; depth++) {
    if (!validAt(current)) return false;
    const anchor = anchors.find((a) => current.checkIssued(a) && current.verify(a.publicKey));
    if (anchor) return validAt(anchor);
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256)) return true;
    const issuer = carried.find(
      (c) =>
        c.fingerprint256 !== current.fingerprint256 &&
        current.checkIssued(c) &&
        current.verify(c.publicKey) &&
        c.ca,
    );
    if (!issuer) return false;
    current = issuer;
  }
  return false;
}
