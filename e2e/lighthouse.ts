import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

export type LighthouseScores = { performance: number; accessibility: number };

/**
 * Lighthouse on its own Debian Chromium (it drives the browser through the debugging port, and
 * opens every page without cookies: a visitor's first visit). A phone is Lighthouse's mobile
 * profile (a mid-range phone on slow 4G, CPU slowed 4×, simulated); a desk its desktop profile.
 */
export async function startLighthouse() {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  return {
    async score(url: string, device: 'phone' | 'desk'): Promise<LighthouseScores> {
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        },
        device === 'desk' ? desktopConfig : undefined,
      );
      const categories = result?.lhr.categories;
      const score = (name: 'performance' | 'accessibility') =>
        Math.round((categories?.[name]?.score ?? 0) * 100);
      return { performance: score('performance'), accessibility: score('accessibility') };
    },
    stop: () => chrome.kill(),
  };
}
