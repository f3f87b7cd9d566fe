import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { DEFAULT_CONFIG } from '../../src/core';
import { emptyLinkState, encodeLink } from '../../src/core/link';
import { launchBrowser } from './chromium';

/**
 * The built site, served from a sub-path by a plain static server (as GitHub Pages would), loaded
 * once, then the server is shut down: the page must reload and train from its service worker.
 */
const SUB_PATH = '/classroom/tunelab/';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

let outDir: string;
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'tunelab-site-'));
  // The project's own build (vite.config.ts, service worker included), into a folder of its own.
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true } });

  server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(SUB_PATH)) {
        response.writeHead(404).end();
        return;
      }
      let file = normalize(join(outDir, decodeURIComponent(url.pathname.slice(SUB_PATH.length))));
      if (!file.startsWith(outDir)) {
        response.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        await stat(file);
      } catch {
        response.writeHead(404).end();
        return;
      }
      // no-store: the browser's HTTP cache keeps nothing, so offline only the service worker can answer.
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (server?.listening) await new Promise((resolve) => server.close(resolve));
  if (outDir) await rm(outDir, { recursive: true, force: true });
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

  await new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
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
