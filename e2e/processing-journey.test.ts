/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import {
  choose,
  fillBirthRegistration,
  journeyHarness,
  openFromInbox,
  openService,
  screenshot,
  settled,
  signInAs,
  takeAction,
} from './browser.ts';

const journey = journeyHarness();

describe('one-stop-shop journey in Chromium: supplement, two steps, transfer, approval, return, rating', () => {
  let code = '';
  let dossierId = '';

  const openAs = async (name: string) => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), name);
    await page.goto(`${journey.url()}/can-bo/ho-so/${dossierId}`);
    await page.getByText(code).first().waitFor();
    return page;
  };
  const citizenPage = async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.goto(`${journey.url()}/ho-so-cua-toi/${code}`);
    await page.getByText('Quá trình xử lý').waitFor();
    return page;
  };
  const status = (page: import('playwright-core').Page, value: string) =>
    page.locator(`.facts [data-status="${value}"]`).waitFor();

  it('the citizen submits online and the one-stop desk asks once for a supplement', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.goto(journey.url());
    await openService(page, 'khai sinh', 'Đăng ký khai sinh', 'Ủy ban nhân dân Phường Sài Gòn');
    await fillBirthRegistration(page);
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    code = (await page.getByTestId('dossier-code').textContent({ timeout: 15_000 })) ?? '';

    const desk = await journey.newPage();
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    dossierId = (await openFromInbox(desk, journey.url(), code)).split('/').pop() ?? '';
    // A request without reasons is stopped in the form.
    await desk.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).click();
    const dialog = await settled(desk.getByRole('dialog'));
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await desk.getByText('Vui lòng ghi rõ lý do').waitFor();
    await dialog
      .getByLabel('Lý do, nội dung')
      .fill('Giấy chứng sinh bị mờ, vui lòng tải lại bản rõ nét');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await desk.getByText('Đã thực hiện: Yêu cầu bổ sung').waitFor();
    await status(desk, 'supplement_requested');
    await screenshot(desk, '20-supplement-requested');
  });

  it('the citizen reads the request, uploads a clearer scan and the desk receives the dossier', async () => {
    const page = await citizenPage();
    await page.getByText('Giấy chứng sinh bị mờ, vui lòng tải lại bản rõ nét').first().waitFor();
    await takeAction(page, 'Bổ sung hồ sơ', async (dialog) => {
      await choose(page, '#documentKey', 'giay-chung-sinh');
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'giay-chung-sinh-ro-net.pdf',
        mimeType: 'application/pdf',
        buffer: SAMPLE_PDF,
      });
    });
    await status(page, 'submitted');
    await page.getByText('giay-chung-sinh-ro-net.pdf').waitFor();

    const desk = await openAs('Lê Minh Châu');
    await takeAction(desk, 'Tiếp nhận hồ sơ');
    await status(desk, 'received');
    await screenshot(desk, '21-received');
  });

  it('the specialist and the leader of the ward act in turn; the leader transfers it to Bến Thành', async () => {
    const specialist = await openAs('Võ Thanh Giang');
    await takeAction(specialist, 'Nhận xử lý');
    await takeAction(specialist, 'Chuyển bước tiếp theo');
    await specialist.getByText('Lãnh đạo phê duyệt').first().waitFor();

    const leader = await openAs('Đỗ Văn Khoa');
    await takeAction(leader, 'Nhận xử lý');
    await takeAction(leader, 'Chuyển liên thông', async (dialog) => {
      await choose(leader, '#targetAgencyId', 'Ủy ban nhân dân Phường Bến Thành');
      await dialog.getByLabel('Lý do, nội dung').fill('Chuyển phường nơi cư trú của mẹ giải quyết');
    });
    await status(leader, 'transferred');
  });

  it('Bến Thành accepts, processes and approves, and returns the result online', async () => {
    const desk = await openAs('Lý Thị Mai');
    await takeAction(desk, 'Tiếp nhận hồ sơ liên thông');
    await takeAction(desk, 'Nhận xử lý');
    await takeAction(desk, 'Chuyển bước tiếp theo');

    const leader = await openAs('Phan Văn Nam');
    await takeAction(leader, 'Nhận xử lý');
    await takeAction(leader, 'Phê duyệt kết quả');
    await status(leader, 'result_ready');

    await desk.reload();
    await takeAction(desk, 'Trả kết quả', async () => {
      await choose(desk, '#returnMethod', 'Trực tuyến');
    });
    await status(desk, 'returned');
    await screenshot(desk, '22-returned');
  });

  it('the citizen rates the service and reads the whole history, with units and not officers', async () => {
    const page = await citizenPage();
    await takeAction(page, 'Đánh giá mức độ hài lòng', async (dialog) => {
      await dialog.locator('.ant-rate-star').nth(4).click();
    });
    const timeline = page.locator('.timeline > li');
    await expect.poll(() => timeline.count()).toBe(15);
    const texts = await timeline.allTextContents();
    expect(texts[3]).toContain('Tiếp nhận hồ sơ');
    expect(texts[7]).toContain('Chuyển liên thông');
    expect(texts[7]).toContain('Ủy ban nhân dân Phường Bến Thành');
    expect(texts[12]).toContain('Phê duyệt kết quả');
    expect(texts.join(' ')).not.toContain('Võ Thanh Giang');
    await screenshot(page, '23-citizen-timeline');

    await page.goto(`${journey.url()}/ho-so-cua-toi`);
    await page.getByText(`Hồ sơ ${code}: trả kết quả`).first().waitFor();
    await page.goto(`${journey.url()}/hop-thu-mau`);
    await page.getByText(`Hồ sơ ${code}: tiếp nhận hồ sơ, hẹn ngày trả kết quả`).first().waitFor();
    await screenshot(page, '24-mailbox');
  });

  it('the desk registers a dossier handed in at the counter, with its scan, and receives it', async () => {
    const desk = await journey.newPage();
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    await desk.goto(`${journey.url()}/can-bo`);
    await desk.getByRole('link', { name: 'Nhập hồ sơ nộp trực tiếp' }).click();
    await choose(desk, '#register-service', 'Đăng ký khai sinh — Ủy ban nhân dân Phường Sài Gòn');
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
    await desk.getByText(/^Đã nhập hồ sơ 000\.00\.31\.H29-/).waitFor({ timeout: 15_000 });
    await desk.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await desk.getByText('Trực tiếp tại Bộ phận Một cửa').waitFor();
    await takeAction(desk, 'Tiếp nhận hồ sơ');
    await status(desk, 'received');
    await desk
      .getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)' })
      .waitFor();
    await screenshot(desk, '25-counter-dossier');
  });

  it('the desk downloads the register of the month, with the dossiers it took in, the transferred one included', async () => {
    const desk = await journey.newPage();
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    await desk.goto(`${journey.url()}/can-bo`);
    await desk.getByText('Xuất sổ theo dõi hồ sơ').click();
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByRole('link', { name: 'Tải tệp CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^so-theo-doi-ho-so-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const text = await readFile(await download.path(), 'utf8');
    expect(text).toContain('Mã hồ sơ');
    expect(text).toContain('Phạm Thị Hoa');
    // the dossier Sài Gòn received and transferred to Bến Thành stays in Sài Gòn's register
    expect(text).toContain(code);
  });
});
