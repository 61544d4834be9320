import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdfsigReport, pdfText } from '../../../../test/helpers/pdf-text.ts';
import { createPdf } from '../../platform/pdf.ts';
import {
  createDemoRootCa,
  issueAgencyCertificate,
  issueTimestampingCertificate,
  readPkcs12,
  writePkcs12,
  type KeyAndCertificate,
} from './certificates.ts';
import { signPdf, type LongTermOptions } from './pades.ts';
import { issueCrl } from './revocation.ts';
import { createTimestampAuthority, localTimestamper } from './timestamping.ts';
import { verifySignatures } from './pdf-worker.ts';
import { parsePdfDate, readPdfSignatures } from './signature-check.ts';

const root = createDemoRootCa();
const agency = issueAgencyCertificate(root, {
  name: 'Ủy ban nhân dân phường Sài Gòn',
  code: '000.00.31.H29',
  province: 'Thành phố Hồ Chí Minh',
});
const der = (pem: string) => Buffer.from(new X509Certificate(pem).raw);
const signer = {
  privateKey: createPrivateKey(agency.privateKeyPem),
  certificates: [der(agency.certificatePem), der(root.certificatePem)],
};
/** The verification of the first signature, as the worker makes it, trusting `roots`. */
async function verify(pdf: Buffer, roots: KeyAndCertificate[], now = new Date()) {
  const outcome = await verifySignatures({
    pdf,
    anchors: roots.map((r) => der(r.certificatePem)),
    crls: [],
    now: now.getTime(),
  });
  if (outcome.status !== 'checked') throw new Error(outcome.status);
  return outcome.signatures[0];
}

// PDF dates have whole seconds.
const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);

async function draft() {
  const pdf = await createPdf('A4', { title: 'Giấy chứng nhận', author: 'UBND phường Sài Gòn' });
  pdf.text('GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH', { bold: true, align: 'center', size: 13 });
  pdf.text('Cấp cho ông Nguyễn Văn An.');
  return pdf.save();
}

const appearance = {
  lines: [
    'Ký bởi: Ủy ban nhân dân phường Sài Gòn',
    'Người ký: Trần Thị Lan',
    'Thời gian ký: 23/11/2026 10:15:00',
  ],
  signerName: 'Trần Thị Lan',
  reason: 'Phê duyệt kết quả giải quyết thủ tục hành chính',
  location: 'Phường Sài Gòn',
  signedAt,
};

async function signed() {
  return signPdf(await draft(), signer, appearance);
}

