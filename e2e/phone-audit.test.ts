/// <reference lib="dom" />
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyHarness, signInAs } from './browser.ts';
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

type AxeResult = { violations: { id: string; impact: string; nodes: unknown[] }[] };

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
    violations: result.violations.map((v) => `${v.id}(${String(v.nodes.length)})`),
    overflow,
  };
}

const CITIZEN_PAGES: { name: string; path: string }[] = [
  { name: 'home', path: '/' },
  { name: 'lookup', path: '/tra-cuu' },
  { name: 'verification', path: '/xac-thuc-ket-qua' },
  { name: 'sign-in', path: '/dang-nhap' },
  { name: 'statistics', path: '/thong-ke' },
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
): Promise<string[]> {
  await drawn(page);
  // What the phone downloaded of scripts for this page, as sent (brotli when the browser asks);
  // a page opened after signing in counts only what the sign-in page had not already loaded.
  const sizes = await Promise.all(scripts.map((r) => r.request().sizes()));
  const jsGzKb = sizes.reduce((sum, size) => sum + Math.max(0, size.responseBodySize), 0) / 1024;
  const { violations, overflow } = await audit(page);
  const width = page.viewportSize()?.width ?? 0;
  const title = await page.title();
  const scores =
    lighthouse && !signedIn
      ? await lighthouse.score(page.url(), width < 768 ? 'phone' : 'desk')
      : undefined;
  const where = `${name}@${String(width)}`;
  process.stdout.write(
    `AUDIT page=${name} width=${String(width)} lighthouse_perf=${String(scores?.performance ?? '-')} lighthouse_a11y=${String(scores?.accessibility ?? '-')} axe_violations=${String(violations.length)} js_gz_kb=${jsGzKb.toFixed(0)} overflow_px=${String(overflow)} title="${title}" ${violations.join(' ')}\n`,
  );
  return [
    ...violations.map((v) => `${where}: ${v}`),
    ...(overflow > 0 ? [`${where}: scrolls ${String(overflow)} px sideways`] : []),
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
        const visit = async (name: string, path: string, person?: string) => {
          // A new browser per page, as a citizen arriving from a link: nothing cached.
          const tab = await journey.newPage(viewport);
          if (person) await signInAs(tab, journey.url(), person);
          const scripts: Response[] = [];
          tab.on('response', (response) => {
            if (response.request().resourceType() === 'script') scripts.push(response);
          });
          await tab.goto(`${journey.url()}${path}`);
          findings.push(...(await findingsOf(tab, name, scripts, person !== undefined)));
          await tab.close();
        };
        for (const { name, path } of CITIZEN_PAGES) await visit(name, path);
        const catalog = (await (
          await page.request.get(
            `${journey.url()}/api/v1/catalog/services?q=${encodeURIComponent('hộ kinh doanh')}`,
          )
        ).json()) as { items: { id: string }[] };
        expect(catalog.items.length).toBeGreaterThan(0);
        await visit('procedure-and-form', `/dich-vu/${catalog.items[0]?.id ?? ''}`);
        await visit('my-dossiers', '/ho-so-cua-toi', 'Nguyễn Văn An');
        // The back office, as the ward's desk opens it.
        await visit('officer-inbox', '/can-bo', 'Lê Minh Châu');
        expect(findings).toEqual([]);
      },
      LIGHTHOUSE_TIMEOUT_MS,
    );
  }
});
