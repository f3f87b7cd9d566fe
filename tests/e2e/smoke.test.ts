import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the page loads with its title and logs no error', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await page.getByRole('heading', { name: 'Tunelab' }).waitFor();
  expect(await page.title()).toMatch(/Tunelab/);
  expect(errors).toEqual([]);
});

test('a link to a page opens on the page itself, with no loading notice shown before it', async () => {
  // React.lazy suspended on the first render even with the page's code already loaded, and React
  // then held the page back 300 ms behind its loading notice (src/ui/preloadable.ts).
  for (const hash of ['#playground', '#compare', '#tune']) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addInitScript(() => {
      (window as unknown as { loadingNoticeSeen: boolean }).loadingNoticeSeen = false;
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if (
              node instanceof Element &&
              (node.matches('.page-loading') || node.querySelector('.page-loading'))
            )
              (window as unknown as { loadingNoticeSeen: boolean }).loadingNoticeSeen = true;
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(`${inject('baseUrl')}${hash}`);
    await page.waitForFunction(() => {
      const main = document.querySelector('.app-main');
      return !!main && [...main.querySelectorAll('*')].some((e) => e.matches('h2, button'));
    });
    expect(
      await page.evaluate(() => (window as unknown as { loadingNoticeSeen: boolean }).loadingNoticeSeen),
      hash,
    ).toBe(false);
    await context.close();
  }
});
