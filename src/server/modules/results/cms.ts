import { createHash, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * CMS SignedData (RFC 5652), detached, in the CAdES baseline form PAdES requires (ETSI EN 319 122):
 * signed attributes content-type, message-digest and signing-certificate-v2, no signing-time (PAdES
 * takes the time from the signature dictionary). node-forge's own PKCS#7 writer cannot add the
 * signing-certificate-v2 attribute, so the structure is written here with its ASN.1 helpers, and
 * the key operations are Node's.
 */
const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

const { Class, Type } = asn1;
const seq = (value: Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, value);
const set = (value: Asn1[]) => asn1.create(Class.UNIVERSAL, Type.SET, true, value);
const oid = (id: string) =>
  asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) =>
  asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
const integer = (n: number) =>
  asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nullValue = () => asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
const der = (node: Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const fromDer = (bytes: Buffer) =>
  asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), {
    parseAllBytes: false,
  } as unknown as boolean);
const attribute = (type: string, value: Asn1) => seq([oid(type), set([value])]);
const sha256 = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The issuer and serial number of a certificate, as its own DER holds them. */
function issuerAndSerial(certificateDer: Buffer): Asn1 {
  const tbs = (fromDer(certificateDer).value as Asn1[])[0]?.value as Asn1[];
  // A v3 certificate starts with its explicit [0] version.
  const offset = tbs[0]?.tagClass === Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = tbs[offset];
  const issuer = tbs[offset + 2];
  if (!serial || !issuer) throw new Error('malformed certificate');
  return seq([issuer, serial]);
}

/** SET OF in DER: members sorted by their encodings. */
function derSet(members: Asn1[]) {
  const sorted = members
    .map((member) => ({ member, bytes: der(member) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return sorted.map((m) => m.member);
}

export type CmsSigner = {
  privateKey: KeyObject;
  /** DER, the signer's certificate first, then its issuers. */
  certificates: Buffer[];
};

/** A detached CAdES signature over `content`. */
export function signDetached(content: Buffer, signer: CmsSigner): Buffer {
  const [signerCertificate] = signer.certificates;
  if (!signerCertificate) throw new Error('no signing certificate');
  const signedAttributes = derSet([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(content))),
    // ESSCertIDv2 with the default hash (SHA-256): only the certificate's hash.
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(sha256(signerCertificate))])])])),
  ]);
  const isRsa = signer.privateKey.asymmetricKeyType === 'rsa';
  const signature = sign('sha256', der(set(signedAttributes)), signer.privateKey);
  const sha256Algorithm = seq([oid(OID.sha256), nullValue()]);
  const signerInfo = seq([
    integer(1),
    issuerAndSerial(signerCertificate),
    sha256Algorithm,
    asn1.create(Class.CONTEXT_SPECIFIC, Type.NONE, true, signedAttributes),
    isRsa ? seq([oid(OID.sha256WithRsa), nullValue()]) : seq([oid(OID.ecdsaWithSha256)]),
    octets(signature),
  ]);
  const signedData = seq([
    integer(1),
    set([sha256Algorithm]),
    seq([oid(OID.data)]),
    asn1.create(
      Class.CONTEXT_SPECIFIC,
      Type.NONE,
      true,
      signer.certificates.map((certificate) => fromDer(certificate)),
    ),
    set([signerInfo]),
  ]);
  return der(
    seq([oid(OID.signedData), asn1.create(Class.CONTEXT_SPECIFIC, Type.NONE, true, [signedData])]),
  );
}

export type CmsCheck = {
  /** The content's digest equals the signed message digest: the content is what was signed. */
  digestMatches: boolean;
  /** The signer's key made the signature over the signed attributes. */
  signatureValid: boolean;
  /** The signed attributes name the signer's certificate (signing-certificate-v2). */
  certificateBound: boolean;
  /** The signer's certificate, then the others the signature carries. */
  signerCertificate: X509Certificate | null;
  certificates: X509Certificate[];
};

const children = (node: Asn1 | undefined) => (node?.value ?? []) as Asn1[];
const bytesOf = (node: Asn1 | undefined) =>
  Buffer.from(typeof node?.value === 'string' ? node.value : '', 'binary');
const oidOf = (node: Asn1 | undefined) =>
  typeof node?.value === 'string' ? asn1.derToOid(node.value) : '';

/** Checks a detached CMS signature over `content`; malformed input throws. */
export function checkDetached(cms: Buffer, content: Buffer): CmsCheck {
  const contentInfo = fromDer(cms);
  if (oidOf(children(contentInfo)[0]) !== OID.signedData) throw new Error('not SignedData');
  const signedData = children(children(children(contentInfo)[1])[0]);
  const certificates = signedData
    .filter((node) => node.tagClass === Class.CONTEXT_SPECIFIC && node.type === Type.NONE)
    .flatMap((node) => children(node))
    .map((node) => new X509Certificate(der(node)));
  const signerInfo = children(signedData.at(-1))[0];
  if (!signerInfo) throw new Error('no signer');
  const [, sid, digestAlgorithm, attributesNode, , signatureNode] = children(signerInfo);
  if (oidOf(children(digestAlgorithm)[0]) !== OID.sha256)
    throw new Error('unsupported digest algorithm');
  if (attributesNode?.tagClass !== Class.CONTEXT_SPECIFIC) throw new Error('no signed attributes');
  const attributes = new Map(
    children(attributesNode).map((a) => [oidOf(children(a)[0]), children(children(a)[1])[0]]),
  );
  const sidBytes = sid ? der(sid) : Buffer.alloc(0);
  const signerCertificate =
    certificates.find((c) => der(issuerAndSerial(Buffer.from(c.raw))).equals(sidBytes)) ?? null;
  // The signature covers the attributes encoded as a SET, not as the [0] they are carried in.
  const signedBytes = der(set(children(attributesNode)));
  const signatureValid =
    signerCertificate !== null &&
    verify('sha256', signedBytes, signerCertificate.publicKey, bytesOf(signatureNode));
  const essCertId = children(children(attributes.get(OID.signingCertificateV2))[0])[0];
  const certificateHash = bytesOf(
    children(essCertId).find((n) => n.tagClass === Class.UNIVERSAL && n.type === Type.OCTETSTRING),
  );
  return {
    digestMatches: bytesOf(attributes.get(OID.messageDigest)).equals(sha256(content)),
    signatureValid,
    certificateBound:
      signerCertificate !== null &&
      certificateHash.equals(sha256(Buffer.from(signerCertificate.raw))),
    signerCertificate,
    certificates,
  };
}
