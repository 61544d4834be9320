import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import {
  findPortalPage,
  OFFICE_FRAME_MODULE,
  PORTAL_PAGES,
  type PortalPage,
} from '../domain/portal-pages.ts';
import type { PortalInfo } from './portal-schema.ts';

/** One entry of Vite's build manifest (`build.manifest`), keyed by source path or shared chunk. */
type ManifestChunk = { file: string; imports?: string[]; css?: string[] };
type Manifest = Record<string, ManifestChunk>;

/** The page's HTML as sent: plain, and compressed once at start for each encoding. */
export type ShellDocument = { html: Buffer; br: Buffer; gzip: Buffer };

/**
 * The HTML every page address answers with, made once per page when the server starts. Beside the
 * built `index.html` it carries:
 * - the portal's own facts (name, agency, limits), so the banner is drawn at once, at its final
 *   height, instead of after an API call (a phone saw the page jump);
 * - `modulepreload` links for the scripts and styles the address's page needs, so a phone fetches
 *   them alongside the entry script instead of after it has run.
 */
export function createWebShell(distDir: string, portal: PortalInfo) {
  const template = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const manifestFile = path.join(distDir, '.vite/manifest.json');
  const manifest = existsSync(manifestFile)
    ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest)
    : {};
  const portalScript = `<script id="portal-info" type="application/json">${scriptSafeJson(portal)}</script>`;

  const render = (page: PortalPage | undefined): ShellDocument => {
    const modules =
      page && page.frame !== 'entry'
        ? [page.module, ...(page.frame === 'office' ? [OFFICE_FRAME_MODULE] : [])]
        : [];
    const links = pageAssets(manifest, modules).map((file) =>
      file.endsWith('.css')
        ? `<link rel="stylesheet" href="/${file}">`
        : `<link rel="modulepreload" crossorigin href="/${file}">`,
    );
    const html = Buffer.from(
      template.replace('</head>', `${[portalScript, ...links].join('')}</head>`),
    );
    return { html, br: brotliCompressSync(html), gzip: gzipSync(html) };
  };

  const byModule = new Map<string, ShellDocument>();
  for (const page of PORTAL_PAGES)
    if (!byModule.has(page.module)) byModule.set(page.module, render(page));
  const notFound = render(undefined);

  return {
    /** The document for an address: its page's, or the bare one the web app's 404 is drawn in. */
    document(pathname: string): ShellDocument {
      const page = findPortalPage(pathname);
      return (page && byModule.get(page.module)) ?? notFound;
    },
  };
}
export type WebShell = ReturnType<typeof createWebShell>;

/**
 * The built files the modules need beyond the entry chunk (which `index.html` already loads with
 * its own imports), in dependency order.
 */
function pageAssets(manifest: Manifest, modules: string[]): string[] {
  const entry = manifest['index.html'];
  const loaded = new Set(['index.html', ...(entry?.imports ?? [])]);
  const files: string[] = [];
  const visit = (key: string) => {
    if (loaded.has(key)) return;
    loaded.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    for (const dependency of chunk.imports ?? []) visit(dependency);
    files.push(...(chunk.css ?? []), chunk.file);
  };
  for (const module of modules) visit(module);
  return files;
}

/** JSON that cannot end the script element it is written in, whatever the texts hold. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
