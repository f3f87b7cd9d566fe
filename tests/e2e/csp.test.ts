import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { headerPolicyOf, metaPolicyOf } from '../../src/csp.config';
import { launchBrowser } from './chromium';
import { serveStaticSite, type StaticSite } from './static-site';

/**
 * The built site under its Content-Security-Policy: the <meta> the build puts in index.html, and
 * the header form on every response (workers and the service worker included), as a host that
 * sends headers would. The app must load, train on wasm, and run its compare and tune workers
 * with no violation reported.
 */
let outDir: string;
let site: StaticSite;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  // The build global-setup made for every browser test (vite.config.ts, service worker included).
  outDir = inject('builtDir');
  site = await serveStaticSite(outDir, {
    headers: {
      'Content-Security-Policy': headerPolicyOf(await readFile(join(outDir, 'index.html'), 'utf8')),
    },
  });
  origin = site.origin;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Compiling a minimal wasm module: what a policy without 'wasm-unsafe-eval' refuses. */
const WASM_PROBE = () =>
  WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
    () => 'compiled',
    (error: unknown) => String(error),
  );

async function expectWasmEverywhere(page: Page): Promise<void> {
  expect(await page.evaluate(WASM_PROBE)).toBe('compiled');
  expect(page.workers().length).toBeGreaterThan(0);
  for (const worker of page.workers())
    expect(await worker.evaluate(WASM_PROBE), worker.url()).toBe('compiled');
}

test('finding 13: the built site has a Content-Security-Policy that lets the whole app run', async () => {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const policy = metaPolicyOf(html);
  expect(policy, 'index.html has no CSP meta').not.toBeNull();
  expect(policy).toContain("'wasm-unsafe-eval'");
  expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  // The one inline script (boot) is allowed by its hash, and only it: any other inline script,
  // an injected one included, is refused.
  const inline = [...html.matchAll(/<script\b[^>]*>([^<]+)<\/script>/g)].map((match) => match[1]!);
  expect(inline).toHaveLength(1);
  const hash = createHash('sha256').update(inline[0]!).digest('base64');
  expect(policy!.match(/'sha256-[^']+'/g)).toEqual([`'sha256-${hash}'`]);
  // The policy is the first thing in <head>: a script before it would run unchecked.
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /content security policy/i.test(message.text()))
      problems.push(`${message.worker() ? 'worker' : 'page'}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI}`),
    );
  });
  const wasmResponses: string[] = [];
  context.on('response', (response) => {
    if (response.ok() && /tfjs-backend-wasm(-simd)?-[\w-]+\.wasm$/.test(response.url()))
      wasmResponses.push(response.url());
  });

  await page.goto(`${origin}/#playground`);
  await page.getByRole('combobox', { name: /dataset/i }).selectOption('circle');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(
    () => Number.parseFloat(document.querySelector('[data-value="epoch"]')?.textContent ?? '0') >= 3,
    undefined,
    { timeout: 90_000, polling: 100 },
  );
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectWasmEverywhere(page);
  expect(wasmResponses, 'no .wasm file was loaded').not.toEqual([]);

  // Compare: a lesson's lanes train in their own workers.
  await page.evaluate(() => (location.hash = '#compare'));
  await page.getByRole('heading', { name: 'Overfitting and its cures' }).waitFor();
  await page.getByRole('button', { name: 'Play all' }).click();
  await expect
    .poll(
      () =>
        page
          .locator('section.lane-card .lane-epoch')
          .evaluateAll((epochs) => Math.min(...epochs.map((e) => Number(e.getAttribute('data-epoch'))))),
      { timeout: 90_000 },
    )
    .toBeGreaterThanOrEqual(2);
  await expectWasmEverywhere(page);

  // Tune: a race in the tuner worker.
  await page.evaluate(() => (location.hash = '#tune'));
  await page.getByRole('heading', { name: 'Tune', level: 1 }).waitFor();
  await page.getByRole('combobox', { name: 'Objective', exact: true }).selectOption('branin');
  await page.getByRole('spinbutton', { name: 'Trials per tuner' }).fill('8');
  await page.getByRole('button', { name: 'Start race' }).click();
  await expect
    .poll(() => page.locator('.tune-status').getAttribute('data-status'), { timeout: 90_000 })
    .toBe('finished');

  // The service worker registered under the policy too.
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined))
    .toBe(true);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual(
    [],
  );
  expect(problems).toEqual([]);
  await context.close();
}, 400_000);
