import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../src/server/app.ts';
import { requireBuiltWebApp } from './helpers/server-process.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * What a phone downloads to open the portal: compressed, cached for a year when the name carries
 * the content's hash, and only what the home page needs.
 */
/** A portal whose name would end the page's script element if it were written unescaped. */
const HOSTILE_NAME = 'Cổng </script><script>alert(1)</script> & <!--';
let t: TestApp;
beforeAll(async () => {
  requireBuiltWebApp();
  t = await createTestApp({ PORTAL_NAME: HOSTILE_NAME });
});
afterAll(() => t.close());

/** The scripts index.html loads at once: its entry and the chunks it preloads. */
function initialScripts(): string[] {
  const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
}

/**
 * The home page's scripts, gzipped, may not grow past this (issue 18: 200 KB for a citizen page on
 * a 4G phone). The frame, the search form and the catalogue's list are plain elements, and Ant
 * Design comes only with a back-office page: React, the router and the messages make most of it.
 */
const INITIAL_JS_BUDGET_KB = 200;

describe('delivery of the web app', () => {
  it('sends the page and its scripts compressed, by content negotiation', async () => {
    const [entry] = initialScripts();
    for (const url of ['/', '/dich-vu/khong-co', entry ?? '']) {
      const brotli = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
      expect(brotli.statusCode).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers.vary).toContain('accept-encoding');
      const gzip = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      const plain = await t.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
    }
  });

  it('keeps hashed assets a year and revalidates the page that names them', async () => {
    const page = await t.app.inject({ url: '/tra-cuu' });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-type']).toContain('text/html');
    const [entry] = initialScripts();
    const script = await t.app.inject({ url: entry ?? '' });
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('loads the back office, the designer and the charts only when they are opened', () => {
    const scripts = initialScripts();
    const names = scripts.join(' ');
    for (const heavy of ['ServiceDesignerPage', 'StatisticsPage', 'InboxPage', 'echarts'])
      expect(names).not.toContain(heavy);
    const gzipKb =
      scripts.reduce(
        (sum, url) => sum + gzipSync(readFileSync(path.join(WEB_DIST, url)), { level: 9 }).length,
        0,
      ) / 1024;
    process.stdout.write(`WEB initial_js_gz_kb=${gzipKb.toFixed(1)} scripts=${scripts.length}\n`);
    expect(gzipKb).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
  });

  it("names in each page's HTML the scripts that page needs, and the portal's own facts", async () => {
    const html = async (url: string) => (await t.app.inject({ url })).body;
    const preloads = (page: string) =>
      [...page.matchAll(/rel="modulepreload" crossorigin href="\/assets\/([^"-]+)-/g)].map(
        (m) => m[1],
      );
    // Fetched beside the entry script, not after it has run: the page's chunk and what it imports.
    const lookup = await html('/tra-cuu');
    expect(preloads(lookup)).toContain('LookupPage');
    expect(preloads(lookup)).not.toContain('PageFrame');
    const dossier = preloads(await html('/ho-so-cua-toi/000.00.31.H29-261203-0001'));
    expect(dossier).toContain('MyDossiersPage');
    // A back-office page comes with Ant Design's frame; no citizen page does.
    expect(preloads(await html('/can-bo'))).toEqual(
      expect.arrayContaining(['InboxPage', 'PageFrame']),
    );
    for (const page of ['/', '/khong-co-trang-nay'])
      expect(preloads(await html(page)).filter((name) => name?.endsWith('Page'))).toEqual([]);

    // The banner is drawn from the page itself; a name with markup stays text.
    const info = /<script id="portal-info" type="application\/json">(.*?)<\/script>/.exec(lookup);
    expect(info?.[1]).not.toContain('</script');
    const api = await t.app.inject({ url: '/api/v1/portal' });
    expect(JSON.parse(info?.[1] ?? '{}')).toEqual(api.json());
    expect(api.json<{ name: string }>().name).toBe(HOSTILE_NAME);
  });
});
