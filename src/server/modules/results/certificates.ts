import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import forge from 'node-forge';

/**
 * Certificates for signing results: the demo root CA and the per-agency certificates it issues
 * (demo mode only, for a product that runs on its own), and reading an agency's real PKCS#12.
 */
const { pki } = forge;

export type KeyAndCertificate = { privateKeyPem: string; certificatePem: string };

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** RSA keys are made by Node's native code: node-forge's pure-JS generator is far slower. */
function newKeyPair() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' });
  const forgePrivate = pki.privateKeyFromPem(privateKeyPem);
  return {
    privateKeyPem,
    privateKey: forgePrivate,
    publicKey: pki.setRsaPublicKey(forgePrivate.n, forgePrivate.e),
  };
}

/** Distinguished-name fields as UTF8String, so agency names keep their diacritics. */
const name = (fields: Record<string, string>) =>
  Object.entries(fields).map(([shortName, value]) => ({
    shortName,
    value,
    valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
  }));

function newCertificate(publicKey: forge.pki.PublicKey, now: Date, years: number) {
  const certificate = pki.createCertificate();
  certificate.publicKey = publicKey;
  // A positive serial of 128 random bits.
  certificate.serialNumber = `01${randomBytes(16).toString('hex')}`;
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now.getTime() + years * YEAR_MS);
  return certificate;
}

export function createDemoRootCa(now = new Date()): KeyAndCertificate {
  const keys = newKeyPair();
  const certificate = newCertificate(keys.publicKey, now, 20);
  const subject = name({
    C: 'VN',
    O: 'OpenDVC (demo)',
    CN: 'OpenDVC Demo Root CA — chỉ dùng thử nghiệm',
  });
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  return { privateKeyPem: keys.privateKeyPem, certificatePem: pki.certificateToPem(certificate) };
}

/** An end-entity certificate issued by `authority`: an agency's for documents, or a TSA's. */
function issueEndEntity(
  authority: KeyAndCertificate,
  subject: Record<string, string>,
  use: 'document' | 'timestamp',
  now: Date,
  years: number,
): KeyAndCertificate {
  const issuer = pki.certificateFromPem(authority.certificatePem);
  const keys = newKeyPair();
  const certificate = newCertificate(keys.publicKey, now, years);
  certificate.setSubject(name(subject));
  // node-forge reads UTF8String values as raw bytes and would encode them a second time.
  certificate.setIssuer(
    issuer.subject.attributes.map((attribute) =>
      attribute.valueTagClass === (forge.asn1.Type.UTF8 as unknown as forge.asn1.Class) &&
      typeof attribute.value === 'string'
        ? { ...attribute, value: forge.util.decodeUtf8(attribute.value) }
        : attribute,
    ),
  );
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    use === 'document'
      ? { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, critical: true },
    // RFC 3161 2.3: a TSA's certificate has exactly this one extended key usage, critical.
    ...(use === 'timestamp' ? [{ name: 'extKeyUsage', timeStamping: true, critical: true }] : []),
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: issuer.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  certificate.sign(pki.privateKeyFromPem(authority.privateKeyPem), forge.md.sha256.create());
  return { privateKeyPem: keys.privateKeyPem, certificatePem: pki.certificateToPem(certificate) };
}

export function issueAgencyCertificate(
  authority: KeyAndCertificate,
  agency: { name: string; code: string | null; province: string | null },
  now = new Date(),
): KeyAndCertificate {
  const subject = {
    C: 'VN',
    ...(agency.province ? { ST: agency.province } : {}),
    O: agency.name,
    ...(agency.code ? { OU: `Mã định danh ${agency.code}` } : {}),
    CN: agency.name,
  };
  return issueEndEntity(authority, subject, 'document', now, 3);
}

/** The demo time-stamping authority's certificate, valid as long as results must verify. */
export function issueTimestampingCertificate(
  authority: KeyAndCertificate,
  now = new Date(),
): KeyAndCertificate {
  const subject = {
    C: 'VN',
    O: 'OpenDVC (demo)',
    CN: 'OpenDVC Demo Time-Stamping Authority — chỉ dùng thử nghiệm',
  };
  return issueEndEntity(authority, subject, 'timestamp', now, 10);
}

export type Pkcs12Contents = { privateKeyPem: string; certificatePem: string; chainPem: string[] };

/** The key and certificates of a PKCS#12 file (an agency's real signing certificate). */
export function readPkcs12(p12: Buffer, passphrase: string): Pkcs12Contents {
  const parsed = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(p12.toString('binary')),
    false,
    passphrase,
  );
  const bags = (type: string) => parsed.getBags({ bagType: type })[type] ?? [];
  const shrouded = pki.oids.pkcs8ShroudedKeyBag ?? '1.2.840.113549.1.12.10.1.2';
  const plainKey = pki.oids.keyBag ?? '1.2.840.113549.1.12.10.1.1';
  const certBag = pki.oids.certBag ?? '1.2.840.113549.1.12.10.1.3';
  const key = [...bags(shrouded), ...bags(plainKey)][0]?.key;
  if (!key) throw new Error('the PKCS#12 file holds no private key');
  const certificates = bags(certBag)
    .map((bag) => bag.cert)
    .filter((c): c is forge.pki.Certificate => c !== undefined)
    .map((c) => pki.certificateToPem(c));
  const privateKeyPem = pki.privateKeyToPem(key);
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  const publicKey = spki(createPublicKey(createPrivateKey(privateKeyPem)));
  const own = certificates.find((pem) =>
    spki(new X509Certificate(pem).publicKey).equals(publicKey),
  );
  if (!own) throw new Error('the PKCS#12 file holds no certificate for its key');
  return { privateKeyPem, certificatePem: own, chainPem: certificates.filter((c) => c !== own) };
}

/** A PKCS#12 file of a key and its certificates (for tests and for handing a demo key out). */
export function writePkcs12(contents: Pkcs12Contents, passphrase: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    pki.privateKeyFromPem(contents.privateKeyPem),
    [contents.certificatePem, ...contents.chainPem].map((pem) => pki.certificateFromPem(pem)),
    passphrase,
    { algorithm: 'aes256' },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** The PEM blocks of a bundle. */
export function splitPem(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
