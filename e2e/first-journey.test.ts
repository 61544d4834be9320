/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { DOSSIER_CODE_PATTERN } from '../src/domain/dossier-code.ts';
import {
  fillBirthRegistration,
  journeyHarness,
  openService,
  screenshot,
  signInAs,
  takeAction,
} from './browser.ts';

const journey = journeyHarness();

describe('first journey in Chromium: a citizen submits a birth registration, the commune receives it', () => {
  let code = '';
  let dossierId = '';

  it('the citizen fills the form, is told of a wrong CCCD next to the field, attaches the birth certificate and gets a dossier code', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.goto(journey.url());
    await openService(
      page,
      'dang ky khai snh',
      'Đăng ký khai sinh',
      'Ủy ban nhân dân Phường Sài Gòn',
    );
    await page.getByText('Nộp hồ sơ trực tuyến').waitFor();
    await screenshot(page, '01-service');

    // prefilled from the signed-in identity
    await expect
      .poll(() => page.locator('#root_hoTenNguoiYeuCau').inputValue())
      .toBe('Nguyễn Văn An');

    await page.locator('#root_soCccdNguoiYeuCau').fill('12345');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByText('Số CCCD không hợp lệ (12 chữ số, đúng mã tỉnh và năm sinh)').waitFor();
    await page.getByText('Vui lòng nhập thông tin bắt buộc này').first().waitFor();
    // The cursor goes to the first field to fix as the form reads, which names its error.
    await page.waitForFunction(() => document.activeElement?.id === 'root_soCccdNguoiYeuCau');
    const cccd = page.locator('#root_soCccdNguoiYeuCau');
    expect(await cccd.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await cccd.getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate(
      (ids) => ids.map((id) => document.getElementById(id)?.textContent).join(' '),
      describedBy.split(' '),
    );
    expect(description).toContain('Số CCCD không hợp lệ');
    await screenshot(page, '02-field-errors');

    await fillBirthRegistration(page);

    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const codeElement = page.getByTestId('dossier-code');
    await codeElement.waitFor({ timeout: 15_000 });
    code = (await codeElement.textContent()) ?? '';
    expect(code).toMatch(DOSSIER_CODE_PATTERN);
    expect(code.startsWith('000.00.31.H29-')).toBe(true);
    await page.getByText('Nộp hồ sơ thành công').waitFor();
    await screenshot(page, '03-receipt');
  });

  it('the reception officer of that commune sees it in the inbox, opens it and receives it', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Lê Minh Châu');
    await page.goto(`${journey.url()}/can-bo`);
    const link = page.getByRole('link', { name: code });
    await link.waitFor();
    dossierId = ((await link.getAttribute('href')) ?? '').split('/').pop() ?? '';
    await screenshot(page, '04-inbox');
    await link.click();
    await page.getByText('Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh').waitFor();
    await takeAction(page, 'Tiếp nhận hồ sơ');
    await page.locator('.facts [data-status="received"]').waitFor();
    await screenshot(page, '05-received');
  });

  it('an officer of another agency neither sees nor opens it', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Hoàng Thị Hà');
    await page.goto(`${journey.url()}/can-bo`);
    await page.locator('.ant-segmented-item', { hasText: 'Tất cả' }).click();
    await page.locator('.ant-table').waitFor();
    expect(await page.getByRole('link', { name: code }).count()).toBe(0);
    const response = await page.request.get(
      `${journey.url()}/api/v1/officer/dossiers/${dossierId}`,
    );
    expect(response.status()).toBe(404);
  });

  it('the citizen sees the new status, and anyone can look it up by code', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.goto(`${journey.url()}/ho-so-cua-toi/${code}`);
    await page.locator('.facts [data-status="received"]').waitFor();
    await page.getByText('Quá trình xử lý').waitFor();
    // The answers read in the order the form asked them, dates as dd/MM/yyyy.
    const labels = await page.locator('.facts dt').allTextContents();
    const asked = [
      'Quan hệ với người được khai sinh',
      'Họ, chữ đệm và tên người được khai sinh',
      'Ngày, tháng, năm sinh',
      'Nơi sinh (tên cơ sở y tế hoặc địa chỉ)',
      'Họ, chữ đệm và tên người mẹ',
    ].map((label) => labels.indexOf(label));
    expect(asked.every((at) => at >= 0)).toBe(true);
    expect(asked).toEqual([...asked].sort((a, b) => a - b));
    await page.getByText('01/11/2026').first().waitFor();
    await screenshot(page, '06-citizen-status');

    const anonymous = await journey.newPage({ width: 360, height: 740 });
    await anonymous.goto(`${journey.url()}/tra-cuu?ma=${encodeURIComponent(code)}`);
    await anonymous.locator('[data-status="received"]').waitFor();
    expect(await anonymous.getByText('Nguyễn Văn An').count()).toBe(0);
    const overflow = await anonymous.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(anonymous, '07-lookup-360px');
  });

  it('on a phone, a search with swapped letters offers the procedure meant, and it opens', async () => {
    const page = await journey.newPage({ width: 360, height: 740 });
    await page.goto(journey.url());
    await page.getByRole('searchbox', { name: 'Nhập tên thủ tục cần tìm' }).fill('khia sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByText('Có phải bạn muốn tìm:').waitFor();
    await page.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
    // One card for the procedure, saying how many agencies offer it, not one card per ward.
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }) });
    await card.filter({ hasText: '3 cơ quan thực hiện' }).waitFor();
    expect(await card.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Đăng ký khai sinh');

    // The filters are the phone's own controls, and each keeps its choice in the address.
    await page.getByLabel('Lọc theo cơ quan thực hiện').selectOption('000.00.31.H29');
    await page.waitForURL((url) => url.searchParams.get('co-quan') === '000.00.31.H29');
    await card.filter({ hasText: 'Ủy ban nhân dân Phường Sài Gòn' }).waitFor();
    const full = page.getByRole('radio', { name: 'Toàn trình' });
    await full.click();
    await page.waitForURL((url) => url.searchParams.get('muc-do') === 'full');
    expect(await full.isChecked()).toBe(true);
    // Birth registration is not full online at the ward (its result is a paper extract).
    await page.getByText('Không tìm thấy thủ tục phù hợp').waitFor();
  });

  it('switches the interface to English', async () => {
    const page = await journey.newPage();
    await page.goto(journey.url());
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Online public services' }).waitFor();
    await page.getByText('OpenDVC — open-source software for online public services').waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).waitFor();
  });
});
