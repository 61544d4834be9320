import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { arrayBuffer, asn1js, certificateFromDer, OID, pkijs, signingKey, toDer } from './pki.ts';

/**
 * CMS SignedData (RFC 5652), detached, in the CAdES baseline form PAdES requires (ETSI EN 319 122):
 * signed attributes content-type, message-digest and signing-certificate-v2, no signing-time (PAdES
 * takes the time from the signature dictionary), and for B-T the signature-time-stamp token as an
 * unsigned attribute. Written and read with pkijs; a signature is checked with Node's crypto over
 * its signed attributes, so that the content, up to a whole PDF, is hashed once.
 */

export const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** An RFC 3161 time-stamp token (DER ContentInfo) over the SHA-256 digest given. */
export type Timestamper = (digest: Buffer) => Promise<Buffer>;

export type CmsSigner = {
  privateKey: KeyObject;
  /** DER, the signer's certificate first, then its issuers. */
  certificates: Buffer[];
};

const attribute = (type: string, value: asn1js.AsnType) =>
  new pkijs.Attribute({ type, values: [value] });

/**
 * The signed attributes every signature here carries; sorted as DER orders a SET OF, since a
 * verifier may re-encode them before checking the signature.
 */
export function signedAttributes(contentType: string, digest: Buffer, certificateDer: Buffer) {
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: arrayBuffer(digest) })),
    // ESSCertIDv2 with the default hash (SHA-256): only the certificate's hash (RFC 5035).
    attribute(
      OID.signingCertificateV2,
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({
                value: [new asn1js.OctetString({ valueHex: arrayBuffer(sha256(certificateDer)) })],
              }),
            ],
          }),
        ],
      }),
    ),
  ];
  return attributes
    .map((a) => ({ a, der: toDer(a) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map(({ a }) => a);
}

/** A SignedData over encapsulated or detached content, signed by the first certificate's key. */
export async function signedData(options: {
  contentType: string;
  /** Encapsulated content (a time-stamp's TSTInfo); absent, the signature is detached. */
  eContent?: Buffer;
  digest: Buffer;
  signer: CmsSigner;
}): Promise<pkijs.SignedData> {
  const [signerCertificate] = options.signer.certificates;
  if (!signerCertificate) throw new Error('no signing certificate');
  const certificate = certificateFromDer(signerCertificate);
  const data = new pkijs.SignedData({
    version: options.contentType === OID.data ? 1 : 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: options.contentType }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: signedAttributes(options.contentType, options.digest, signerCertificate),
        }),
      }),
    ],
    certificates: options.signer.certificates.map(certificateFromDer),
  });
  // Set after construction: pkijs's constructor would cut it into a constructed (BER) string, and
  // a time-stamp token is DER (and pkijs itself reads a TSTInfo only from a primitive one).
  if (options.eContent)
    data.encapContentInfo.eContent = new asn1js.OctetString({
      valueHex: arrayBuffer(options.eContent),
    });
  await data.sign(await signingKey(options.signer.privateKey), 0, 'SHA-256');
  return data;
}

const contentInfo = (data: pkijs.SignedData) =>
  new pkijs.ContentInfo({ contentType: OID.signedData, content: data.toSchema(true) });

/** A detached CAdES signature over `content`; with a timestamper, B-T: its token over the signature. */
export async function signDetached(
  content: Buffer,
  signer: CmsSigner,
  timestamp?: Timestamper,
): Promise<Buffer> {
  const data = await signedData({ contentType: OID.data, digest: sha256(content), signer });
  const signerInfo = data.signerInfos[0];
  if (timestamp && signerInfo) {
    const token = await timestamp(sha256(signerInfo.signature.valueBlock.valueHexView));
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [
        attribute(OID.signatureTimeStampToken, asn1js.fromBER(arrayBuffer(token)).result),
      ],
    });
  }
  return toDer(contentInfo(data));
}

export type CmsCheck = {
  /** The content's digest equals the signed message digest: the content is what was signed. */
  digestMatches: boolean;
  /** The signer's key made the signature over the signed attributes. */
  signatureValid: boolean;
  /** The signed attributes name the signer's certificate (signing-certificate-v2). */
  certificateBound: boolean;
  signerCertificate: pkijs.Certificate | null;
  /** Every certificate the signature carries. */
  certificates: pkijs.Certificate[];
  /** The CRLs the signature carries (RFC 5652 revocationInfoChoices). */
  crls: pkijs.CertificateRevocationList[];
  /** The signature's value, what a signature time-stamp covers. */
  signatureValue: Buffer;
  /** The signature-time-stamp token (ContentInfo DER), if the signature has one. */
  timestampToken: Buffer | null;
};

