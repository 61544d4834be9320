/// <reference lib="dom" />
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journeyHarness, signInAs } from './browser.ts';

/**
 * The citizen pages at a phone's width (360 px), as an auditor would look at them: axe-core's
 * WCAG 2.1 A and AA rules, and whether the page scrolls sideways.
 */
const journey = journeyHarness();
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
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
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

describe('citizen pages at 360 px', () => {
  it('have no WCAG 2.1 AA violation axe finds, and never scroll sideways', async () => {
    const page = await journey.newPage({ width: 360, height: 740 });
    const findings: string[] = [];
    const check = async (name: string, path: string) => {
      await page.goto(`${journey.url()}${path}`);
      await drawn(page);
      const { violations, overflow } = await audit(page);
      process.stdout.write(
        `AUDIT page=${name} width=360 axe_violations=${String(violations.length)} overflow_px=${String(overflow)} ${violations.join(' ')}\n`,
      );
      if (violations.length > 0 || overflow > 0)
        findings.push(`${name}: ${violations.join(' ')} overflow ${String(overflow)}px`);
    };
    for (const { name, path } of CITIZEN_PAGES) await check(name, path);
    const catalog = (await (
      await page.request.get(
        `${journey.url()}/api/v1/catalog/services?q=${encodeURIComponent('hộ kinh doanh')}`,
      )
    ).json()) as { items: { id: string }[] };
    expect(catalog.items.length).toBeGreaterThan(0);
    await check('procedure-and-form', `/dich-vu/${catalog.items[0]?.id ?? ''}`);
    await signInAs(page, journey.url(), 'Nguyễn Văn An');
    await check('my-dossiers', '/ho-so-cua-toi');
    const desk = await journey.newPage({ width: 360, height: 740 });
    await signInAs(desk, journey.url(), 'Lê Minh Châu');
    await desk.goto(`${journey.url()}/can-bo`);
    await drawn(desk);
    const inbox = await audit(desk);
    process.stdout.write(
      `AUDIT page=officer-inbox width=360 axe_violations=${String(inbox.violations.length)} overflow_px=${String(inbox.overflow)} ${inbox.violations.join(' ')}\n`,
    );
    if (inbox.violations.length > 0 || inbox.overflow > 0)
      findings.push(
        `officer-inbox: ${inbox.violations.join(' ')} overflow ${String(inbox.overflow)}px`,
      );
    expect(findings).toEqual([]);
  });
});
