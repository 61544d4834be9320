import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdfsigReport, pdfText } from '../../../../test/helpers/pdf-text.ts';
import { createPdf } from '../../platform/pdf.ts';
import {
  createDemoRootCa,
  issueAgencyCertificate,
  readPkcs12,
  writePkcs12,
} from './certificates.ts';
import { signPdf } from './pades.ts';
import { chainsToAnchor, inspectPdfSignatures, parsePdfDate } from './signature-check.ts';

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
// PDF dates have whole seconds.
const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);

async function draft() {
  const pdf = await createPdf('A4', { title: 'Giấy chứng nhận', author: 'UBND phường Sài Gòn' });
  pdf.text('GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH', { bold: true, align: 'center', size: 13 });
  pdf.text('Cấp cho ông Nguyễn Văn An.');
  return pdf.save();
}

async function signed() {
  return signPdf(await draft(), signer, {
    lines: [
      'Ký bởi: Ủy ban nhân dân phường Sài Gòn',
      'Người ký: Trần Thị Lan',
      'Thời gian ký: 23/11/2026 10:15:00',
    ],
    signerName: 'Trần Thị Lan',
    reason: 'Phê duyệt kết quả giải quyết thủ tục hành chính',
    location: 'Phường Sài Gòn',
    signedAt,
  });
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
    const [check] = inspectPdfSignatures(pdf);
    expect(check).toMatchObject({
      subFilter: 'ETSI.CAdES.detached',
      intact: true,
      coversWholeFile: true,
      claimedSigningTime: signedAt,
    });
    expect(check?.signerCertificate?.subject).toContain('CN=Ủy ban nhân dân phường Sài Gòn');
    const anchors = [new X509Certificate(root.certificatePem)];
    expect(chainsToAnchor(check!.signerCertificate!, check!.certificates, anchors, signedAt)).toBe(
      true,
    );
    const stranger = new X509Certificate(createDemoRootCa().certificatePem);
    expect(
      chainsToAnchor(check!.signerCertificate!, check!.certificates, [stranger], signedAt),
    ).toBe(false);
    // Not yet valid long before it was issued.
    expect(
      chainsToAnchor(
        check!.signerCertificate!,
        check!.certificates,
        anchors,
        new Date('2001-01-01'),
      ),
    ).toBe(false);
  });

  it('fails on a copy changed after signing, for poppler and for us', async () => {
    const pdf = await signed();
    const text = pdf.toString('latin1');
    const at = text.indexOf('/Title');
    const changed = Buffer.from(pdf);
    changed[at + 1] = 'X'.charCodeAt(0);
    expect(pdfsigReport(changed)).toContain('Signature Validation: Digest Mismatch.');
    expect(inspectPdfSignatures(changed)[0]?.intact).toBe(false);

    const appended = Buffer.concat([pdf, Buffer.from('\n% added after signing\n')]);
    expect(inspectPdfSignatures(appended)[0]).toMatchObject({
      intact: true,
      coversWholeFile: false,
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

  it('parses PDF dates with offsets', () => {
    const at = new Date('2026-11-23T03:15:00Z');
    expect(parsePdfDate("D:20261123101500+07'00'")).toEqual(at);
    expect(parsePdfDate('D:20261123031500Z')).toEqual(at);
    expect(parsePdfDate('hôm qua')).toBeNull();
  });
});
