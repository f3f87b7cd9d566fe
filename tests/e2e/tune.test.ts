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

/**
 * Presses Start and waits for the race to finish. Pressed again if the page came back idle: the
 * dev server reloads the page when a worker first pulls in a dependency it had not pre-bundled.
 */
async function raceToTheEnd(page: Page): Promise<void> {
  const status = page.locator('.tune-status');
  const deadline = Date.now() + 240_000;
  await page.getByRole('button', { name: 'Start race' }).click();
  for (;;) {
    const state = await status.getAttribute('data-status');
    if (state === 'finished') return;
    if (Date.now() > deadline) throw new Error(`the race did not finish (status ${state})`);
    if (state === 'idle') {
      await page.getByRole('spinbutton', { name: 'Trials per tuner' }).fill('15');
      await page.getByRole('button', { name: 'Start race' }).click();
    }
    await page.waitForTimeout(250);
  }
}

test('a race of random search against Bayesian optimization on Branin finishes with one best-so-far line per tuner', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#tune`);
  await page.getByRole('heading', { name: 'Race settings' }).waitFor({ timeout: 90_000 });
  expect(await page.getByRole('checkbox', { name: 'Random search' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Bayesian optimization' }).isChecked()).toBe(true);
  await page.getByRole('combobox', { name: 'Objective', exact: true }).selectOption('branin');
  await page.getByRole('spinbutton', { name: 'Trials per tuner' }).fill('15');
  await raceToTheEnd(page);

  await expect
    .poll(() => page.getByRole('progressbar', { name: 'Progress' }).getAttribute('value'))
    .toBe('100');
  const chart = page.locator('figure[data-chart="best-so-far"]');
  await expect.poll(() => chart.locator('path.recharts-line-curve').count(), { timeout: 60_000 }).toBe(2);
  // Every tuner's best trial is marked in the table.
  await page.getByRole('row', { name: 'Best trial of Random search' }).waitFor();
  await page.getByRole('row', { name: 'Best trial of Bayesian optimization' }).waitFor();
  // Sorting by value (ascending, after a descending click) puts a best trial first.
  const valueHeader = page.getByRole('columnheader', { name: 'Sort by Value' });
  await page.getByRole('button', { name: 'Sort by Value' }).click();
  await expect.poll(() => valueHeader.getAttribute('aria-sort')).toBe('descending');
  await expect.poll(() => page.locator('.tune-table tbody tr').first().getAttribute('class')).toBeNull();
  await page.getByRole('button', { name: 'Sort by Value' }).click();
  await expect.poll(() => valueHeader.getAttribute('aria-sort')).toBe('ascending');
  await expect.poll(() => page.locator('.tune-table tbody tr').first().getAttribute('class')).toBe('best');

  // Repeated over three seeds: still one line per tuner (the median), now each with a band.
  await page.getByRole('spinbutton', { name: 'Repeats (seeds)' }).fill('3');
  await page.getByRole('button', { name: 'Start race' }).click();
  await expect
    .poll(() => page.locator('.tune-status').getAttribute('data-status'), { timeout: 90_000 })
    .toBe('finished');
  await expect.poll(() => chart.locator('path.recharts-line-curve').count()).toBe(2);
  await expect.poll(() => chart.locator('path.recharts-area-area').count()).toBe(2);
  expect(errors).toEqual([]);
}, 400_000);

test('the Gaussian-process view shows a ±2σ band and an acquisition curve for a 1-D objective, one step at a time', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#tune`);
  // The model is fitted at once, but its charts, below the window, wait until the visitor scrolls near them.
  await page.locator('.gp-hyper').waitFor({ timeout: 90_000 });
  const posterior = page.locator('figure[data-chart="gp-posterior"]');
  expect(await posterior.count()).toBe(0);
  await page.getByRole('heading', { name: 'Inside the Gaussian process' }).scrollIntoViewIfNeeded();
  await posterior.locator('path.recharts-area-area').first().waitFor({ timeout: 60_000 });
  await page.locator('figure[data-chart="gp-acquisition"] path.recharts-line-curve').waitFor();
  const before = await posterior.locator('path.recharts-area-area').getAttribute('d');
  await page.getByRole('button', { name: 'Next step (add an observation)' }).click();
  await expect.poll(() => page.locator('.tune-gp output').textContent()).toBe('4');
  await expect.poll(() => posterior.locator('path.recharts-area-area').getAttribute('d')).not.toBe(before);
  // Two dimensions: maps of the mean, σ and the acquisition.
  await page.getByRole('combobox', { name: 'Objective of the model view' }).selectOption('branin');
  await page.getByRole('img', { name: 'Expected improvement' }).waitFor();
  await page.getByRole('img', { name: 'Uncertainty σ' }).waitFor();
  expect(errors).toEqual([]);
}, 400_000);

test('you can race as a tuner: your trials, set from the keyboard, count against the same budget', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#tune`);
  await page.getByRole('heading', { name: 'Race settings' }).waitFor({ timeout: 90_000 });
  await page.getByRole('checkbox', { name: 'Bayesian optimization' }).uncheck();
  await page.getByRole('checkbox', { name: 'You' }).check();
  await page.getByRole('combobox', { name: 'Objective', exact: true }).selectOption('lr-curve');
  await page.getByRole('spinbutton', { name: 'Trials per tuner' }).fill('3');
  const deadline = Date.now() + 60_000;
  // Pressed again if the dev server reloaded the page while the worker first loaded.
  while (!(await page.getByRole('heading', { name: 'Your turn: propose a trial' }).isVisible())) {
    if (Date.now() > deadline) throw new Error('the manual panel never appeared');
    if ((await page.locator('.tune-status').getAttribute('data-status')) === 'idle')
      await page.getByRole('button', { name: 'Start race' }).click();
    await page.waitForTimeout(250);
  }
  const slider = page.getByRole('slider', { name: /learning rate/i });
  const before = await slider.getAttribute('aria-valuetext');
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => slider.getAttribute('aria-valuetext')).not.toBe(before);
  await page.getByRole('button', { name: 'Run my trial' }).click();
  await page.getByText('Your trials: 1 of 3').waitFor({ timeout: 90_000 });
  await page.getByRole('row', { name: 'Best trial of You' }).waitFor();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(() => page.locator('.tune-status').getAttribute('data-status')).toBe('stopped');
  expect(errors).toEqual([]);
}, 400_000);
