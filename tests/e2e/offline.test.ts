import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEFAULT_CONFIG } from '../../src/core';
import { emptyLinkState, encodeLink } from '../../src/core/link';
import { launchBrowser } from './chromium';
import { serveStaticSite, type StaticSite } from './static-site';

/**
 * The built site, served from a sub-path by a plain static server (as GitHub Pages would), loaded
 * once, then the server is shut down: the page must reload and train from its service worker.
 */
const SUB_PATH = '/classroom/tunelab/';
let outDir: string;
let site: StaticSite;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  // The build global-setup made for every browser test (vite.config.ts, service worker included).
  outDir = inject('builtDir');

  site = await serveStaticSite(outDir, {
    subPath: SUB_PATH,
    // no-store: the browser's HTTP cache keeps nothing, so offline only the service worker can answer.
    headers: { 'Cache-Control': 'no-store' },
  });
  origin = site.origin;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

test('the built site works from a sub-path, and after the first visit it trains with the network gone', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));

  await page.goto(`${origin}${SUB_PATH}`);
  await page.getByRole('heading', { name: 'Tunelab' }).waitFor();
  // The service worker registers once the first epoch is on screen (it never competes with it).
  await page.getByRole('button', { name: 'Play' }).click();
  await page
    .getByRole('status', { name: /run status/i })
    .locator('[data-value="epoch"]')
    .filter({ hasText: /^[1-9]/ })
    .waitFor({ timeout: 60_000 });
  // The service worker has installed (precached everything) and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });

  const closed = site.close();
  site.server.closeAllConnections();
  await closed;
  await context.setOffline(true);

  // The real digits (a data file, not code) and a network to train on them, all from the cache.
  const digits = {
    ...DEFAULT_CONFIG,
    dataset: 'digits' as const,
    points: 200,
    validationSplit: 0.5,
    hiddenLayers: [16],
    activation: 'relu' as const,
    epochs: 4,
  };
  await page.goto(`${origin}${SUB_PATH}#playground/${encodeLink(emptyLinkState(digits))}`);
  await page.reload();
  const status = page.getByRole('status', { name: /run status/i });
  await status.locator('xpath=self::*[contains(@class, "phase-ready")]').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Play' }).click();
  await status.locator('xpath=self::*[contains(@class, "status-completed")]').waitFor({ timeout: 90_000 });
  expect(await status.locator('[data-value="epoch"]').innerText()).toMatch(/^4/);
  expect(errors).toEqual([]);
  await context.close();
});
