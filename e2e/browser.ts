import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/server/db/seed/demo-data.ts';
import {
  removeDataDir,
  requireBuiltWebApp,
  ROOT,
  startServer,
  type RunningServer,
} from '../test/helpers/server-process.ts';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';

export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Signs a demo person in: a citizen through the identity provider (OpenID Connect, picking the
 * demo identity on its page), an officer through the demo quick sign-in.
 */
export async function signInAs(page: Page, baseUrl: string, fullName: string) {
  await page.goto(`${baseUrl}/dang-nhap`);
  const account = DEMO_ACCOUNTS.find((a) => a.fullName === fullName);
  if (account?.kind === 'citizen') {
    await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh điện tử' }).click();
    await page.getByRole('button', { name: new RegExp(`^${fullName}`) }).click();
  } else {
    await page.getByText('Đăng nhập nhanh (bản trình diễn)').click();
    await page
      .locator('details[open]')
      .getByRole('button', { name: `Đăng nhập ${fullName}` })
      .click();
  }
  await page.getByTestId('current-user').filter({ hasText: fullName }).waitFor();
}

/**
 * From the catalog's results, as a citizen does: the procedure's card, then the agency among those
 * offering it (a procedure one agency offers opens its service at once). False, on the results
 * page, when the agency does not offer it.
 */
export async function chooseService(page: Page, procedure: string, agency: string) {
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: procedure, exact: true }) });
  await card.first().waitFor();
  const onlyThisAgency = (await card.first().textContent())?.includes(agency) ?? false;
  await card.first().getByRole('link', { name: procedure, exact: true }).click();
  await page.waitForURL(
    (url) => url.pathname.startsWith('/dich-vu/') || url.searchParams.has('thu-tuc'),
  );
  if (new URL(page.url()).pathname.startsWith('/dich-vu/')) return onlyThisAgency;
  await page.locator('#offers-title').waitFor();
  const offer = page.getByRole('link', { name: agency, exact: true });
  if ((await offer.count()) === 0) return false;
  await offer.click();
  await page.waitForURL((url) => url.pathname.startsWith('/dich-vu/'));
  return true;
}

/** Searches the catalog for `words` and opens the procedure's service at the agency. */
export async function openService(page: Page, words: string, procedure: string, agency: string) {
  await page.getByPlaceholder('Nhập tên thủ tục cần tìm').fill(words);
  await page.getByPlaceholder('Nhập tên thủ tục cần tìm').press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === words);
  expect(await chooseService(page, procedure, agency)).toBe(true);
}

/**
 * One journey file's world: the real server on a fresh data folder and Debian's Chromium, started
 * before the file's tests and stopped after. Each `newPage` is its own browser context (its own
 * signed-in person), in Vietnamese and Vietnam time.
 */
export function journeyHarness(env: Record<string, string> = {}) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    requireBuiltWebApp();
    server = await startServer({ env });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    if (server) await removeDataDir(server.dataDir);
  });

  return {
    url(): string {
      if (!server) throw new Error('the server did not start');
      return server.url;
    },
    async newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
      if (!browser) throw new Error('Chromium did not start');
      const context = await browser.newContext({
        viewport,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      contexts.push(context);
      return context.newPage();
    },
  };
}

/**
 * Picks an option: of a native select, the first whose text starts with `option` (once the options
 * have loaded); of a searchable antd Select (back office), by typing it, since its list is virtual
 * and far options are not drawn until searched.
 */
export async function choose(page: Page, select: string, option: string) {
  const control = page.locator(select);
  if ((await control.evaluate((element) => element.tagName)) === 'SELECT') {
    const match = control.locator('option').filter({ hasText: option }).first();
    await match.waitFor({ state: 'attached' });
    const label = ((await match.textContent()) ?? '').trim();
    expect(label.startsWith(option)).toBe(true);
    await control.selectOption({ label });
    return;
  }
  await control.click();
  await page.keyboard.type(option);
  // Enter on the highlighted option, not a click: the list re-renders while it filters and
  // animates, and a click can land on an option that is being replaced.
  await page
    .locator(`.ant-select-dropdown:visible .ant-select-item-option-active[title="${option}"]`)
    .waitFor();
  await page.keyboard.press('Enter');
  await page
    .locator('.ant-select', { has: page.locator(select) })
    .getByText(option, { exact: true })
    .waitFor();
}

/** Fills the rest of the demo birth-registration form (after the prefilled applicant) and attaches the certificate. */
export async function fillBirthRegistration(page: Page) {
  await page.locator('#root_soCccdNguoiYeuCau').fill('079090001234');
  await choose(page, '#root_quanHe', 'Cha');
  await page.locator('#root_hoTenTre').fill('Nguyễn Minh Khôi');
  // Typed as a Vietnamese writes it, then on to the next field.
  await page.locator('#root_ngaySinh').click();
  await page.locator('#root_ngaySinh').fill('01/11/2026');
  await page.locator('#root_ngaySinh').press('Tab');
  expect(await page.locator('#root_ngaySinh').inputValue()).toBe('01/11/2026');
  await choose(page, '#root_gioiTinh', 'Nam');
  await page.locator('#root_noiSinh').fill('Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh');
  await page.locator('#root_hoTenMe').fill('Lê Thị Mai');
  await page.locator('[data-document="giay-chung-sinh"] input[type=file]').setInputFiles({
    name: 'giay-chung-sinh.pdf',
    mimeType: 'application/pdf',
    buffer: SAMPLE_PDF,
  });
  await page
    .locator('[data-document="giay-chung-sinh"]')
    .getByText('giay-chung-sinh.pdf')
    .waitFor();
}

/** Finds a dossier by its code in the officer's inbox and opens it; answers the page's path. */
export async function openFromInbox(page: Page, baseUrl: string, code: string): Promise<string> {
  await page.goto(`${baseUrl}/can-bo`);
  const search = page.getByPlaceholder('Tìm theo mã hồ sơ hoặc tên người nộp');
  await search.fill(code);
  await search.press('Enter');
  const link = page.getByRole('link', { name: code });
  await link.waitFor();
  const href = (await link.getAttribute('href')) ?? '';
  await link.click();
  return href;
}

/**
 * An overlay (dialog, pop-confirm, opened panel) once it has finished moving in. Playwright may
 * find a button still for two frames of a slow animation and click where it is no longer: the
 * click then lands beside it and nothing happens (seen on a loaded machine).
 */
export async function settled(overlay: Locator): Promise<Locator> {
  await overlay.waitFor();
  await expect
    .poll(() =>
      overlay.evaluate(
        (element) =>
          element.getAnimations().length === 0 &&
          !/-(appear|enter)\b/.test(element.getAttribute('class') ?? ''),
      ),
    )
    .toBe(true);
  return overlay;
}

/** Takes a dossier action from its page: the button, then the form's fields, then "Xác nhận". */
export async function takeAction(
  page: Page,
  button: string,
  fill: (dialog: Locator) => Promise<void> = async () => {},
) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = await settled(page.getByRole('dialog'));
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await page.getByText(`Đã thực hiện: ${button}`).waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * A received dossier of Phường Sài Gòn taken to a signed result: the specialist takes it up and
 * forwards it, the leader takes it up, drafts the result from the template and approves (signs).
 * Answers the leader's page.
 */
export async function signResultAtWard(
  newPage: () => Promise<Page>,
  officerUrl: string,
  code: string,
): Promise<Page> {
  const base = new URL(officerUrl).origin;
  const openAs = async (name: string) => {
    const officer = await newPage();
    await signInAs(officer, base, name);
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
  return leader;
}
