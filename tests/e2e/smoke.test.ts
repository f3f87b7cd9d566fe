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
