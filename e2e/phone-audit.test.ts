/// <reference lib="dom" />
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillBirthRegistration, journeyHarness, signInAs } from './browser.ts';
import { startLighthouse } from './lighthouse.ts';

/**
 * The citizen pages at a phone's width (360 px), as an auditor would look at them: every axe-core
 * rule (WCAG 2.1 A and AA and the best practices: one h1, landmarks…), and whether the page
 * scrolls sideways.
 */
const journey = journeyHarness();

/**
 * `npm run audit:web` adds Lighthouse's scores for the pages a visitor opens without signing in.
 * Its performance score depends on the machine, so it is printed, never gated; its accessibility
 * score must be 100.
 */
const withLighthouse = process.env.AUDIT_LIGHTHOUSE === 'true';
let lighthouse: Awaited<ReturnType<typeof startLighthouse>> | undefined;
beforeAll(async () => {
  if (withLighthouse) lighthouse = await startLighthouse();
});
afterAll(() => lighthouse?.stop());
/** A Lighthouse run takes tens of seconds a page. */
const LIGHTHOUSE_TIMEOUT_MS = withLighthouse ? 900_000 : undefined;
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

type AxeResult = {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
};

async function audit(page: Page) {
  // Evaluated through the debugging protocol: the portal's CSP rightly forbids inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (context: Document, options: unknown) => Promise<AxeResult> };
      }
    ).axe.run(document, { resultTypes: ['violations'] }),
  );
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  return {
    // Each rule with how many elements break it and the first of them, to find it.
    violations: result.violations.map(
      (v) => `${v.id}(${String(v.nodes.length)}: ${v.nodes[0]?.target.join(' ') ?? ''})`,
    ),
    overflow,
  };
}

/**
 * Records every layout shift from the page's first paint (a page that jumps as its parts arrive
 * makes a reader on a phone lose their place, or press the wrong link). Added before the page loads.
 */
function recordLayoutShifts() {
  const shifts: number[] = [];
  (window as unknown as { layoutShifts: number[] }).layoutShifts = shifts;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as {
      value: number;
      hadRecentInput: boolean;
    }[])
      if (!entry.hadRecentInput) shifts.push(entry.value);
  }).observe({ type: 'layout-shift', buffered: true });
}
const layoutShift = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { layoutShifts: number[] }).layoutShifts.reduce((a, b) => a + b, 0),
  );
/** Web Vitals' "good" cumulative layout shift. */
const LAYOUT_SHIFT_BUDGET = 0.1;

/** What a citizen page may download of scripts, as sent (issue 18). */
const CITIZEN_SCRIPT_BUDGET_KB = 200;

const CITIZEN_PAGES: { name: string; path: string }[] = [
  { name: 'home', path: '/' },
  { name: 'search-results', path: `/?q=${encodeURIComponent('khai sinh')}` },
  { name: 'lookup', path: '/tra-cuu' },
  { name: 'verification', path: '/xac-thuc-ket-qua' },
  { name: 'sign-in', path: '/dang-nhap' },
  { name: 'statistics', path: '/thong-ke' },
  { name: 'evaluation-index', path: '/thong-ke/chi-so-766' },
  { name: 'feedback', path: '/phan-anh' },
  { name: 'feedback-answers', path: '/tra-loi-phan-anh' },
];

/** The page is drawn: its heading is there and nothing is loading any more. */
async function drawn(page: Page) {
  await page.locator('.portal-content').getByRole('heading').first().waitFor();
  await page.waitForLoadState('networkidle');
}

