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

test('the sequence page trains a transformer and draws an attention map for every head', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#sequences`);
  await page.getByRole('heading', { name: 'Sequences' }).waitFor();
  // Every setting is a labelled control: two heads, two epochs keep the test short.
  await page.getByRole('combobox', { name: 'Attention heads' }).selectOption('2');
  await page.getByRole('textbox', { name: 'Epochs, exact value', exact: true }).fill('2');
  await page.getByRole('textbox', { name: 'Epochs, exact value', exact: true }).press('Enter');
  await expect(
    page.getByRole('slider', { name: 'Epochs', exact: true }).getAttribute('aria-valuetext'),
  ).resolves.toBe('2');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const maps = page.getByRole('img', { name: /Attention map of layer 1, head/ });
  await maps.nth(1).waitFor({ timeout: 90_000 });
  expect(await maps.count()).toBe(2);
  await page.getByText('Completed 2 epochs.').waitFor({ timeout: 90_000 });
  // Accuracy by sequence length is drawn as bars once an epoch is in.
  await page.getByRole('figure', { name: 'Validation accuracy by sequence length' }).waitFor();
  expect(errors).toEqual([]);
});

test('a lesson link opens its lanes side by side, in Chinese too', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#sequences/max-length`);
  await page.getByRole('heading', { name: 'Maximum sequence length and truncation' }).waitFor();
  await expect(page.getByRole('heading', { name: 'max length 16 (too short)' }).count()).resolves.toBe(1);
  await expect(page.getByRole('heading', { name: 'max length 32', exact: true }).count()).resolves.toBe(1);
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '最大序列长度与截断' }).waitFor();
  expect(errors).toEqual([]);
});

test('a hostile link opens free play with a clear message and no error', async () => {
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#sequences/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%E0%A4%A`,
  );
  await page
    .getByRole('alert')
    .getByText(/does not exist, so free play was opened/)
    .waitFor();
  await page.getByRole('combobox', { name: 'Task' }).waitFor();
  expect(await page.locator('img[src=x]').count()).toBe(0);
  expect(errors).toEqual([]);
});

test('Stop ends every lane of a lesson as cancelled, keeping its curves', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#sequences/heads`);
  await page.getByRole('heading', { name: 'How many heads?' }).waitFor();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page
    .getByText(/Epoch 1 of 8/)
    .first()
    .waitFor({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  for (let lane = 0; lane < 3; lane++)
    await page
      .locator(`[data-lane="${lane}"]`)
      .getByText(/Cancelled after \d+ epochs|Completed/)
      .waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
  expect(await page.getByRole('img', { name: /Attention map of layer 1, head 4/ }).count()).toBe(1);
  expect(errors).toEqual([]);
});
