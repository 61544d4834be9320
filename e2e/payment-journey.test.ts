/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import { journeyHarness, screenshot, signInAs } from './browser.ts';

const journey = journeyHarness();

describe('level 4 in Chromium: the fee paid online through the VNPay sandbox', () => {
  it('the citizen submits a dossier with a fee, pays it at the bank and gets the e-receipt; reception may then receive it', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.goto(journey.url());
    await page.getByPlaceholder('Nhập tên thủ tục cần tìm').fill('hộ kinh doanh');
    await page.getByPlaceholder('Nhập tên thủ tục cần tìm').press('Enter');
    await page
      .locator('.ant-card', { hasText: 'Ủy ban nhân dân Phường Sài Gòn' })
      .getByRole('link', { name: 'Đăng ký thành lập hộ kinh doanh' })
      .click();
    await page.getByText('100.000').first().waitFor();
    await page.locator('#root_soCccdNguoiYeuCau').fill('079090001234');
    await page.locator('#root_tenHoKinhDoanh').fill('Hộ kinh doanh Tạp hóa An Khang');
    await page.locator('#root_diaChiTruSo').fill('12 Lê Lợi, Phường Sài Gòn');
    await page.locator('#root_nganhNghe').fill('Bán lẻ hàng tạp hóa');
    await page.locator('#root_vonKinhDoanh').fill('50000000');
    await page.locator('[data-document="giay-de-nghi"] input[type=file]').setInputFiles({
      name: 'giay-de-nghi.pdf',
      mimeType: 'application/pdf',
      buffer: SAMPLE_PDF,
    });
    await page.locator('[data-document="giay-de-nghi"]').getByText('giay-de-nghi.pdf').waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const code = (await page.getByTestId('dossier-code').textContent({ timeout: 15_000 })) ?? '';
    await page.getByRole('button', { name: 'Xem hồ sơ' }).click();

    await page.getByText('Hồ sơ cần được thanh toán phí, lệ phí').waitFor();
    await page.getByRole('button', { name: 'Thanh toán trực tuyến qua VNPAY' }).click();
    await page.getByText('Cổng thanh toán VNPAY — môi trường thử nghiệm').waitFor();
    expect(await page.getByText('100.000').count()).toBeGreaterThan(0);
    await screenshot(page, 'payment-sandbox-bank');
    await page.getByRole('button', { name: 'Thanh toán thành công' }).click();

    await page.waitForURL(/thanh-toan\/ket-qua/);
    await screenshot(page, 'payment-after-bank');
    await page
      .locator('.ant-result-title', { hasText: 'Thanh toán thành công' })
      .waitFor({ timeout: 15_000 });
    const receiptNo = (await page.getByTestId('receipt-no').textContent()) ?? '';
    expect(receiptNo).toMatch(/^BL\d{4}-\d{7}$/);
    expect(await page.locator('.dossier-code').textContent()).toBe(code);
    await screenshot(page, 'payment-result');

    await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
    await page.getByText('Đã thanh toán', { exact: true }).waitFor();
    await page.getByText('Đã thanh toán phí, lệ phí trực tuyến').waitFor();
    expect(await page.getByText('Hồ sơ cần được thanh toán phí, lệ phí').count()).toBe(0);
    expect(await page.getByTestId('receipt-no').textContent()).toBe(receiptNo);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải biên lai (PDF)' }).click();
    expect((await download).suggestedFilename()).toBe(`bien-lai-${receiptNo}.pdf`);
  });
});
