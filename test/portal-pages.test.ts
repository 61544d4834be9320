import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPortalPage, OFFICE_FRAME_MODULE, PORTAL_PAGES } from '../src/domain/portal-pages.ts';

const WEB = path.resolve(import.meta.dirname, '../src/web');

describe('the portal pages', () => {
  it('each names a module that exports its component', () => {
    for (const page of [...PORTAL_PAGES, { module: OFFICE_FRAME_MODULE, component: 'PageFrame' }])
      expect(readFileSync(path.join(WEB, page.module), 'utf8')).toContain(
        `export function ${page.component}(`,
      );
  });

  it('finds the page of an address segment by segment, as the router does', () => {
    expect(findPortalPage('/')?.component).toBe('HomePage');
    expect(findPortalPage('/tra-cuu')?.component).toBe('LookupPage');
    expect(findPortalPage('/tra-cuu/')?.component).toBe('LookupPage');
    expect(findPortalPage('/ho-so-cua-toi')?.component).toBe('MyDossiersPage');
    expect(findPortalPage('/ho-so-cua-toi/000.00.31.H29-261203-0001')?.component).toBe(
      'MyDossierPage',
    );
    expect(findPortalPage('/can-bo/thong-ke/000.00.31.H29/ho-so')?.component).toBe(
      'DossiersBehindPage',
    );
    expect(findPortalPage('/thong-ke/000.00.31.H29')?.component).toBe('AgencyStatisticsPage');
    for (const missing of ['/tra-cuu/x/y', '/khong-co', '/can-bo/ho-so'])
      expect(findPortalPage(missing)).toBeUndefined();
  });
});