const attributeValue = (
  attributes: pkijs.SignedAndUnsignedAttributes | undefined,
  type: string,
): asn1js.AsnType | undefined =>
  (
    attributes?.attributes.find((a) => a.type === type)?.values as asn1js.AsnType[] | undefined
  )?.[0];

const firstChild = (node: asn1js.AsnType | undefined) =>
  node instanceof asn1js.Sequence ? node.valueBlock.value[0] : undefined;

/** Signature algorithms checked here with SHA-256: RSA PKCS #1 v1.5 (as either OID) and ECDSA. */
const SIGNATURE_ALGORITHMS = new Set([
  '1.2.840.113549.1.1.1',
  '1.2.840.113549.1.1.11',
  '1.2.840.10045.4.3.2',
]);

/** Whether the certificate's key made the signature over the signed attributes (as a SET). */
function signedByKeyOf(signerInfo: pkijs.SignerInfo, certificate: pkijs.Certificate): boolean {
  if (!signerInfo.signedAttrs) return false;
  if (!SIGNATURE_ALGORITHMS.has(signerInfo.signatureAlgorithm.algorithmId)) return false;
  try {
    const key = createPublicKey({
      key: toDer(certificate.subjectPublicKeyInfo),
      format: 'der',
      type: 'spki',
    });
    // pkijs keeps the attributes' encoding as read, retagged as the SET the signature covers.
    return verify(
      'sha256',
      Buffer.from(signerInfo.signedAttrs.encodedValue),
      key,
      Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    );
  } catch {
    return false;
  }
}

/** Whether a time-stamp token's TSTInfo vouches for these bytes (a SHA-256 imprint of them). */
function imprintCovers(tstInfo: Uint8Array, data: readonly Uint8Array[]): boolean {
  const { messageImprint } = pkijs.TSTInfo.fromBER(arrayBuffer(tstInfo));
  return (
    messageImprint.hashAlgorithm.algorithmId === OID.sha256 &&
    Buffer.from(messageImprint.hashedMessage.valueBlock.valueHexView).equals(sha256(...data))
  );
}

/**
 * Checks a CMS signature: over `data` when detached (the parts in order, so that a PDF's two
 * signed ranges are not copied into one), over its encapsulated content otherwise (a time-stamp
 * token, whose `data` is then what it time-stamps). Malformed input throws.
 */
export function checkSignedData(
  cms: Uint8Array,
  data: Uint8Array | readonly Uint8Array[],
): CmsCheck {
  const parts = data instanceof Uint8Array ? [data] : data;
  const info = pkijs.ContentInfo.fromBER(arrayBuffer(cms));
  if (info.contentType !== OID.signedData) throw new Error('not SignedData');
  const signed = new pkijs.SignedData({ schema: info.content });
  const signerInfo = signed.signerInfos[0];
  if (!signerInfo) throw new Error('no signer');
  if (signerInfo.digestAlgorithm.algorithmId !== OID.sha256)
    throw new Error('unsupported digest algorithm');
  const certificates = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const crls = (signed.crls ?? []).filter(
    (c): c is pkijs.CertificateRevocationList => c instanceof pkijs.CertificateRevocationList,
  );
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber;
  const signerCertificate =
    certificates.find(
      (c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
    ) ?? null;
  const eContent = signed.encapContentInfo.eContent;
  const content = eContent ? [new Uint8Array(eContent.getValue())] : parts;
  const digest = attributeValue(signerInfo.signedAttrs, OID.messageDigest) as
    asn1js.OctetString | undefined;
  const digestMatches =
    digest !== undefined && Buffer.from(digest.valueBlock.valueHexView).equals(sha256(...content));
  const signatureValid =
    signerCertificate !== null &&
    digestMatches &&
    signedByKeyOf(signerInfo, signerCertificate) &&
    (signed.encapContentInfo.eContentType !== OID.tstInfo ||
      imprintCovers(content[0] ?? new Uint8Array(), parts));
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, … }; the first names the signer.
  const essCertIds = attributeValue(signerInfo.signedAttrs, OID.signingCertificateV2);
  const firstId = firstChild(firstChild(essCertIds));
  const certificateHash =
    firstId instanceof asn1js.Sequence
      ? firstId.valueBlock.value.find(
          (n): n is asn1js.OctetString => n instanceof asn1js.OctetString,
        )
      : undefined;
  const token = attributeValue(signerInfo.unsignedAttrs, OID.signatureTimeStampToken);
  return {
    digestMatches,
    signatureValid,
    certificateBound:
      signerCertificate !== null &&
      certificateHash !== undefined &&
      Buffer.from(certificateHash.valueBlock.valueHexView).equals(sha256(toDer(signerCertificate))),
    signerCertificate,
    certificates,
    crls,
    signatureValue: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    timestampToken: token ? Buffer.from(token.toBER(false)) : null,
  };
}
