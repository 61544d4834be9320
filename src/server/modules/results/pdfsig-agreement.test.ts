import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPdf } from '../../platform/pdf.ts';
import {
  createDemoRootCa,
  issueAgencyCertificate,
  issueTimestampingCertificate,
  type KeyAndCertificate,
} from './certificates.ts';
import { signPdf, type LongTermOptions } from './pades.ts';
import { verifySignatures, type SignatureFinding } from './pdf-worker.ts';
import { createTimestampAuthority, localTimestamper } from './timestamping.ts';

/**
 * The verification page and poppler's pdfsig (NSS), an independent verifier, say the same of each
 * kind of file, wherever pdfsig judges it: whether the signed bytes are intact, whether the
 * signature covers the whole file, and whether the certificate is refused for an untrusted
 * issuer, expiry or a validity that has not begun. pdfsig 22.12 reads neither signature
 * time-stamps nor the DSS, so the two long-term cases (valid thanks to the time-stamp once the
 * certificate has expired; revoked by the embedded CRL) are pades.test.ts's, and decision 0014
 * says why pdfsig cannot confirm a trusted chain here.
 */

const DAY = 24 * 3600 * 1000;
const der = (pem: string) => Buffer.from(new X509Certificate(pem).raw);
const work = mkdtempSync(join(tmpdir(), 'pdfsig-agreement-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const root = createDemoRootCa();
const tsa = issueTimestampingCertificate(root);
const timestamp = localTimestamper(
  createTimestampAuthority({
    privateKey: createPrivateKey(tsa.privateKeyPem),
    certificates: [der(tsa.certificatePem), der(root.certificatePem)],
  }),
);

/** An NSS database that trusts the demo root for signatures, as an official's reader would. */
const nssDir = join(work, 'nss');
execFileSync('mkdir', ['-p', nssDir]);
execFileSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
writeFileSync(join(work, 'root.pem'), root.certificatePem);
execFileSync('certutil', [
  '-A',
  '-d',
  `sql:${nssDir}`,
  '-n',
  'opendvc-demo-root',
  '-t',
  'CT,C,C',
  '-i',
  join(work, 'root.pem'),
]);

type Pdfsig = { intact: boolean; coversWholeFile: boolean; certificate: string };

function pdfsig(pdf: Buffer): Pdfsig {
  const file = join(work, `${String(Math.random()).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const report = execFileSync('pdfsig', ['-nssdir', `sql:${nssDir}`, '-no-ocsp', file], {
    encoding: 'utf8',
  });
  return {
    intact: report.includes('Signature Validation: Signature is Valid.'),
    coversWholeFile: report.includes('- Total document signed'),
    certificate: /Certificate Validation: (.*)/.exec(report)?.[1] ?? '',
  };
}

const issued = (authority: KeyAndCertificate, daysAgo: number) =>
  issueAgencyCertificate(
    authority,
    { name: 'Ủy ban nhân dân xã Tân Phú', code: null, province: null },
    new Date(Date.now() - daysAgo * DAY),
  );

async function signed(
  certificate: KeyAndCertificate,
  authority: KeyAndCertificate,
  options: LongTermOptions,
  claimedAt = new Date(),
) {
  const draft = await createPdf('A4', { title: 'Giấy chứng nhận', author: 'UBND xã Tân Phú' });
  draft.text('GIẤY CHỨNG NHẬN');
  return signPdf(
    await draft.save(),
    {
      privateKey: createPrivateKey(certificate.privateKeyPem),
      certificates: [der(certificate.certificatePem), der(authority.certificatePem)],
    },
    {
      lines: ['Ký bởi: Ủy ban nhân dân xã Tân Phú'],
      signerName: 'Trần Thị Lan',
      reason: 'Phê duyệt kết quả',
      location: 'Xã Tân Phú',
      signedAt: new Date(Math.floor(claimedAt.getTime() / 1000) * 1000),
    },
    options,
  );
}

async function ours(pdf: Buffer): Promise<SignatureFinding> {
  const outcome = await verifySignatures({
    pdf,
    anchors: [der(root.certificatePem)],
    crls: [],
    now: Date.now(),
  });
  if (outcome.status !== 'checked' || !outcome.signatures[0]) throw new Error(outcome.status);
  return outcome.signatures[0];
}

describe('the verification page and pdfsig agree', () => {
  it('on a result as issued, and on copies changed or extended after signing', async () => {
    const pdf = await signed(issued(root, 1), root, { timestamp });
    const tampered = Buffer.from(pdf);
    tampered[pdf.indexOf('/Title') + 1] = 'X'.charCodeAt(0);
    const extended = Buffer.concat([pdf, Buffer.from('\n% thêm sau khi ký\n')]);
    for (const file of [pdf, tampered, extended]) {
      const [theirs, mine] = [pdfsig(file), await ours(file)];
      expect({ intact: mine.intact, coversWholeFile: mine.coversWholeFile }).toEqual({
        intact: theirs.intact,
        coversWholeFile: theirs.coversWholeFile,
      });
    }
    expect(pdfsig(tampered).intact).toBe(false);
    expect(pdfsig(extended).coversWholeFile).toBe(false);
  });

  it('on certificates each refuses: an untrusted issuer, an expired one backdated, one not yet valid', async () => {
    const stranger = createDemoRootCa();
    const cases = [
      { pdf: await signed(issued(stranger, 1), stranger, { timestamp }), pdfsays: 'Trusted' },
      {
        pdf: await signed(issued(root, 4 * 365), root, {}, new Date(Date.now() - 4 * 365 * DAY)),
        pdfsays: 'Expired',
      },
      { pdf: await signed(issued(root, -10), root, { timestamp }), pdfsays: 'Expired' },
    ];
    for (const { pdf, pdfsays } of cases) {
      const [theirs, mine] = [pdfsig(pdf), await ours(pdf)];
      expect(theirs.intact).toBe(true);
      expect(theirs.certificate).toContain(pdfsays);
      expect(mine).toMatchObject({ intact: true, trusted: false });
    }
  });
});
