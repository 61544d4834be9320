/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfsigReport } from '../test/helpers/pdf-text.ts';
import {
  removeDataDir,
  requireBuiltWebApp,
  startServer,
  type RunningServer,
} from '../test/helpers/server-process.ts';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import { launchChromium, openFromInbox, screenshot, signInAs, takeAction } from './browser.ts';

// The national portal and a province's system, each its own process and database, on two site
// names (a browser shares cookies across ports): the province signs its citizens in at the
// portal's identity provider, as members sign in at the national one.
let hub: RunningServer;
let province: RunningServer;
let browser: Browser;

beforeAll(async () => {
  requireBuiltWebApp();
  hub = await startServer({
    env: { INSTANCE_ROLE: 'national', PORTAL_NAME: 'Cổng Dịch vụ công quốc gia' },
  });
  province = await startServer({
    siteName: 'localhost',
    env: {
      HUB_URL: hub.url,
      IDP_ENABLED: 'false',
      OIDC_ISSUER: `${hub.url}/idp`,
      OIDC_CLIENT_ID: 'opendvc-member-e2e',
      OIDC_CLIENT_SECRET: 'member-e2e-client-secret',
      PORTAL_NAME: 'Hệ thống thông tin giải quyết TTHC Thành phố Hồ Chí Minh',
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  for (const server of [province, hub]) {
    await server.stop();
    await removeDataDir(server.dataDir);
  }
});

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return context.newPage();
}

/** The portal's search, typed without diacritics, until the members' catalogs have arrived. */
async function findAtPortal(page: Page, query: string, agency: string, procedure: string) {
  const result = page
    .getByRole('listitem')
    .filter({ hasText: agency })
    .getByRole('link', { name: procedure });
  await expect
    .poll(
      async () => {
        await page.goto(`${hub.url}/?q=${encodeURIComponent(query)}`);
        await page.getByPlaceholder('Nhập tên thủ tục cần tìm').waitFor();
        await page.locator('main').getByRole('status').or(result).first().waitFor();
        return result.count();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBeGreaterThan(0);
  return result;
}

describe('the national portal: one entry point, the agency systems behind it', () => {
  it('a citizen finds a ward’s service at the portal, submits there, pays at the province without signing in again, the ward processes it, and the citizen downloads the signed result from the portal', async () => {
    const citizen = await newPage({ width: 360, height: 740 });
    await signInAs(citizen, hub.url, 'Nguyễn Văn An');
    const service = await findAtPortal(
      citizen,
      'ho kinh doanh',
      'Ủy ban nhân dân Phường Sài Gòn',
      'Đăng ký thành lập hộ kinh doanh',
    );
    await service.first().click();
    await citizen.getByText('100.000').first().waitFor();
    await citizen.locator('#root_soCccdNguoiYeuCau').fill('079090001234');
    await citizen.locator('#root_tenHoKinhDoanh').fill('Hộ kinh doanh Tạp hóa An Khang');
    await citizen.locator('#root_diaChiTruSo').fill('12 Lê Lợi, Phường Sài Gòn');
    await citizen.locator('#root_nganhNghe').fill('Bán lẻ hàng tạp hóa');
    await citizen.locator('#root_vonKinhDoanh').fill('50.000.000');
    await citizen.locator('[data-document="giay-de-nghi"] input[type=file]').setInputFiles({
      name: 'giay-de-nghi.pdf',
      mimeType: 'application/pdf',
      buffer: SAMPLE_PDF,
    });
    await citizen.locator('[data-document="giay-de-nghi"]').getByText('giay-de-nghi.pdf').waitFor();
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    // The portal hands it to the province's system, which issues the code.
    const code = (await citizen.getByTestId('dossier-code').textContent({ timeout: 20_000 })) ?? '';
    expect(code).toMatch(/^000\.00\.31\.H29-\d{6}-\d{4}$/);
    await citizen.getByRole('heading', { name: 'cơ quan đã nhận hồ sơ' }).waitFor();
    await screenshot(citizen, 'national-receipt');

    // The portal follows it as the province reports it.
    await citizen.getByRole('link', { name: 'Xem hồ sơ' }).click();
    await citizen.getByTestId('national-history').getByText('Đã nộp').first().waitFor();

    // To pay: to the province's page for the dossier, signed in already (one identity provider).
    await citizen.getByTestId('member-link').click();
    await citizen.waitForURL(`${province.url}/ho-so-cua-toi/${code}`);
    await citizen.getByRole('button', { name: 'Thanh toán trực tuyến qua VNPAY' }).click();
    await citizen.getByText('Cổng thanh toán VNPAY — môi trường thử nghiệm').waitFor();
    await citizen.getByRole('button', { name: 'Thanh toán thành công' }).click();
    await citizen
      .getByRole('heading', { level: 1, name: 'Thanh toán thành công' })
      .waitFor({ timeout: 15_000 });

    // The ward processes it on the province's system.
    const desk = await newPage();
    await signInAs(desk, province.url, 'Lê Minh Châu');
    const officerUrl = `${province.url}${await openFromInbox(desk, province.url, code)}`;
    await takeAction(desk, 'Tiếp nhận hồ sơ');
    const openAs = async (name: string) => {
      const officer = await newPage();
      await signInAs(officer, province.url, name);
      await officer.goto(officerUrl);
      await officer.getByText(code).first().waitFor();
      return officer;
    };
    const specialist = await openAs('Võ Thanh Giang');
    await takeAction(specialist, 'Nhận xử lý');
    await takeAction(specialist, 'Chuyển bước tiếp theo');
    const leader = await openAs('Đỗ Văn Khoa');
    await takeAction(leader, 'Nhận xử lý');
    await leader.getByRole('button', { name: 'Tạo dự thảo từ mẫu' }).click();
    await leader.getByRole('link', { name: 'Xem dự thảo (PDF)' }).waitFor();
    await takeAction(leader, 'Phê duyệt kết quả');
    await leader.getByTestId('result-signer').filter({ hasText: 'Đỗ Văn Khoa' }).waitFor();

    // Back at the portal: every change arrived, the payment, and the result to download.
    await expect
      .poll(
        async () => {
          await citizen.goto(`${hub.url}/ho-so-cua-toi/${code}`);
          await citizen.getByTestId('national-history').waitFor();
          return citizen.getByRole('link', { name: 'Tải kết quả điện tử' }).count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    const history = await citizen.getByTestId('national-history').locator('li').allTextContents();
    expect(history.length).toBeGreaterThanOrEqual(6);
    await citizen.getByText('Đã thanh toán').waitFor();
    await screenshot(citizen, 'national-dossier');
    const download = citizen.waitForEvent('download');
    await citizen.getByRole('link', { name: 'Tải kết quả điện tử' }).click();
    const file = await download;
    const pdf = await readFile(await file.path());
    expect(pdfsigReport(pdf)).toContain('Signature Validation: Signature is Valid.');
  });
});
