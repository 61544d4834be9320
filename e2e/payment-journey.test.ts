/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import { pdfsigReport } from '../test/helpers/pdf-text.ts';
import {
  journeyHarness,
  openFromInbox,
  openService,
  screenshot,
  settled,
  signInAs,
  signResultAtWard,
  takeAction,
} from './browser.ts';

const journey = journeyHarness();

/** The citizen submits the ward's business registration (fee 100.000 đ) and pays it at the sandbox bank. */
async function submitAndPay(page: Page) {
  await signInAs(page, journey.url(), 'Nguyễn Văn An');
  await page.goto(journey.url());
  await openService(
    page,
    'hộ kinh doanh',
    'Đăng ký thành lập hộ kinh doanh',
    'Ủy ban nhân dân Phường Sài Gòn',
  );
  await page.getByText('100.000').first().waitFor();
  await page.locator('#root_soCccdNguoiYeuCau').fill('079090001234');
  await page.locator('#root_tenHoKinhDoanh').fill('Hộ kinh doanh Tạp hóa An Khang');
  await page.locator('#root_diaChiTruSo').fill('12 Lê Lợi, Phường Sài Gòn');
  // Sent with the business line missing: refused, said aloud, and the cursor goes to the first field
  // to fix.
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await page.getByRole('alert').filter({ hasText: 'Hồ sơ chưa hợp lệ' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'root_nganhNghe');
  await page.locator('#root_nganhNghe').fill('Bán lẻ hàng tạp hóa');
  // Money typed with Vietnamese grouping is kept, and shown back grouped.
  await page.locator('#root_vonKinhDoanh').fill('50.000.000');
  await page.locator('#root_vonKinhDoanh').press('Tab');
  expect(await page.locator('#root_vonKinhDoanh').inputValue()).toBe('50.000.000');
  // The limit is said beside the document, and a file over it is refused before it is sent.
  await page.locator('[data-document="giay-de-nghi"]').getByText('tối đa 10 MB').waitFor();
  const uploads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/files')) uploads.push(request.url());
  });
  await page.locator('[data-document="giay-de-nghi"] input[type=file]').setInputFiles({
    name: 'ban-quet-qua-lon.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(12 * 1024 * 1024, 0x20),
  });
  await page
    .getByText('Tệp ban-quet-qua-lon.pdf có dung lượng 12 MB, vượt giới hạn 10 MB')
    .waitFor();
  expect(uploads).toEqual([]);
  await page.locator('[data-document="giay-de-nghi"] input[type=file]').setInputFiles({
    name: 'giay-de-nghi.pdf',
    mimeType: 'application/pdf',
    buffer: SAMPLE_PDF,
  });
  await page.locator('[data-document="giay-de-nghi"]').getByText('giay-de-nghi.pdf').waitFor();
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  const code = (await page.getByTestId('dossier-code').textContent({ timeout: 15_000 })) ?? '';
  // The receipt says the dossier waits for its fee, how much, and offers to pay it at once.
  await page.getByText('hồ sơ đang chờ thanh toán phí, lệ phí').waitFor();
  expect(await page.getByTestId('receipt-fee').textContent()).toContain('100.000');
  await screenshot(page, 'receipt-awaiting-payment');
  await page.getByRole('button', { name: 'Thanh toán trực tuyến qua VNPAY' }).click();
  await page.getByText('Cổng thanh toán VNPAY — môi trường thử nghiệm').waitFor();
  // The bank's page is laid out for a phone's width (a phone's browser otherwise draws it 980 px
  // wide and shrinks it), and does not scroll sideways.
  expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain(
    'width=device-width',
  );
  expect(
    await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    ),
  ).toBeLessThanOrEqual(0);
  expect(await page.getByText('100.000').count()).toBeGreaterThan(0);
  await screenshot(page, `payment-sandbox-bank`);
  await page.getByRole('button', { name: 'Thanh toán thành công' }).click();

  await page.waitForURL(/thanh-toan\/ket-qua/);
  await screenshot(page, 'payment-after-bank');
  await page
    .getByRole('heading', { level: 1, name: 'Thanh toán thành công' })
    .waitFor({ timeout: 15_000 });
  const receiptNo = (await page.getByTestId('receipt-no').textContent()) ?? '';
  expect(receiptNo).toMatch(/^BL\d{4}-\d{7}$/);
  expect(await page.locator('.dossier-code').textContent()).toBe(code);
  return { code, receiptNo };
}

