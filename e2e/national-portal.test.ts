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
import {
  chooseService,
  launchChromium,
  openFromInbox,
  screenshot,
  signInAs,
  signResultAtWard,
  takeAction,
} from './browser.ts';

// The national portal, a province's system and a ministry's, each its own process and database.
// The portal and the province are two site names (a browser shares cookies across ports): the
// province signs its citizens in at the portal's identity provider, as members sign in at the
// national one.
let hub: RunningServer;
let province: RunningServer;
let ministry: RunningServer;
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
  // A ministry's system: the Ministry of Construction's own procedure.
  ministry = await startServer({
    env: {
      HUB_URL: hub.url,
      DEMO_SYSTEM: 'ministry',
      PORTAL_NAME: 'Hệ thống thông tin giải quyết TTHC Bộ Xây dựng',
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  for (const server of [ministry, province, hub]) {
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

/**
 * The portal's search, typed without diacritics, until the members' catalogs have arrived; then
 * the procedure, and the member's agency among those offering it: its service page stays open.
 */
async function openAtPortal(page: Page, query: string, agency: string, procedure: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`${hub.url}/?q=${encodeURIComponent(query)}`);
        await page.getByPlaceholder('Nhập tên thủ tục cần tìm').waitFor();
        await page.locator('main').getByRole('status').first().waitFor();
        if ((await page.getByRole('link', { name: procedure, exact: true }).count()) === 0)
          return false;
        return chooseService(page, procedure, agency);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
}

type Figures = Record<string, number | null>;
/** The counts and rates both sides compute with the same definitions. */
const COMPARED = [
  'received',
  'submittedOnline',
  'onlineRate',
  'finished',
  'finishedEarly',
  'finishedOnTime',
  'finishedLate',
  'electronicResultRate',
  'withdrawn',
];
const SUMMED = ['received', 'submittedOnline', 'finished', 'withdrawn'];
const pick = (figures: Figures | undefined, keys = COMPARED) =>
  Object.fromEntries(keys.map((key) => [key, figures?.[key] ?? null]));

/** The agency's own figures at the member system that holds it. */
async function memberFigures(server: RunningServer, agencyCode: string) {
  const response = await fetch(`${server.url}/api/v1/stats/agencies/${agencyCode}?period=live`);
  const body = (await response.json()) as { indicators: { dossiers: Figures } };
  return body.indicators.dossiers;
}

describe('the national portal: one entry point, the agency systems behind it', () => {
  it('a citizen finds a ward’s service at the portal without diacritics, submits there, pays at the province without signing in again, the ward processes it, the citizen downloads the signed result from the portal; the ministry’s service is found and applied for the same way; the national figures are the two systems’ own', async () => {
    const citizen = await newPage({ width: 360, height: 740 });
    await signInAs(citizen, hub.url, 'Nguyễn Văn An');
    await openAtPortal(
      citizen,
      'ho kinh doanh',
      'Ủy ban nhân dân Phường Sài Gòn',
      'Đăng ký thành lập hộ kinh doanh',
    );
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
    await signResultAtWard(newPage, officerUrl, code);

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
    await citizen.getByText(/100\.000\s₫ · Đã thanh toán · Số biên lai BL\d{4}-\d{7}/).waitFor();
    await screenshot(citizen, 'national-dossier');
    const download = citizen.waitForEvent('download');
    await citizen.getByRole('link', { name: 'Tải kết quả điện tử' }).click();
    const file = await download;
    const pdf = await readFile(await file.path());
    expect(pdfsigReport(pdf)).toContain('Signature Validation: Signature is Valid.');

    // The ministry's services are found at the same portal, and an application goes to its system.
    await openAtPortal(
      citizen,
      'chung chi hanh nghe xay dung',
      'Bộ Xây dựng',
      'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng I',
    );
    await citizen.locator('#root_soCccdNguoiYeuCau').fill('079090001234');
    await citizen.locator('#root_linhVuc').selectOption('Thiết kế xây dựng');
    await citizen.locator('#root_trinhDo').fill('Kỹ sư xây dựng dân dụng và công nghiệp');
    await citizen.locator('#root_soNamKinhNghiem').fill('9');
    await citizen.locator('[data-document="don-de-nghi"] input[type=file]').setInputFiles({
      name: 'don-de-nghi.pdf',
      mimeType: 'application/pdf',
      buffer: SAMPLE_PDF,
    });
    await citizen.locator('[data-document="don-de-nghi"]').getByText('don-de-nghi.pdf').waitFor();
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const licenceCode =
      (await citizen.getByTestId('dossier-code').textContent({ timeout: 20_000 })) ?? '';
    expect(licenceCode).toMatch(/^000\.00\.00\.G17-\d{6}-\d{4}$/);

    // The portal's national figures, counted from what the two systems sent, are theirs: agency
    // by agency, and in sum.
    const figuresSeen = async () => {
      const national = (await (
        await fetch(`${hub.url}/api/v1/national/stats/agencies?period=live`)
      ).json()) as { national: Figures; agencies: { agencyCode: string; figures: Figures }[] };
      const own = await Promise.all(
        national.agencies.map((a) =>
          memberFigures(a.agencyCode.endsWith('G17') ? ministry : province, a.agencyCode),
        ),
      );
      const sum = (keyed: Figures[]) =>
        Object.fromEntries(
          SUMMED.map((key) => [key, keyed.reduce((total, f) => total + (f[key] ?? 0), 0)]),
        );
      return {
        agencies: national.agencies.map((a) => a.agencyCode).sort(),
        each: national.agencies.map((a) => pick(a.figures)),
        total: pick(national.national, SUMMED),
        own: own.map((f) => pick(f)),
        sumOfMembers: sum(own),
      };
    };
    await expect
      .poll(figuresSeen, { timeout: 30_000, interval: 1000 })
      .toSatisfy(
        (seen: {
          agencies: string[];
          each: unknown[];
          own: unknown[];
          total: unknown;
          sumOfMembers: unknown;
        }) =>
          JSON.stringify(seen.agencies) === JSON.stringify(['000.00.00.G17', '000.00.31.H29']) &&
          JSON.stringify(seen.each) === JSON.stringify(seen.own) &&
          JSON.stringify(seen.total) === JSON.stringify(seen.sumOfMembers),
      );
    const seen = await figuresSeen();
    expect(seen.each).toEqual(seen.own);
    expect(seen.total).toEqual(seen.sumOfMembers);
    expect(seen.sumOfMembers).toMatchObject({ received: 1, submittedOnline: 2, finished: 1 });

    // The portal's system administrator sees both systems, and nothing waiting to reach them.
    const admin = await newPage();
    await signInAs(admin, hub.url, 'Trịnh Quốc Việt');
    await admin.goto(`${hub.url}/quan-tri`);
    await admin.getByRole('tab', { name: 'Đồng bộ quốc gia' }).click();
    for (const name of [
      'Hệ thống thông tin giải quyết TTHC Thành phố Hồ Chí Minh',
      'Hệ thống thông tin giải quyết TTHC Bộ Xây dựng',
    ])
      await admin
        .getByRole('row')
        .filter({ hasText: name })
        .getByText('Không có hồ sơ chờ')
        .waitFor();
    await screenshot(admin, 'national-members');
  });
});
