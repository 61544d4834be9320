import { webcrypto, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * pkijs on Node's WebCrypto: CMS, RFC 3161 time-stamps, CRLs and chain validation are read and
 * written by it; this file holds the few shared pieces.
 */
pkijs.setEngine(
  'node-webcrypto',
  new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as Crypto }),
);

export { asn1js, pkijs };

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  crlReason: '2.5.29.21',
} as const;

/** A view of exactly these bytes, as pkijs and WebCrypto take them. */
export const arrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export const toDer = (value: { toSchema(): asn1js.AsnType }) =>
  Buffer.from(value.toSchema().toBER(false));

export const certificateFromDer = (bytes: Uint8Array) =>
  pkijs.Certificate.fromBER(arrayBuffer(bytes));

/** A Node private key as WebCrypto's CryptoKey for SHA-256 signatures (RSA PKCS#1 v1.5 or ECDSA). */
export function signingKey(privateKey: KeyObject): Promise<CryptoKey> {
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const algorithm =
    privateKey.asymmetricKeyType === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : {
          name: 'ECDSA',
          namedCurve: (privateKey.asymmetricKeyDetails?.namedCurve ?? 'prime256v1')
            .replace('prime256v1', 'P-256')
            .replace('secp384r1', 'P-384')
            .replace('secp521r1', 'P-521'),
        };
  return webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, [
    'sign',
  ]) as Promise<CryptoKey>;
}

const extension = (certificate: pkijs.Certificate, id: string) =>
  certificate.extensions?.find((e) => e.extnID === id);

/**
 * What the key usage extension (RFC 5280 4.2.1.3) allows: signing documents (digitalSignature or
 * nonRepudiation), or certificates and CRLs (keyCertSign). Absent, it allows both.
 */
export function mayUse(certificate: pkijs.Certificate, what: 'document' | 'certificates'): boolean {
  const usage = extension(certificate, OID.keyUsage)?.parsedValue as asn1js.BitString | undefined;
  if (!usage) return true;
  const bits = new Uint8Array(usage.valueBlock.valueHexView);
  const bit = (n: number) => ((bits[Math.floor(n / 8)] ?? 0) & (0x80 >> (n % 8))) !== 0;
  return what === 'document' ? bit(0) || bit(1) : bit(5);
}

/** Whether the certificate is a time-stamping authority's (extended key usage id-kp-timeStamping). */
export function isTimeStampingCertificate(certificate: pkijs.Certificate): boolean {
  const usage = extension(certificate, OID.extendedKeyUsage)?.parsedValue as
    pkijs.ExtKeyUsage | undefined;
  return usage?.keyPurposes.includes(OID.timeStamping) ?? false;
}

/** The serial number as uppercase hex without leading zeros, as Node's X509Certificate gives it. */
export const serialHex = (certificate: pkijs.Certificate) =>
  Buffer.from(certificate.serialNumber.valueBlock.valueHexView)
    .toString('hex')
    .replace(/^(00)+(?=.)/, '')
    .toUpperCase();
