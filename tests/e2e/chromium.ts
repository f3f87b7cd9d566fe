import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The flags keep Chromium off the network this machine does not have (it otherwise retries
// Google's hosts at every start) and let it run as root in CI.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // The app opens in the browser's language: English, whatever the machine's locale (a test that
  // needs Chinese sets it on its context).
  '--lang=en-US',
];

export async function launchBrowser(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...FLAGS, ...extraFlags] });
}

/** A page that records console errors and uncaught exceptions, so a test can assert there were none. */
export async function openPage(
  browser: Browser,
  url: string,
  /** A script the page runs before its own (Playwright's `addInitScript`). */
  beforePage?: string,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
    // The built site registers a service worker that precaches megabytes once the page is idle:
    // offline.test.ts tests it; here it would only compete with the page under test for the CPU.
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  if (beforePage) await page.addInitScript({ content: beforePage });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url, { timeout: 90_000 });
  return { page, errors };
}
