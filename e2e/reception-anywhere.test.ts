/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import {
  choose,
  fillBirthRegistration,
  journeyHarness,
  openFromInbox,
  openService,
  screenshot,
  signInAs,
  takeAction,
} from './browser.ts';

const journey = journeyHarness();

/**
 * Picks an option of an antd Select without search, by keyboard: a click on an option can land
 * while the list still animates and be lost (seen under load), where the highlighted option and
 * Enter cannot.
 */
async function pick(page: import('playwright-core').Page, select: string, option: string) {
  await page.locator(select).click();
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  await active.waitFor();
  for (let moves = 0; moves < 20; moves++) {
    const title = await active.getAttribute('title');
    if (title === option) break;
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => active.getAttribute('title')).not.toBe(title);
  }
  expect(await active.getAttribute('title')).toBe(option);
  await page.keyboard.press('Enter');
  await page
    .locator('.ant-select', { has: page.locator(select) })
    .getByText(option, { exact: true })
    .waitFor();
}
const PHONE = { width: 360, height: 800 };

// Decree 118/2025: Phường Sài Gòn's center receives a procedure of Phường Bến Thành at its desk,
// Bến Thành handles it, and the result is returned at Sài Gòn; each step on a phone.
describe('reception regardless of boundary, in Chromium at 360 px', () => {
  let code = '';
  let dossierUrl = '';

  const status = (page: import('playwright-core').Page, value: string) =>
    page.locator(`.facts [data-status="${value}"]`).waitFor();
  const openAs = async (name: string) => {
    const page = await journey.newPage(PHONE);
    await signInAs(page, journey.url(), name);
    await page.goto(dossierUrl);
    await page.getByText(code).first().waitFor();
    return page;
  };

  it('Sài Gòn’s desk registers a Bến Thành procedure handed in at its counter, and receives it', async () => {
    const desk = await journey.newPage(PHONE);
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    await desk.goto(`${journey.url()}/can-bo`);
    await desk.getByRole('link', { name: 'Nhập hồ sơ nộp trực tiếp' }).click();
    await choose(desk, '#register-service', 'Đăng ký khai sinh — Ủy ban nhân dân Phường Bến Thành');
    await desk.getByText(/Trung tâm tiếp nhận không phụ thuộc địa giới hành chính/).waitFor();
    await desk.getByLabel('Họ, chữ đệm và tên').fill('Phạm Thị Hoa');
    await desk.getByLabel('Số định danh cá nhân (CCCD)').fill('079195012345');
    await desk.getByLabel('Số điện thoại', { exact: true }).fill('0901234567');
    await desk.getByRole('button', { name: 'Tiếp tục nhập tờ khai' }).click();
    await expect
      .poll(() => desk.locator('#root_hoTenNguoiYeuCau').inputValue())
      .toBe('Phạm Thị Hoa');
    await fillBirthRegistration(desk);
    await desk.locator('#root_soCccdNguoiYeuCau').fill('079195012345');
    await choose(desk, '#root_quanHe', 'Mẹ');
    await desk.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    // the code names the center that received it
    const done = desk.getByText(/^Đã nhập hồ sơ 000\.00\.31\.H29-/);
    await done.waitFor({ timeout: 15_000 });
    code = /000\.00\.31\.H29-\d{6}-\d+/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(code).not.toBe('');
    await desk.getByRole('link', { name: 'Mở hồ sơ' }).click();
    dossierUrl = desk.url();
    const facts = desk.locator('.facts').first();
    await facts.getByText('Ủy ban nhân dân Phường Bến Thành').first().waitFor();
    await expect
      .poll(() => facts.textContent())
      .toMatch(/Nơi tiếp nhận\s*Ủy ban nhân dân Phường Sài Gòn/);
    await takeAction(desk, 'Tiếp nhận hồ sơ');
    await status(desk, 'received');
    // the center takes no part in the processing
    expect(await desk.getByRole('button', { name: 'Nhận xử lý', exact: true }).count()).toBe(0);
    await screenshot(desk, '40-received-at-center');
  });

  it('Bến Thành handles it', async () => {
    const specialist = await openAs('Lý Thị Mai');
    await takeAction(specialist, 'Nhận xử lý');
    await takeAction(specialist, 'Chuyển bước tiếp theo');
    const leader = await openAs('Phan Văn Nam');
    await takeAction(leader, 'Nhận xử lý');
    await takeAction(leader, 'Phê duyệt kết quả');
    await status(leader, 'result_ready');
    // returning it is the center's
    expect(await leader.getByRole('button', { name: 'Trả kết quả', exact: true }).count()).toBe(0);
  });

  it('Sài Gòn’s desk finds it in its center view and returns the result', async () => {
    const desk = await journey.newPage(PHONE);
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    await desk.goto(`${journey.url()}/can-bo`);
    await pick(desk, '[aria-label="Danh sách hồ sơ"]', 'Tiếp nhận, trả kết quả cho đơn vị khác');
    await desk.getByRole('link', { name: code }).click();
    await takeAction(desk, 'Trả kết quả', async () => {
      await pick(desk, '#returnMethod', 'Trực tiếp tại Bộ phận Một cửa');
    });
    await status(desk, 'returned');
    expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await screenshot(desk, '41-returned-at-center');
  });

  it('an online application to Bến Thành, its result collected at Sài Gòn', async () => {
    const citizen = await journey.newPage(PHONE);
    await signInAs(citizen, journey.url(), 'Nguyễn Văn An');
    await citizen.goto(journey.url());
    await openService(
      citizen,
      'khai sinh',
      'Đăng ký khai sinh',
      'Ủy ban nhân dân Phường Bến Thành',
    );
    await choose(citizen, '#return-at', 'Ủy ban nhân dân Phường Sài Gòn');
    await fillBirthRegistration(citizen);
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const online =
      (await citizen.getByTestId('dossier-code').textContent({ timeout: 15_000 })) ?? '';
    expect(online.startsWith('000.00.32.H29-')).toBe(true);

    // Bến Thành receives and handles it
    const specialist = await journey.newPage(PHONE);
    await signInAs(specialist, journey.url(), 'Lý Thị Mai');
    await openFromInbox(specialist, journey.url(), online);
    await takeAction(specialist, 'Tiếp nhận hồ sơ');
    await takeAction(specialist, 'Nhận xử lý');
    await takeAction(specialist, 'Chuyển bước tiếp theo');
    const leader = await journey.newPage(PHONE);
    await signInAs(leader, journey.url(), 'Phan Văn Nam');
    await leader.goto(specialist.url());
    await takeAction(leader, 'Nhận xử lý');
    await takeAction(leader, 'Phê duyệt kết quả');
    await status(leader, 'result_ready');

    // Sài Gòn returns it
    const desk = await journey.newPage(PHONE);
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    await desk.goto(`${journey.url()}/can-bo`);
    await pick(desk, '[aria-label="Danh sách hồ sơ"]', 'Tiếp nhận, trả kết quả cho đơn vị khác');
    await desk.getByRole('link', { name: online }).click();
    await takeAction(desk, 'Trả kết quả', async () => {
      await pick(desk, '#returnMethod', 'Trực tiếp tại Bộ phận Một cửa');
    });
    await status(desk, 'returned');

    // one reception at Sài Gòn (the counter dossier), the handling of both at Bến Thành
    const figures = async (agency: string) =>
      (
        (await (
          await fetch(`${journey.url()}/api/v1/stats/agencies/${agency}?period=live`)
        ).json()) as { indicators: { dossiers: { received: number; finished: number } } }
      ).indicators.dossiers;
    await expect
      .poll(() => figures('000.00.31.H29'), { timeout: 30_000 })
      .toMatchObject({ received: 1, finished: 0 });
    await expect
      .poll(() => figures('000.00.32.H29'), { timeout: 30_000 })
      .toMatchObject({ received: 1, finished: 2 });
  });

  it('the wards then merge: the system administrator merges Bến Thành into Sài Gòn, whose figures carry both', async () => {
    const admin = await journey.newPage(PHONE);
    await signInAs(admin, journey.url(), 'Trịnh Quốc Việt');
    await admin.goto(`${journey.url()}/quan-tri`);
    await admin.getByRole('tab', { name: 'Danh mục cơ quan, đơn vị' }).click();
    await pick(admin, '#from', 'Ủy ban nhân dân Phường Bến Thành (000.00.32.H29)');
    // a multiple choice keeps its list open
    await admin.keyboard.press('Escape');
    // a searchable choice: type, and take the one match
    await admin.locator('#into').fill('000.00.31.H29');
    await admin.keyboard.press('Enter');
    await admin
      .locator('.ant-select', { has: admin.locator('#into') })
      .getByText('Ủy ban nhân dân Phường Sài Gòn (000.00.31.H29)', { exact: true })
      .waitFor();
    await admin
      .getByLabel('Căn cứ (nghị quyết, quyết định về việc sắp xếp)')
      .fill('Nghị quyết về sắp xếp đơn vị hành chính cấp xã của Thành phố Hồ Chí Minh');
    await admin.getByRole('button', { name: 'Sáp nhập', exact: true }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Sáp nhập' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: 'Đã sáp nhập vào Ủy ban nhân dân Phường Sài Gòn' })
      .waitFor();
    await screenshot(admin, '45-agencies-merged');

    const figures = async (agency: string, structure: string) =>
      (
        (await (
          await fetch(
            `${journey.url()}/api/v1/stats/agencies/${agency}?period=live&structure=${structure}`,
          )
        ).json()) as { indicators: { dossiers: { received: number; finished: number } } }
      ).indicators.dossiers;
    // as the wards were, nothing changed; under today's, Sài Gòn counts Bến Thành's too
    expect(await figures('000.00.32.H29', 'then')).toMatchObject({ received: 1, finished: 2 });
    expect(await figures('000.00.31.H29', 'then')).toMatchObject({ received: 1, finished: 0 });
    expect(await figures('000.00.31.H29', 'now')).toMatchObject({ received: 2, finished: 2 });
  });
});