/** Audits a page already open: prints its AUDIT line and answers what is wrong with it. */
async function findingsOf(
  page: Page,
  name: string,
  scripts: Response[] = [],
  signedIn = false,
  scriptBudgetKb = Infinity,
): Promise<string[]> {
  await drawn(page);
  // What the phone downloaded of scripts for this page, as sent (brotli when the browser asks);
  // a page opened after signing in counts only what the sign-in page had not already loaded.
  const sizes = await Promise.all(scripts.map((r) => r.request().sizes()));
  const jsGzKb = sizes.reduce((sum, size) => sum + Math.max(0, size.responseBodySize), 0) / 1024;
  const { violations, overflow } = await audit(page);
  const shift = await layoutShift(page);
  const width = page.viewportSize()?.width ?? 0;
  const title = await page.title();
  const scores =
    lighthouse && !signedIn
      ? await lighthouse.score(page.url(), width < 768 ? 'phone' : 'desk')
      : undefined;
  const where = `${name}@${String(width)}`;
  process.stdout.write(
    `AUDIT page=${name} width=${String(width)} lighthouse_perf=${String(scores?.performance ?? '-')} lighthouse_a11y=${String(scores?.accessibility ?? '-')} axe_violations=${String(violations.length)} js_gz_kb=${jsGzKb.toFixed(0)} layout_shift=${shift.toFixed(3)} overflow_px=${String(overflow)} title="${title}" ${violations.join(' ')}\n`,
  );
  return [
    ...violations.map((v) => `${where}: ${v}`),
    ...(overflow > 0 ? [`${where}: scrolls ${String(overflow)} px sideways`] : []),
    ...(shift > LAYOUT_SHIFT_BUDGET ? [`${where}: layout shifts ${shift.toFixed(3)}`] : []),
    ...(jsGzKb > scriptBudgetKb
      ? [`${where}: ${jsGzKb.toFixed(0)} KB of scripts, over ${String(scriptBudgetKb)} KB`]
      : []),
    // The tab names the page, then the portal.
    ...(title.includes(' — ') ? [] : [`${where}: title "${title}"`]),
    ...(scores && scores.accessibility < 100
      ? [`${where}: Lighthouse accessibility ${String(scores.accessibility)}`]
      : []),
  ];
}

describe('the portal on a phone and on a desk', () => {
  for (const width of [360, 1366]) {
    it(
      `has no violation axe finds, a title per page, and no sideways scroll at ${String(width)} px`,
      async () => {
        const viewport = { width, height: width === 360 ? 740 : 900 };
        const page = await journey.newPage(viewport);
        const findings: string[] = [];
        /** Opens a page in a new browser, as one arriving from a link: nothing cached. */
        const visit = async (
          name: string,
          path: string | ((tab: Page) => Promise<string>),
          options: { person?: string; citizen?: boolean } = {},
        ) => {
          const tab = await journey.newPage(viewport);
          await tab.addInitScript(recordLayoutShifts);
          if (options.person) await signInAs(tab, journey.url(), options.person);
          const target = typeof path === 'string' ? path : await path(tab);
          const scripts: Response[] = [];
          tab.on('response', (response) => {
            if (response.request().resourceType() === 'script') scripts.push(response);
          });
          await tab.goto(`${journey.url()}${target}`);
          const budget = options.citizen === false ? Infinity : CITIZEN_SCRIPT_BUDGET_KB;
          findings.push(
            ...(await findingsOf(tab, name, scripts, options.person !== undefined, budget)),
          );
          await tab.close();
        };
        /** A birth registration the signed-in citizen submits now; answers its page. */
        const newDossier = async (tab: Page) => {
          await tab.goto(`${journey.url()}/?q=khai+sinh&co-quan=000.00.31.H29`);
          await tab.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
          await fillBirthRegistration(tab);
          await tab.getByRole('button', { name: 'Nộp hồ sơ' }).click();
          return `/ho-so-cua-toi/${(await tab.getByTestId('dossier-code').textContent()) ?? ''}`;
        };
        /** The first dossier of the officer's inbox. */
        const firstInInbox = async (tab: Page) => {
          await tab.goto(`${journey.url()}/can-bo`);
          const link = tab.locator('.portal-content table a').first();
          await link.waitFor();
          return (await link.getAttribute('href')) ?? '';
        };
        for (const { name, path } of CITIZEN_PAGES) await visit(name, path);
        const catalog = (await (
          await page.request.get(
            `${journey.url()}/api/v1/catalog/services?q=${encodeURIComponent('hộ kinh doanh')}`,
          )
        ).json()) as { items: { id: string }[] };
        expect(catalog.items.length).toBeGreaterThan(0);
        await visit('procedure-and-form', `/dich-vu/${catalog.items[0]?.id ?? ''}`);
        await visit('my-dossiers', '/ho-so-cua-toi', { person: 'Nguyễn Văn An' });
        await visit('dossier', newDossier, { person: 'Nguyễn Văn An' });
        // The back office, as the ward's desk opens it.
        const desk = { person: 'Lê Minh Châu', citizen: false };
        await visit('officer-inbox', '/can-bo', desk);
        await visit('officer-dossier', firstInInbox, desk);
        await visit('feedback-desk', '/can-bo/phan-anh', {
          person: 'Đinh Thị Phượng',
          citizen: false,
        });
        expect(findings).toEqual([]);
      },
      LIGHTHOUSE_TIMEOUT_MS,
    );
  }
});