describe('level 4 in Chromium: the fee paid online through the VNPay sandbox', () => {
  let code = '';
  it('the citizen submits a dossier with a fee, pays it at the bank and gets the e-receipt; reception may then receive it', async () => {
    // On a phone's width, as most citizens come.
    const page = await journey.newPage({ width: 360, height: 740 });
    const paid = await submitAndPay(page);
    code = paid.code;
    const { receiptNo } = paid;
    // A citizen is not shown the back office's doors.
    for (const item of ['Một cửa điện tử', 'Quản trị'])
      expect(
        await page.getByRole('navigation', { name: 'Danh mục chức năng' }).getByText(item).count(),
      ).toBe(0);
    await screenshot(page, 'payment-result');

    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await page.getByText('Đã thanh toán', { exact: true }).waitFor();
    await page.getByText('Đã thanh toán phí, lệ phí trực tuyến').waitFor();
    expect(await page.getByText('Hồ sơ cần được thanh toán phí, lệ phí').count()).toBe(0);
    expect(await page.getByTestId('receipt-no').textContent()).toBe(receiptNo);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải biên lai (PDF)' }).click();
    expect((await download).suggestedFilename()).toBe(`bien-lai-${receiptNo}.pdf`);
  });

  it('the ward processes it, the leader signs the result, and the citizen downloads a PDF poppler verifies', async () => {
    const desk = await journey.newPage();
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    // An officer sees whose agency they act for, and the back office's door.
    expect(await desk.getByTestId('current-agency').textContent()).toBe(
      'Ủy ban nhân dân Phường Sài Gòn',
    );
    expect(
      await desk
        .getByRole('navigation', { name: 'Danh mục chức năng' })
        .getByText('Một cửa điện tử')
        .count(),
    ).toBe(1);
    const officerUrl = `${journey.url()}${await openFromInbox(desk, journey.url(), code)}`;
    await takeAction(desk, 'Tiếp nhận hồ sơ');
    // The desk's day of online payments: the one just paid, with the day's total.
    await desk.goto(`${journey.url()}/can-bo/doi-soat`);
    await desk.getByRole('cell', { name: code }).waitFor();
    expect(await desk.getByTestId('reconciliation-total').textContent()).toContain('100.000');
    await screenshot(desk, 'payment-reconciliation');

    const leader = await signResultAtWard(() => journey.newPage(), officerUrl, code);
    await screenshot(leader, 'result-signed-officer');

    const citizen = await journey.newPage();
    await signInAs(citizen, journey.url(), 'Nguyễn Văn An');
    await citizen.goto(`${journey.url()}/ho-so-cua-toi/${code}`);
    await citizen.getByTestId('result-signer').filter({ hasText: 'Đỗ Văn Khoa' }).waitFor();
    const download = citizen.waitForEvent('download');
    await citizen.getByTestId('result-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`ket-qua-${code}.pdf`);
    const pdf = await readFile(await file.path());

    // An independent verifier: poppler's pdfsig finds the signature valid, and a changed copy not.
    const report = pdfsigReport(pdf);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: Ủy ban nhân dân Phường Sài Gòn');
    const changed = Buffer.from(pdf);
    changed[pdf.toString('latin1').indexOf('/Producer') + 1] = 'Q'.charCodeAt(0);
    expect(pdfsigReport(changed)).toContain('Signature Validation: Digest Mismatch.');

    // Anyone can check it on the public page.
    const visitor = await journey.newPage();
    await visitor.goto(`${journey.url()}/xac-thuc-ket-qua`);
    const chooser = visitor.waitForEvent('filechooser');
    await visitor.getByRole('button', { name: 'Chọn tệp PDF để kiểm tra' }).click();
    await (
      await chooser
    ).setFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: pdf });
    await visitor.getByText('Chữ ký số hợp lệ').waitFor();
    expect(await visitor.getByTestId('verify-dossier').textContent()).toBe(code);
    // PAdES B-T: the time the demo time-stamping authority vouches for, trusted.
    expect(await visitor.getByTestId('verify-timestamp').textContent()).toContain(
      'OpenDVC Demo Time-Stamping Authority',
    );
    await visitor.getByText('Chưa bị thu hồi tại thời điểm ký').waitFor();
    await screenshot(visitor, 'result-verified');
  });

  it('the citizen withdraws a paid dossier and the ward’s administrator refunds the fee from the reconciliation', async () => {
    const page = await journey.newPage();
    const { code: withdrawn } = await submitAndPay(page);
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await takeAction(page, 'Rút hồ sơ', (dialog) =>
      dialog.locator('textarea').fill('Tôi nộp nhầm thủ tục, xin rút hồ sơ'),
    );

    const admin = await journey.newPage();
    await signInAs(admin, journey.url(), 'Bùi Thị Lan');
    await admin.goto(`${journey.url()}/can-bo/doi-soat`);
    const row = admin.getByRole('row', { name: new RegExp(withdrawn) });
    await row.getByRole('button', { name: 'Hoàn trả phí' }).click();
    const dialog = await settled(admin.getByRole('dialog'));
    await dialog.getByRole('textbox').fill('Người nộp đã rút hồ sơ trước khi tiếp nhận');
    await dialog.getByRole('button', { name: 'Hoàn trả' }).click();
    await admin.getByText(`Đã hoàn trả phí, lệ phí của hồ sơ ${withdrawn}`).waitFor();
    await row.getByText('Đã hoàn tiền').waitFor();
    expect(await row.getByRole('button', { name: 'Hoàn trả phí' }).count()).toBe(0);
    await screenshot(admin, 'payment-refunded');
  });
});
