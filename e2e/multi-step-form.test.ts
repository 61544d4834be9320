/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DOSSIER_CODE_PATTERN } from '../src/domain/dossier-code.ts';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import { choose, journeyHarness, screenshot, signInAs } from './browser.ts';

const journey = journeyHarness();
const PHONE = { width: 360, height: 740 };

async function openDeathRegistration(page: Page) {
  await page.goto(`${journey.url()}/?q=khai+tu&co-quan=000.00.31.H29`);
  await page.getByRole('link', { name: 'Đăng ký khai tử' }).click();
}

const currentStep = (page: Page) =>
  page.getByRole('list', { name: 'Các bước nộp hồ sơ' }).locator('[aria-current="step"]');

describe('a long form in steps, saved on the server as the citizen goes', () => {
  it('the administrator adds a section and splits the form into steps', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Bùi Thị Lan');
    await page.goto(`${journey.url()}/quan-tri`);
    await page.getByRole('link', { name: 'Đăng ký khai tử' }).click();
    await page.getByText('Thiết kế biểu mẫu').waitFor();
    await choose(page, '[aria-label="Loại trường mới"]', 'Tiêu đề mục');
    await page.getByRole('button', { name: 'Thêm trường' }).click();
    await page.getByLabel('Tên trường', { exact: true }).fill('Quan hệ với người đã chết');
    await choose(page, '[aria-label="Loại trường mới"]', 'Văn bản ngắn');
    await page.getByRole('button', { name: 'Thêm trường' }).click();
    await page.getByLabel('Tên trường', { exact: true }).fill('Quan hệ của người đi khai tử');
    await page.getByRole('switch', { name: 'Bắt buộc', exact: true }).click();
    await page.getByRole('checkbox', { name: /^Biểu mẫu dài/ }).check();
    await page.getByRole('button', { name: 'Công bố' }).click();
    await page.getByText('Đã công bố phiên bản mới').waitFor();

    // The ward keeps its citizens' drafts two weeks.
    await page.goto(`${journey.url()}/quan-tri`);
    await page.getByRole('tab', { name: 'Cài đặt của cơ quan' }).click();
    const ward = page.locator('.ant-card', { hasText: 'Ủy ban nhân dân Phường Sài Gòn' });
    await ward.getByLabel('Thời hạn lưu bản nháp hồ sơ của người dân').fill('14');
    await ward.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByText('Đã lưu cài đặt').waitFor();
  });

  it('on a phone, the citizen fills it step by step and is held at a step until it is right', async () => {
    const page = await journey.newPage(PHONE);
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await openDeathRegistration(page);
    await page.getByRole('heading', { name: 'Bước 1/4: Thông tin người nộp' }).waitFor();
    expect(await currentStep(page).textContent()).toBe('Thông tin người nộp');
    // the next section's field is not on this step
    expect(await page.locator('#root_quanHeCuaNguoiDiKhaiTu').count()).toBe(0);

    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Bước này còn thông tin chưa hợp lệ' })
      .waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'root_hoTenNguoiChet');
    const keptUntil = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date(Date.now() + 14 * 86_400_000));
    await page.getByText(`Bản nháp được giữ đến ${keptUntil}.`).waitFor();

    await page.locator('#root_soCccdNguoiYeuCau').fill('079090001234');
    await page.locator('#root_hoTenNguoiChet').fill('Nguyễn Văn Bảy');
    await page.locator('#root_ngayChet').fill('20/11/2026');
    await page.locator('#root_noiChet').fill('Bệnh viện Chợ Rẫy');
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await page.getByRole('heading', { name: 'Bước 2/4: Quan hệ với người đã chết' }).waitFor();
    await page.locator('#root_quanHeCuaNguoiDiKhaiTu').fill('Con');
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

    await page
      .getByRole('heading', { name: 'Bước 3/4: Thành phần hồ sơ và phí, lệ phí' })
      .waitFor();
    await page
      .locator('[data-document="giay-bao-tu"] input[type=file]')
      .setInputFiles({ name: 'giay-bao-tu.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await page.locator('[data-document="giay-bao-tu"]').getByText('giay-bao-tu.pdf').waitFor();
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await page.getByRole('heading', { name: 'Bước 4/4: Xem lại và nộp' }).waitFor();
    await page.getByText('Nguyễn Văn Bảy').waitFor();
    await page.getByText('20/11/2026').waitFor();
    await page.getByText('giay-bao-tu.pdf').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, '40-multi-step-review-360px');
  });

  it('resumed on another device at the review, it is submitted and the draft is gone', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await openDeathRegistration(page);
    await page.getByText('Đã mở lại bản nháp lưu lúc').waitFor();
    await page.getByRole('heading', { name: 'Bước 4/4: Xem lại và nộp' }).waitFor();
    await page.getByText('Nguyễn Văn Bảy').waitFor();

    // a step already done can be opened again from the list of steps
    await page.getByRole('button', { name: 'Quan hệ với người đã chết' }).click();
    expect(await page.locator('#root_quanHeCuaNguoiDiKhaiTu').inputValue()).toBe('Con');
    // each step is saved before the next opens: wait for it, or a click lands on the old step
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await page
      .getByRole('heading', { name: 'Bước 3/4: Thành phần hồ sơ và phí, lệ phí' })
      .waitFor();
    await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await page.getByRole('heading', { name: 'Bước 4/4: Xem lại và nộp' }).waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const code = (await page.getByTestId('dossier-code').textContent()) ?? '';
    expect(code).toMatch(DOSSIER_CODE_PATTERN);
    // The dossier's page reads the answers under the form's own sections.
    await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
    const section = page.getByRole('heading', { name: 'Quan hệ với người đã chết' });
    await section.waitFor();
    expect(await section.evaluate((heading) => heading.nextElementSibling?.textContent ?? '')).toBe(
      'Quan hệ của người đi khai tửCon',
    );

    await openDeathRegistration(page);
    await page.getByRole('heading', { name: 'Bước 1/4: Thông tin người nộp' }).waitFor();
    expect(await page.getByText('Đã mở lại bản nháp').count()).toBe(0);
  });
});
