/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DOSSIER_CODE_PATTERN } from '../src/domain/dossier-code.ts';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import { choose, journeyHarness, screenshot, signInAs } from './browser.ts';

const journey = journeyHarness();

async function addField(
  page: Page,
  kindLabel: string,
  label: string,
  options: { required?: boolean } = {},
) {
  await choose(page, '[aria-label="Loại trường mới"]', kindLabel);
  await page.getByRole('button', { name: 'Thêm trường' }).click();
  await page.getByLabel('Tên trường', { exact: true }).fill(label);
  if (options.required) await page.getByRole('switch', { name: 'Bắt buộc', exact: true }).click();
}

describe('an agency administrator designs a form in the browser and a citizen files with it', () => {
  it('adds a yes/no question, a field shown only on "Có", and an address, then publishes', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Bùi Thị Lan');
    await page.goto(`${journey.url()}/quan-tri`);
    await page.getByRole('link', { name: 'Đăng ký khai tử' }).click();
    await page.getByText('Thiết kế biểu mẫu').waitFor();

    await addField(page, 'Có/Không', 'Nộp thay theo ủy quyền?', { required: true });
    await addField(page, 'Văn bản ngắn', 'Họ tên người ủy quyền', { required: true });
    await choose(page, '[aria-label="Trường điều kiện"]', 'Nộp thay theo ủy quyền?');
    await addField(page, 'Địa chỉ (tỉnh/thành phố, xã/phường)', 'Địa chỉ nơi cư trú cuối cùng', {
      required: true,
    });

    // the live preview draws the new fields; the conditional one stays hidden until "Có"
    const preview = page.locator('.ant-card', { hasText: 'Xem trước' });
    await preview.getByText('Nộp thay theo ủy quyền?').waitFor();
    expect(await preview.getByText('Họ tên người ủy quyền').count()).toBe(0);
    await preview.getByRole('radio', { name: 'Có' }).check();
    await preview.getByText('Họ tên người ủy quyền').waitFor();
    await screenshot(page, '11-designer');

    await page.getByRole('button', { name: 'Thêm thành phần hồ sơ' }).click();
    await page.getByLabel('Tên thành phần hồ sơ').last().fill('Văn bản ủy quyền');
    await page.getByRole('switch', { name: 'Bắt buộc nộp' }).last().click();
    await page
      .locator('li', { has: page.getByLabel('Tên thành phần hồ sơ') })
      .last()
      .locator('input[type=file]')
      .setInputFiles({
        name: 'mau-giay-uy-quyen.pdf',
        mimeType: 'application/pdf',
        buffer: SAMPLE_PDF,
      });
    await page.getByRole('link', { name: 'mau-giay-uy-quyen.pdf' }).waitFor();

    // the internal workflow: a department head's review between the specialist and the leader
    await page.getByRole('button', { name: 'Thêm bước' }).click();
    const publish = page.getByRole('button', { name: 'Công bố' });
    await page.getByText('Thời gian của bước 2 phải từ 1% đến 100% thời hạn giải quyết').waitFor();
    expect(await publish.isDisabled()).toBe(true);
    await page.getByLabel('Tên bước 2').fill('Lãnh đạo phòng Văn hóa - Xã hội xem xét');
    await choose(page, '[aria-label="Vai trò xử lý bước 2"]', 'Lãnh đạo phòng');
    await page.getByLabel('Thời gian bước 1 (% thời hạn giải quyết)').fill('50');
    await page.getByLabel('Thời gian bước 2 (% thời hạn giải quyết)').fill('20');
    await page.getByText('Tổng thời gian các bước: 100%').waitFor();

    await publish.click();
    await page.getByText('Đã công bố phiên bản mới').waitFor();
    await page.getByText('Các phiên bản: 2, 1.').waitFor();
    await page.reload();
    expect(await page.getByLabel('Tên bước 2').inputValue()).toBe(
      'Lãnh đạo phòng Văn hóa - Xã hội xem xét',
    );
    await page.getByLabel('Tên bước 3').waitFor();

    // the public procedure page lists the documents with the template, before anyone signs in
    await page.goto(`${journey.url()}/?q=khai+tu&co-quan=000.00.31.H29`);
    await page.getByRole('link', { name: 'Đăng ký khai tử' }).click();
    await page.getByRole('link', { name: 'Tải mẫu: mau-giay-uy-quyen.pdf' }).waitFor();
  });

  it('reads in English for an administrator who chooses it: tabs, officers, roles and the designer', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Bùi Thị Lan');
    await page.goto(`${journey.url()}/quan-tri`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Officers and roles' }).click();
    await page.getByRole('columnheader', { name: 'Full name' }).waitFor();
    await page.getByText('Agency administrator —').first().waitFor();
    await page.getByRole('tab', { name: "The agency's public services" }).click();
    await page.getByRole('link', { name: 'Đăng ký khai tử' }).click();
    await page.getByText('Form design').waitFor();
    await page.getByRole('button', { name: 'Add a field' }).waitFor();
    expect(await page.getByText('Thiết kế biểu mẫu').count()).toBe(0);
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByText('Thiết kế biểu mẫu').waitFor();
  });

  it('the citizen sees the new form, is refused field by field, then gets a dossier code', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.goto(`${journey.url()}/?q=khai+tu&co-quan=000.00.31.H29`);
    await page.getByRole('link', { name: 'Đăng ký khai tử' }).click();
    await page.getByText('Nộp thay theo ủy quyền?').waitFor();
    expect(await page.getByText('Họ tên người ủy quyền').count()).toBe(0);
    await page
      .locator('[data-document]', { hasText: 'Văn bản ủy quyền' })
      .getByText('Không bắt buộc')
      .waitFor();
    const template = page.getByRole('link', { name: 'Tải mẫu: mau-giay-uy-quyen.pdf' });
    const download = await page.request.get(
      new URL((await template.getAttribute('href')) ?? '', journey.url()).toString(),
    );
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(SAMPLE_PDF)).toBe(true);

    await page.locator('#root_hoTenNguoiChet').fill('Nguyễn Văn Bảy');
    await page.locator('#root_ngayChet').click();
    await page.locator('#root_ngayChet').fill('20/11/2026');
    await page.locator('#root_ngayChet').press('Enter');
    expect(await page.locator('#root_ngayChet').inputValue()).toBe('20/11/2026');
    await page.locator('#root_noiChet').fill('Bệnh viện Chợ Rẫy');
    await page.getByRole('radio', { name: 'Có' }).check();
    await page.getByText('Họ tên người ủy quyền').waitFor();
    await choose(page, '#root_diaChiNoiCuTruCuoiCung_tinhThanhPho', 'Thành phố Hồ Chí Minh');
    await choose(page, '#root_diaChiNoiCuTruCuoiCung_xaPhuong', 'Phường Sài Gòn');
    await page.locator('#root_diaChiNoiCuTruCuoiCung_diaChiChiTiet').fill('12 Lê Lợi');
    await page
      .locator('[data-document="giay-bao-tu"] input[type=file]')
      .setInputFiles({ name: 'giay-bao-tu.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await page.locator('[data-document="giay-bao-tu"]').getByText('giay-bao-tu.pdf').waitFor();

    // the conditional field is required now that it is shown
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const field = page.locator('.form-field', { has: page.locator('#root_hoTenNguoiUyQuyen') });
    await field.getByText('Vui lòng nhập thông tin bắt buộc này').waitFor();
    await screenshot(page, '12-conditional-required');

    await page.locator('#root_hoTenNguoiUyQuyen').fill('Nguyễn Văn An');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const code = (await page.getByTestId('dossier-code').textContent()) ?? '';
    expect(code).toMatch(DOSSIER_CODE_PATTERN);
  });
});
