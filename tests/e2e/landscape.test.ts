import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const epoch = (page: Page) =>
  page.evaluate(() => Number.parseFloat(document.querySelector('[data-value="epoch"]')?.textContent ?? '0'));

test('the loss landscape draws the path, and the path moves while training', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await page.getByRole('slider', { name: /learning rate/i }).waitFor();
  // A long budget: the test watches the path while the run is still going.
  await page.getByRole('textbox', { name: /^epochs, exact value/i }).fill('3000');
  await page.getByRole('textbox', { name: /^epochs, exact value/i }).press('Enter');

  await page.getByRole('button', { name: 'Show the loss landscape' }).click();
  const hide = page.getByRole('button', { name: 'Hide the loss landscape' });
  expect(await hide.getAttribute('aria-expanded')).toBe('true');
  expect(await page.getByRole('combobox', { name: 'Plane' }).inputValue()).toBe('auto');

  await page.getByRole('button', { name: 'Play' }).click();
  const picture = page.getByRole('img', { name: /loss landscape after epoch/i });
  await picture.waitFor({ timeout: 60_000 });
  const read = () =>
    picture.evaluate((canvas) => ({
      points: Number(canvas.getAttribute('data-path-points')),
      label: canvas.getAttribute('aria-label'),
    }));
  const first = await read();
  // While training the picture refreshes with a longer path, for a later epoch, and the run goes on.
  await expect.poll(async () => (await read()).points, { timeout: 60_000 }).toBeGreaterThan(first.points + 3);
  expect((await read()).label).not.toBe(first.label);
  expect(await page.getByText(/explain \d+% and \d+% of its movement/).count()).toBe(1);
  const before = await epoch(page);
  await expect.poll(() => epoch(page), { timeout: 30_000 }).toBeGreaterThan(before);

  // Paused, the fine grid arrives with the cut along the last step.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => page.getByText('Along the last step').count(), { timeout: 30_000 }).toBe(1);
  await page.getByRole('combobox', { name: 'Plane' }).selectOption('random');
  await expect.poll(() => page.getByText(/random directions scaled/i).count(), { timeout: 30_000 }).toBe(1);
  expect(errors).toEqual([]);
});

test('the learning-rate finder suggests a rate and sets the slider to it', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  const learningRate = page.getByRole('slider', { name: /learning rate/i });
  await learningRate.waitFor();
  const before = await learningRate.getAttribute('aria-valuetext');

  await page.getByRole('button', { name: 'Find a learning rate' }).click();
  const suggestion = page.getByText(/^Suggested learning rate: /);
  await suggestion.waitFor({ timeout: 90_000 });
  const rate = /Suggested learning rate: ([\d.e-]+)/.exec(await suggestion.innerText())![1]!;
  expect(Number(rate)).toBeGreaterThan(1e-6);
  expect(Number(rate)).toBeLessThan(10);
  // The curve is drawn on a log axis of rates (its chart's code loads once there is a curve).
  await expect.poll(() => page.locator('.finder-chart .recharts-line').count()).toBe(2);

  await page.getByRole('button', { name: `Use ${rate}` }).click();
  await expect
    .poll(() => page.getByRole('textbox', { name: /learning rate, exact value/i }).inputValue())
    .toBe(rate);
  expect(await learningRate.getAttribute('aria-valuetext')).not.toBe(before);
  // The finder trained a throwaway copy: the run is still at epoch 0.
  expect(await epoch(page)).toBe(0);
  expect(errors).toEqual([]);
});
