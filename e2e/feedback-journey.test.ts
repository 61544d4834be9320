/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  choose,
  fillBirthRegistration,
  journeyHarness,
  openFromInbox,
  openService,
  screenshot,
  settled,
  signInAs,
} from './browser.ts';

const journey = journeyHarness();
const PHONE = { width: 360, height: 740 };
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
// A stored-script attempt: wherever the title is shown it must stay text.
const HOSTILE = '<img src=x onerror="window.__xss = 1">';
const TITLE = `Hồ sơ khai sinh trễ hẹn ${HOSTILE}`;

/** The script never ran on this page, and the title reads as typed. */
async function expectInert(page: Page) {
  await page.getByText(TITLE).first().waitFor();
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
}

describe('feedback journey in Chromium: a citizen on a phone, two desks, the officer, the leader', () => {
  let dossierCode = '';
  let dossierPath = '';
  let code = '';

  const openItem = async (name: string) => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), name);
    await page.goto(`${journey.url()}/can-bo/phan-anh/${code}`);
    await page.getByRole('heading', { name: `Phản ánh ${code}` }).waitFor();
    return page;
  };
  const act = async (page: Page, action: string, fill: () => Promise<void> = async () => {}) => {
    await page.getByRole('button', { name: action, exact: true }).click();
    await fill();
    await page.getByRole('button', { name: action, exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã thực hiện: ${action}` })
      .waitFor();
  };

  it('the citizen sends feedback about their dossier with a photo, from a phone', async () => {
    const desktop = await journey.newPage();
    await signInAs(desktop, journey.url(), 'Nguyễn Văn An');
    await desktop.goto(journey.url());
    await openService(desktop, 'khai sinh', 'Đăng ký khai sinh', 'Ủy ban nhân dân Phường Sài Gòn');
    await fillBirthRegistration(desktop);
    await desktop.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    dossierCode =
      (await desktop.getByTestId('dossier-code').textContent({ timeout: 15_000 })) ?? '';
    expect(dossierCode).not.toBe('');

    const page = await journey.newPage(PHONE);
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.getByRole('button', { name: 'Danh mục chức năng' }).click();
    await page.getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await page.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    await choose(page, '#feedback-categoryCode', 'Giải quyết hồ sơ');
    await choose(page, '#feedback-dossierCode', dossierCode);
    await page.getByLabel('Tiêu đề', { exact: true }).fill(TITLE);
    await page
      .getByLabel('Nội dung phản ánh', { exact: true })
      .fill(
        'Tôi là Nguyễn Văn An, CCCD 079090001234, điện thoại 0912345678. Hồ sơ khai sinh của con tôi đã quá ngày hẹn trả mà chưa có kết quả, cán bộ không giải thích lý do.',
      );
    await choose(page, '#feedback-province', 'Thành phố Hồ Chí Minh');
    await choose(page, '#feedback-commune', 'Phường Sài Gòn');
    await page.locator('#feedback-file').setInputFiles({
      name: 'anh-giay-hen.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.getByText('anh-giay-hen.png').waitFor();
    await page.getByLabel(/Tôi đồng ý công khai/).check();
    await screenshot(page, '60-feedback-form-360px');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByRole('heading', { name: 'Đã gửi phản ánh, kiến nghị' }).waitFor();
    code = ((await page.locator('.dossier-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^PAKN-\d{8}-\d{6}$/);
    // nothing on the phone page is wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await screenshot(page, '61-feedback-sent-360px');
  });

  it('the national desk forwards it to the ward, whose desk assigns it', async () => {
    const national = await journey.newPage();
    await signInAs(national, journey.url(), 'Đinh Thị Phượng');
    await national.goto(`${journey.url()}/can-bo/phan-anh`);
    await national.getByRole('link', { name: code }).click();
    await national.getByRole('heading', { name: `Phản ánh ${code}` }).waitFor();
    await expectInert(national);
    await act(national, 'Chuyển cơ quan có thẩm quyền', () =>
      choose(national, '#agencyCode', 'Ủy ban nhân dân Phường Sài Gòn (000.00.31.H29)'),
    );
    await national.getByText('Đã chuyển cơ quan có thẩm quyền').first().waitFor();

    const wardDesk = await openItem('Mạc Văn Sơn');
    await act(wardDesk, 'Giao xử lý', () => choose(wardDesk, '#officerId', 'Võ Thanh Giang'));
    await wardDesk.getByText('Cơ quan có thẩm quyền đang xử lý').first().waitFor();
  });

  it('the officer drafts the answer and the leader approves it', async () => {
    const specialist = await openItem('Võ Thanh Giang');
    await act(specialist, 'Trình dự thảo trả lời', () =>
      specialist
        .getByLabel('Dự thảo trả lời')
        .fill(
          'Ủy ban nhân dân Phường Sài Gòn xin lỗi ông vì hồ sơ trễ hẹn. Kết quả đã được ký và trả trực tuyến trong ngày.',
        ),
    );
    const leader = await openItem('Đỗ Văn Khoa');
    // the leader reads what the public page will show: no name, no CCCD, no phone
    await leader.getByRole('button', { name: 'Duyệt và gửi trả lời', exact: true }).click();
    const preview = await settled(leader.getByTestId('public-preview'));
    const previewText = (await preview.textContent()) ?? '';
    expect(previewText).not.toContain('Nguyễn Văn An');
    expect(previewText).not.toContain('079090001234');
    await leader.getByRole('button', { name: 'Duyệt và gửi trả lời', exact: true }).click();
    await leader.getByRole('status').filter({ hasText: 'Đã thực hiện' }).waitFor();
    await screenshot(leader, '62-feedback-approved');
  });

  it('the citizen reads the answer on the phone and rates it', async () => {
    const page = await journey.newPage(PHONE);
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await page.goto(`${journey.url()}/phan-anh`);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByText('Kết quả đã được ký và trả trực tuyến').waitFor();
    await expectInert(page);
    await page.getByLabel('Hài lòng', { exact: true }).check();
    await page.getByLabel('Ý kiến thêm (không bắt buộc)').fill('Cảm ơn phường đã trả lời nhanh');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Đánh giá của bạn: Hài lòng').waitFor();
    await screenshot(page, '63-feedback-rated-360px');
  });

  it('the answer is on the public page without the citizen’s name, phone or CCCD', async () => {
    const page = await journey.newPage(PHONE);
    await page.goto(`${journey.url()}/tra-loi-phan-anh?q=${encodeURIComponent('tre hen')}`);
    await page.getByText(code).waitFor();
    await expectInert(page);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Kết quả đã được ký');
    for (const personal of ['Nguyễn Văn An', '079090001234', '0912345678'])
      expect(text).not.toContain(personal);
    await screenshot(page, '64-feedback-public-360px');
  });

  it('the national supervisor opens the answered items behind the national figure', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Trương Văn Quang');
    await page.goto(`${journey.url()}/thong-ke`);
    await page
      .getByTestId('feedback-behind-links')
      .getByRole('link', { name: 'Đã trả lời' })
      .click();
    await page
      .getByRole('heading', { name: 'Phản ánh, kiến nghị được tính trong số liệu' })
      .waitFor();
    await page.getByRole('link', { name: code }).waitFor();
    await expectInert(page);
  });

  it('the officer sees the feedback on the dossier’s page', async () => {
    const page = await journey.newPage();
    await signInAs(page, journey.url(), 'Võ Thanh Giang');
    dossierPath = await openFromInbox(page, journey.url(), dossierCode);
    expect(dossierPath).toContain('/can-bo/ho-so/');
    const card = page.locator('.ant-card').filter({ hasText: 'Phản ánh, kiến nghị về hồ sơ này' });
    await card.getByText(TITLE).waitFor();
    await expectInert(page);
  });
});
