import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readable } from 'node:stream';
import type { Transporter } from 'nodemailer';
import { createNotificationService } from '../src/server/modules/notifications/index.ts';
import { LocalDiskStorage } from '../src/server/platform/file-storage.ts';
import { createCertificateStore } from '../src/server/modules/results/index.ts';
import {
  createDemoRootCa,
  issueAgencyCertificate,
  writePkcs12,
} from '../src/server/modules/results/certificates.ts';
import { createPdf } from '../src/server/platform/pdf.ts';
import { createSecretBox } from '../src/server/platform/secret-box.ts';
import {
  actAsOfficer,
  expectActed,
  findServiceId,
  submitBirthRegistration,
  submitBusinessRegistration,
} from './helpers/factories.ts';
import { pdfsigReport, pdfText } from './helpers/pdf-text.ts';
import { freePort } from './helpers/server-process.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

// The fee is paid through the sandbox gateway, which calls the IPN over HTTP: a real port.
let t: TestApp;
let base: string;
let citizen: Caller;
let reception: Caller;
let specialist: Caller;
let leader: Caller;
let serviceId: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${String(port)}`;
  t = await createTestApp({ PUBLIC_URL: base });
  await t.app.listen({ host: '127.0.0.1', port });
  citizen = await t.signIn('Nguyễn Văn An');
  reception = await t.signIn('Lê Minh Châu');
  specialist = await t.signIn('Võ Thanh Giang');
  leader = await t.signIn('Đỗ Văn Khoa');
  serviceId = await findServiceId(t, 'hộ kinh doanh', '000.00.31.H29');
});
afterAll(() => t.close());

const act = actAsOfficer;

/** Submitted, paid in the sandbox, received, processed by the specialist, at the leader's step. */
async function dossierAtLeader() {
  const dossier = await submitBusinessRegistration(citizen, serviceId);
  const started = (await citizen.post(`/api/v1/dossiers/${dossier.code}/payments`)).json<{
    txnRef: string;
    paymentUrl: string;
  }>();
  // The bank's page opens the sandbox transaction; the applicant pays there.
  expect((await fetch(started.paymentUrl)).status).toBe(200);
  const paid = await fetch(`${base}/sandbox/vnpay/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ txnRef: started.txnRef, outcome: 'success' }).toString(),
    redirect: 'manual',
  });
  expect(paid.status).toBe(303);
  await expectActed(reception, dossier.id, 'receive');
  await expectActed(specialist, dossier.id, 'claim');
  await expectActed(specialist, dossier.id, 'forward');
  await expectActed(leader, dossier.id, 'claim');
  return dossier;
}