describe('PAdES signatures on results', () => {
  it('signs so that poppler verifies the signature as valid and ETSI.CAdES.detached', async () => {
    const pdf = await signed();
    const report = pdfsigReport(pdf);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signer Certificate Common Name: Ủy ban nhân dân phường Sài Gòn');
    expect(report).toContain('Total document signed');
    // The visible block is on the page.
    expect(pdfText(pdf)).toContain('Người ký: Trần Thị Lan');
  });

  it('reads back an intact signature covering the whole file, chained to the root', async () => {
    const pdf = await signed();
    const { signatures } = await readPdfSignatures(pdf);
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({
      subFilter: 'ETSI.CAdES.detached',
      coversWholeFile: true,
      claimedSigningTime: signedAt,
    });
    expect(await verify(pdf, [root])).toMatchObject({
      intact: true,
      trusted: true,
      timestamp: null,
      signer: {
        commonName: 'Ủy ban nhân dân phường Sài Gòn',
        issuer: 'OpenDVC Demo Root CA — chỉ dùng thử nghiệm',
      },
    });
    // Another root is not this one; and no certificate is valid long before it was issued.
    expect(await verify(pdf, [createDemoRootCa()])).toMatchObject({ intact: true, trusted: false });
    expect(await verify(pdf, [root], new Date('2001-01-01'))).toMatchObject({ trusted: false });
  });

  it('fails on a copy changed after signing, for poppler and for us', async () => {
    const pdf = await signed();
    const text = pdf.toString('latin1');
    const at = text.indexOf('/Title');
    const changed = Buffer.from(pdf);
    changed[at + 1] = 'X'.charCodeAt(0);
    expect(pdfsigReport(changed)).toContain('Signature Validation: Digest Mismatch.');
    expect(await verify(changed, [root])).toMatchObject({ intact: false, trusted: false });

    const appended = Buffer.concat([pdf, Buffer.from('\n% added after signing\n')]);
    expect(await verify(appended, [root])).toMatchObject({ intact: true, coversWholeFile: false });
  });

  describe('long-term signatures (PAdES B-T and B-LT)', () => {
    const tsaCertificate = issueTimestampingCertificate(root);
    const tsa = createTimestampAuthority({
      privateKey: createPrivateKey(tsaCertificate.privateKeyPem),
      certificates: [der(tsaCertificate.certificatePem), der(root.certificatePem)],
    });
    const timestamp = localTimestamper(tsa);
    const DAY = 24 * 3600 * 1000;
    const later = (days: number) => new Date(Date.now() + days * DAY);
    const crl = (certificate: KeyAndCertificate, revokedAt: Date, issuedAt = new Date()) =>
      issueCrl(
        { certificateDer: der(root.certificatePem), privateKeyPem: root.privateKeyPem },
        [{ serialNumber: new X509Certificate(certificate.certificatePem).serialNumber, revokedAt }],
        issuedAt,
      );
    /** An agency certificate issued `daysAgo` days ago (they last three years). */
    const issuedAgo = (daysAgo: number) =>
      issueAgencyCertificate(
        root,
        { name: 'UBND xã Tân Phú', code: null, province: null },
        later(-daysAgo),
      );
    const signerOf = (certificate: KeyAndCertificate) => ({
      privateKey: createPrivateKey(certificate.privateKeyPem),
      certificates: [der(certificate.certificatePem), der(root.certificatePem)],
    });
    const sign = async (
      certificate: KeyAndCertificate,
      options: LongTermOptions,
      claimed = signedAt,
    ) =>
      signPdf(await draft(), signerOf(certificate), { ...appearance, signedAt: claimed }, options);

    it('carries a time-stamp and the CRL, and poppler still verifies it', async () => {
      const pdf = await sign(agency, { timestamp, crls: [await crl(issuedAgo(1), later(-1))] });
      const report = pdfsigReport(pdf);
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Total document signed');
      const { dss } = await readPdfSignatures(pdf);
      expect(dss).toMatchObject({
        crls: [expect.any(Buffer)],
        certificates: [expect.any(Buffer), expect.any(Buffer)],
      });
      const finding = await verify(pdf, [root]);
      expect(finding).toMatchObject({ intact: true, trusted: true, revocation: 'good' });
      expect(finding?.timestamp).toMatchObject({
        trusted: true,
        authority: 'OpenDVC Demo Time-Stamping Authority — chỉ dùng thử nghiệm',
      });
      expect(Math.abs(finding!.timestamp!.time.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it('still verifies once the certificate has expired, when the time-stamp says it signed in time', async () => {
      const expiring = issuedAgo(3 * 365 - 2);
      const stamped = await sign(expiring, { timestamp });
      const unstamped = await sign(expiring, {});
      expect(await verify(stamped, [root], later(30))).toMatchObject({ trusted: true });
      expect(await verify(unstamped, [root], later(30))).toMatchObject({
        intact: true,
        trusted: false,
      });
    });

    it('refuses a backdated signature made with an expired certificate, stamped or not', async () => {
      const expired = issuedAgo(4 * 365);
      const claimed = new Date(Math.floor(later(-4 * 365 + 1).getTime() / 1000) * 1000);
      for (const options of [{}, { timestamp }]) {
        const pdf = await sign(expired, options, claimed);
        const finding = await verify(pdf, [root]);
        expect(finding).toMatchObject({ intact: true, trusted: false, signedAt: claimed });
      }
    });

    it('refuses a certificate revoked before it signed, and keeps one revoked after', async () => {
      const revokedBefore = await sign(agency, { timestamp, crls: [await crl(agency, later(-1))] });
      expect(await verify(revokedBefore, [root])).toMatchObject({
        intact: true,
        trusted: false,
        revocation: 'revoked',
      });
      // Revoked tomorrow, by a CRL issued then: the time-stamp proves it signed before.
      const pdf = await sign(agency, { timestamp });
      const { signatures } = await verifySignatures({
        pdf,
        anchors: [der(root.certificatePem)],
        crls: [await crl(agency, later(1), later(1))],
        now: later(2).getTime(),
      }).then((outcome) => (outcome.status === 'checked' ? outcome : { signatures: [] }));
      expect(signatures[0]).toMatchObject({ trusted: true, revocation: 'good' });
      // Without a time-stamp the only trusted time is now, after the revocation.
      const unstamped = await sign(agency, {});
      const late = await verifySignatures({
        pdf: unstamped,
        anchors: [der(root.certificatePem)],
        crls: [await crl(agency, later(1), later(1))],
        now: later(2).getTime(),
      });
      expect(late.status === 'checked' && late.signatures[0]).toMatchObject({
        trusted: false,
        revocation: 'revoked',
      });
    });

    it('judges at the time of verification when the time-stamping authority is not trusted', async () => {
      const strangerRoot = createDemoRootCa();
      const strangerTsa = issueTimestampingCertificate(strangerRoot);
      const untrustedStamp = localTimestamper(
        createTimestampAuthority({
          privateKey: createPrivateKey(strangerTsa.privateKeyPem),
          certificates: [der(strangerTsa.certificatePem), der(strangerRoot.certificatePem)],
        }),
      );
      const expiring = issuedAgo(3 * 365 - 2);
      const pdf = await sign(expiring, { timestamp: untrustedStamp });
      expect((await verify(pdf, [root]))?.timestamp).toMatchObject({ trusted: false });
      expect(await verify(pdf, [root], later(30))).toMatchObject({ trusted: false });
      // An agency certificate is no time-stamping authority's: its token is not trusted either.
      const agencyStamp = localTimestamper(createTimestampAuthority(signerOf(agency)));
      const misused = await sign(agency, { timestamp: agencyStamp });
      expect((await verify(misused, [root]))?.timestamp).toMatchObject({ trusted: false });
    });
  });

  it('round-trips an agency key through PKCS#12', () => {
    const p12 = writePkcs12({ ...agency, chainPem: [root.certificatePem] }, 'mật-khẩu');
    const read = readPkcs12(p12, 'mật-khẩu');
    expect(new X509Certificate(read.certificatePem).fingerprint256).toBe(
      new X509Certificate(agency.certificatePem).fingerprint256,
    );
    expect(read.chainPem).toHaveLength(1);
    expect(() => readPkcs12(p12, 'sai')).toThrow();
  });

  it('calls a file without a readable document structure unreadable, and one with too many signatures complex', async () => {
    const verifyBytes = (pdf: Buffer) =>
      verifySignatures({ pdf, anchors: [], crls: [], now: Date.now() });
    expect(await verifyBytes(Buffer.from('%PDF-1.4\n%%EOF\n'))).toEqual({ status: 'unreadable' });
    expect(await verifyBytes(Buffer.from('không phải PDF'))).toEqual({ status: 'unreadable' });
    const many = Buffer.from(`%PDF-1.4\n${'/ByteRange [0 1 2 3]\n'.repeat(9)}%%EOF\n`);
    expect(await verifyBytes(many)).toEqual({ status: 'too_many_signatures' });
  });

  it('parses PDF dates with offsets', () => {
    const at = new Date('2026-11-23T03:15:00Z');
    expect(parsePdfDate("D:20261123101500+07'00'")).toEqual(at);
    expect(parsePdfDate('D:20261123031500Z')).toEqual(at);
    expect(parsePdfDate('hôm qua')).toBeNull();
  });
});
