/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import {
  choose,
  journeyHarness,
  openFromInbox,
  openService,
  screenshot,
  signInAs,
  takeAction,
} from './browser.ts';

const journey = journeyHarness();

describe('fees by option, asked for during processing, in Chromium', () => {
  let code = '';

  it('the administrator charges by the option the applicant chooses, paid when the officer asks', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Bùi Thị Lan');
    await page.goto(`${journey.url()}/quan-tri`);
    await page.getByRole('link', { name: 'Đăng ký thành lập hộ kinh doanh' }).click();
    await page.getByText('Thiết kế biểu mẫu').waitFor();
    await choose(page, '[aria-label="Cách tính phí, lệ phí"]', 'Theo loại yêu cầu người nộp chọn');
    await page.getByLabel('Tên lựa chọn 2').fill('Cấp nhanh');
    await page
      .getByRole('radio', { name: 'Nộp khi cán bộ xử lý đề nghị (tạm dừng hồ sơ)' })
      .check();
    await screenshot(page, 'fee-schedule-designer');
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Đã công bố phiên bản mới').waitFor();
  });

  it('the citizen chooses the fast option and submits; nothing is paid yet', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.goto(journey.url());
    await openService(
      page,
      'hộ kinh doanh',
      'Đăng ký thành lập hộ kinh doanh',
      'Ủy ban nhân dân Phường Sài Gòn',
    );
    await page.getByText('nộp khi cơ quan giải quyết đề nghị').first().waitFor();
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
    await choose(page, '#fee-option', 'Cấp nhanh');
    expect(await page.getByTestId('fee-total').textContent()).toContain('100.000');
    await screenshot(page, 'fee-choice-form');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    code = (await page.getByTestId('dossier-code').textContent({ timeout: 15_000 })) ?? '';
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await page.getByText('(Cấp nhanh)').first().waitFor();
    expect(
      await page.getByRole('button', { name: 'Thanh toán trực tuyến qua VNPAY' }).count(),
    ).toBe(0);
  });

  it('the specialist asks for the fee; the citizen pays it at the bank and the work goes on', async () => {
    const desk = await journey.newPage();
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    const officerUrl = `${journey.url()}${await openFromInbox(desk, journey.url(), code)}`;
    await takeAction(desk, 'Tiếp nhận hồ sơ');

    const specialist = await journey.newPage();
    await signInAs(specialist, journey.url(), 'Võ Thanh Giang');
    await specialist.goto(officerUrl);
    await specialist.getByText(code).first().waitFor();
    await takeAction(specialist, 'Nhận xử lý');
    await takeAction(specialist, 'Đề nghị nộp phí, lệ phí');
    await specialist.getByText('Tạm dừng').first().waitFor();
    expect(await specialist.getByRole('button', { name: 'Chuyển bước tiếp theo' }).count()).toBe(0);

    const citizen = await journey.newPage();
    await signInAs(citizen, journey.url(), 'Nguyễn Văn An');
    await citizen.goto(`${journey.url()}/ho-so-cua-toi/${code}`);
    await citizen.getByText('Cơ quan giải quyết đề nghị nộp phí, lệ phí').waitFor();
    await screenshot(citizen, 'fee-requested-citizen');
    await citizen.getByRole('button', { name: 'Thanh toán trực tuyến qua VNPAY' }).click();
    await citizen.getByText('Cổng thanh toán VNPAY — môi trường thử nghiệm').waitFor();
    expect(await citizen.getByText('100.000').count()).toBeGreaterThan(0);
    await citizen.getByRole('button', { name: 'Thanh toán thành công' }).click();
    await citizen
      .getByRole('heading', { level: 1, name: 'Thanh toán thành công' })
      .waitFor({ timeout: 15_000 });

    await specialist.reload();
    await specialist.getByText('Đã thanh toán phí, lệ phí trực tuyến').waitFor();
    await takeAction(specialist, 'Chuyển bước tiếp theo');
  });
});
