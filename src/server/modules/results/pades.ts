import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';
import { embedFonts } from '../../platform/pdf.ts';
import { signDetached, type CmsSigner, type Timestamper } from './cms.ts';

/**
 * PAdES signatures on result documents: a visible signature block on the last page, the signature
 * dictionary with sub-filter ETSI.CAdES.detached, the CAdES signature over every byte but its own
 * placeholder. With a timestamper the signature carries an RFC 3161 signature time-stamp (B-T);
 * with validation data (the chain's certificates and CRLs) the document carries them in its DSS
 * (B-LT), inside the signed revision, so the result still verifies once the certificate has
 * expired. Readers (Acrobat, Foxit, poppler's pdfsig) verify it as is.
 */

const MM = 72 / 25.4;
/** Where the signature block sits: the bottom-right corner of the last page, above the margin. */
const BLOCK = { width: 96 * MM, height: 26 * MM, margin: 12 * MM };

class CadesSigner extends Signer {
  private readonly signer: CmsSigner;
  private readonly timestamp: Timestamper | undefined;
  constructor(signer: CmsSigner, timestamp?: Timestamper) {
    super();
    this.signer = signer;
    this.timestamp = timestamp;
  }
  override sign(pdf: Buffer): Promise<Buffer> {
    return signDetached(pdf, this.signer, this.timestamp);
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

export type LongTermOptions = {
  /** RFC 3161 time-stamps over the signature (B-T). */
  timestamp?: Timestamper;
  /** DER CRLs for the chain, put in the document's DSS (B-LT). */
  crls?: Buffer[];
};

/** A signature field's placeholder, in bytes: room for the chain, a time-stamp token and its chain. */
const SIGNATURE_ROOM = 24_576;

export async function signPdf(
  draft: Uint8Array,
  signer: CmsSigner,
  appearance: SignatureAppearance,
  longTerm: LongTermOptions = {},
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
    signatureLength: SIGNATURE_ROOM,
  });
  if (longTerm.crls?.length) addValidationData(doc, signer.certificates, longTerm.crls);
  // The placeholder must stay findable as plain bytes: no object streams.
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(
    prepared,
    new CadesSigner(signer, longTerm.timestamp),
    appearance.signedAt,
  );
}

/** The document security store (ETSI EN 319 142-1, 5.4.2): the chain's certificates and CRLs. */
function addValidationData(doc: PDFDocument, certificates: Buffer[], crls: Buffer[]) {
  const streams = (items: Buffer[]) =>
    items.map((item) => doc.context.register(doc.context.flateStream(item)));
  const dss = doc.context.obj({});
  dss.set(PDFName.of('Certs'), doc.context.obj(streams(certificates)));
  dss.set(PDFName.of('CRLs'), doc.context.obj(streams(crls)));
  doc.catalog.set(PDFName.of('DSS'), doc.context.register(dss));
}