describe('signed results', () => {
  it('shows the business registration as full online: fee paid online, result signed online', async () => {
    const service = (await t.anonymous.get(`/api/v1/catalog/services/${serviceId}`)).json<
      Record<string, unknown>
    >();
    expect(service).toMatchObject({ onlineLevel: 'full', paymentOnline: true, resultOnline: true });
  });

  it('drafts from the template, signs on the leader’s approval, and the applicant downloads a PDF poppler verifies', async () => {
    const dossier = await dossierAtLeader();
    // No draft yet: the approval is refused and nothing moves.
    const early = await act(leader, dossier.id, 'approve');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'RESULT_NOT_PREPARED' });

    const drafted = await leader.post(`/api/v1/officer/dossiers/${dossier.id}/result/draft`);
    expect(drafted.statusCode, drafted.body).toBe(200);
    const draft = drafted.json<{ verificationCode: string; signed: boolean }>();
    expect(draft).toMatchObject({
      signed: false,
      verificationCode: expect.stringMatching(/^[0-9A-Z]{12}$/) as unknown,
    });
    // The citizen sees nothing before signing.
    expect((await citizen.get(`/api/v1/dossiers/${dossier.code}/result`)).statusCode).toBe(404);

    const approved = await act(leader, dossier.id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'result_ready' });

    const info = (await citizen.get(`/api/v1/dossiers/${dossier.code}/result`)).json<
      Record<string, unknown>
    >();
    expect(info).toMatchObject({ signed: true, signerName: 'Đỗ Văn Khoa' });
    // the national portal is told the result's reference and hash, with the signing (decision 0017)
    const reported = await t.database.db
      .selectFrom('outbox_message')
      .select('body')
      .where('type', '=', 'result.signed')
      .where('key', '=', dossier.code)
      .executeTakeFirstOrThrow();
    expect(reported.body).toMatchObject({
      code: dossier.code,
      sha256: info.signedSha256,
      verificationCode: info.verificationCode,
    });
    const file = await citizen.get(`/api/v1/dossiers/${dossier.code}/result/pdf`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = file.rawPayload;

    const report = pdfsigReport(pdf);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    const text = pdfText(pdf);
    expect(text).toContain('GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH');
    expect(text).toContain('Tạp hóa An Khang');
    expect(text).toContain('50.000.000');
    expect(text).toContain('Người ký: Đỗ Văn Khoa');
    expect(text).toContain(`Mã tra cứu: ${draft.verificationCode}`);

    // Anyone can verify the file: valid, trusted, and which dossier it is.
    const verified = await t.anonymous.upload(
      'ket-qua.pdf',
      pdf,
      'application/pdf',
      '/api/v1/results/verify',
    );
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({
      verdict: 'valid',
      signatures: [
        {
          intact: true,
          coversWholeFile: true,
          trusted: true,
          subFilter: 'ETSI.CAdES.detached',
          signer: { commonName: 'Ủy ban nhân dân Phường Sài Gòn' },
          // PAdES B-LT: time-stamped by the demo authority, the demo CA's CRL embedded.
          timestamp: {
            trusted: true,
            authority: 'OpenDVC Demo Time-Stamping Authority — chỉ dùng thử nghiệm',
          },
          revocation: 'good',
        },
      ],
      record: { dossierCode: dossier.code, signerName: 'Đỗ Văn Khoa' },
    });

    // A copy changed after signing fails, for poppler and for the portal.
    const changed = Buffer.from(pdf);
    changed[pdf.toString('latin1').indexOf('/Producer') + 1] = 'Q'.charCodeAt(0);
    expect(pdfsigReport(changed)).toContain('Signature Validation: Digest Mismatch.');
    const refused = await t.anonymous.upload(
      'sua.pdf',
      changed,
      'application/pdf',
      '/api/v1/results/verify',
    );
    expect(refused.json()).toMatchObject({ verdict: 'modified', record: null });

    // The QR code's page.
    const lookup = await t.anonymous.get(`/api/v1/results/verify/${draft.verificationCode}`);
    expect(lookup.json()).toMatchObject({
      dossierCode: dossier.code,
      agencyName: 'Ủy ban nhân dân Phường Sài Gòn',
    });

    // The applicant's mail carries the signed file, byte for byte.
    const mail = await t.database.db
      .selectFrom('mail_message')
      .select(['id', 'body_text', 'attachments'])
      .where('dossier_id', '=', dossier.id)
      .where('body_text', 'like', '%đã được ký số%')
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain(draft.verificationCode);
    const sent: { attachments: { filename: string; content: Buffer }[] }[] = [];
    const notifications = createNotificationService(t.database.db, {
      transport: {
        sendMail: (message: { attachments: { filename: string; content: Readable }[] }) =>
          Promise.all(
            message.attachments.map(async (a) => ({
              filename: a.filename,
              content: Buffer.concat(await a.content.toArray()),
            })),
          ).then((attachments) => sent.push({ attachments })),
      } as unknown as Transporter,
      from: 'test@opendvc.example',
      storage: new LocalDiskStorage(t.filesDir),
    });
    await notifications.sendPendingMail();
    // Two mails carried files: the fee's e-receipt, then the signed result.
    const files = sent.flatMap((m) => m.attachments);
    expect(files.map((f) => f.filename)).toEqual([
      expect.stringMatching(/^bien-lai-BL\d{4}-\d{7}\.pdf$/),
      `ket-qua-${dossier.code}.pdf`,
    ]);
    expect(files[1]?.content.equals(pdf)).toBe(true);

    // Signed once: no redraft, and the audit log has the signature.
    const redraft = await leader.post(`/api/v1/officer/dossiers/${dossier.id}/result/draft`);
    expect(redraft.statusCode).toBe(409);
    const audit = await t.database.db
      .selectFrom('audit_record')
      .select('action')
      .where('subject_id', '=', dossier.id)
      .where('action', 'like', 'result.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['result.drafted', 'result.signed']);
  });

  it('signs an uploaded PDF, refuses what is not a PDF, and keeps results to the dossier’s own', async () => {
    const dossier = await dossierAtLeader();
    const notPdf = await leader.upload(
      'ket-qua.pdf',
      Buffer.from('không phải PDF'),
      'application/pdf',
      `/api/v1/officer/dossiers/${dossier.id}/result/upload`,
    );
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json()).toMatchObject({ code: 'RESULT_NOT_PDF' });
    const written = await createPdf('A4', { title: 'Giấy chứng nhận', author: 'UBND' });
    written.text('GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH (soạn ngoài hệ thống)');
    const uploaded = await leader.upload(
      'ket-qua.pdf',
      Buffer.from(await written.save()),
      'application/pdf',
      `/api/v1/officer/dossiers/${dossier.id}/result/upload`,
    );
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({ source: 'upload' });
    await expectActed(leader, dossier.id, 'approve');
    const signed = await leader.get(`/api/v1/officer/dossiers/${dossier.id}/result/pdf`);
    expect(pdfsigReport(signed.rawPayload)).toContain('Signature is Valid.');

    // Another citizen and another ward's desk do not reach it.
    const stranger = await t.signIn('Trần Thị Bình');
    expect((await stranger.get(`/api/v1/dossiers/${dossier.code}/result/pdf`)).statusCode).toBe(
      404,
    );
    const otherWard = await t.signIn('Phạm Quốc Dũng');
    expect(
      (await otherWard.get(`/api/v1/officer/dossiers/${dossier.id}/result/pdf`)).statusCode,
    ).toBe(404);
  });

  it('keeps results of a service without online result at the desk: no draft, approval signs nothing', async () => {
    const birthService = await findServiceId(t, 'khai sinh', '000.00.31.H29');
    const dossier = await submitBirthRegistration(citizen, birthService);
    await expectActed(reception, dossier.id, 'receive');
    await expectActed(specialist, dossier.id, 'claim');
    const detail = await specialist.get(`/api/v1/officer/dossiers/${dossier.id}`);
    expect(detail.json()).toMatchObject({ status: 'processing', resultOnline: false });
    const drafted = await specialist.post(`/api/v1/officer/dossiers/${dossier.id}/result/draft`);
    expect(drafted.statusCode).toBe(409);
    expect(drafted.json()).toMatchObject({ code: 'RESULT_NOT_ONLINE' });
    await expectActed(specialist, dossier.id, 'forward');
    await expectActed(leader, dossier.id, 'claim');
    await expectActed(leader, dossier.id, 'approve');
    const result = await leader.get(`/api/v1/officer/dossiers/${dossier.id}/result`);
    expect(result.statusCode).toBe(404);
  });

  it('answers an unsigned PDF and an unknown code plainly', async () => {
    const unsigned = await t.anonymous.upload(
      'a.pdf',
      SAMPLE_PDF,
      'application/pdf',
      '/api/v1/results/verify',
    );
    expect(unsigned.json()).toMatchObject({ verdict: 'unsigned', signatures: [], record: null });
    const unknown = await t.anonymous.get('/api/v1/results/verify/ABCDEFGHJKMN');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'VERIFICATION_CODE_NOT_FOUND' });
  });

  it('signs with an agency’s imported PKCS#12 from then on; verification calls an unknown authority untrusted', async () => {
    const store = createCertificateStore({
      db: t.database.db,
      secrets: createSecretBox(t.appSecret),
      demoMode: false,
    });
    const agencyId = (
      await t.database.db
        .selectFrom('agency')
        .select('id')
        .where('code', '=', '000.00.31.H29')
        .executeTakeFirstOrThrow()
    ).id;
    const otherRoot = createDemoRootCa();
    const own = issueAgencyCertificate(otherRoot, {
      name: 'Ủy ban nhân dân Phường Sài Gòn',
      code: '000.00.31.H29',
      province: null,
    });
    const p12 = writePkcs12({ ...own, chainPem: [otherRoot.certificatePem] }, 'mật khẩu');
    await expect(store.importPkcs12(agencyId, p12, 'sai')).rejects.toThrow();
    const imported = await store.importPkcs12(agencyId, p12, 'mật khẩu');
    expect((await store.credentials(agencyId)).certificate.fingerprint256).toBe(
      imported.fingerprint256,
    );
    const certificates = await t.database.db
      .selectFrom('agency_certificate')
      .select(['source', 'retired_at'])
      .where('agency_id', '=', agencyId)
      .orderBy('created_at')
      .execute();
    expect(certificates.map((c) => [c.source, c.retired_at === null])).toEqual([
      ['demo', false],
      ['imported', true],
    ]);

    const dossier = await dossierAtLeader();
    await leader.post(`/api/v1/officer/dossiers/${dossier.id}/result/draft`);
    await expectActed(leader, dossier.id, 'approve');
    const pdf = (await citizen.get(`/api/v1/dossiers/${dossier.code}/result/pdf`)).rawPayload;
    const verified = await t.anonymous.upload(
      'ket-qua.pdf',
      pdf,
      'application/pdf',
      '/api/v1/results/verify',
    );
    // Intact and issued by this portal, but its root is not among the trusted ones.
    expect(verified.json()).toMatchObject({
      verdict: 'untrusted',
      signatures: [{ intact: true, trusted: false }],
      record: { dossierCode: dossier.code },
    });
  });
});
