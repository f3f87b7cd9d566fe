import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium';
import { parseOptunaJournal } from '../../src/core/tune/journal';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const VIEWS = [
  'best-so-far',
  'history',
  'parallel',
  'contour',
  'slice',
  'importance',
  'edf',
  'intermediate',
  'timeline',
];

/** Grid, random and Bayesian search on Branin, 20 trials each. */
async function setUpRace(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Race settings' }).waitFor({ timeout: 90_000 });
  await page.getByRole('checkbox', { name: 'Grid search' }).check();
  await page.getByRole('combobox', { name: 'Objective', exact: true }).selectOption('branin');
  await page.getByRole('spinbutton', { name: 'Trials per tuner' }).fill('20');
}

/** Presses Start and waits for the race to finish (pressed again if a dev-server reload left the page idle). */
async function raceToTheEnd(page: Page): Promise<void> {
  const status = page.locator('.tune-status');
  const deadline = Date.now() + 240_000;
  await page.getByRole('button', { name: 'Start race' }).click();
  for (;;) {
    const state = await status.getAttribute('data-status');
    if (state === 'finished') return;
    if (Date.now() > deadline) throw new Error(`the race did not finish (status ${state})`);
    if (state === 'idle') {
      await setUpRace(page);
      await page.getByRole('button', { name: 'Start race' }).click();
    }
    await page.waitForTimeout(250);
  }
}

/** Tick and axis texts of a chart that stick out of their SVG box, as "text: box" strings. */
function textsOutsideTheirSvg(page: Page, chart: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>(`${selector} svg`)) {
      const box = svg.getBoundingClientRect();
      if (box.width < 20) continue;
      for (const text of svg.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        if (!text.textContent || r.width === 0) continue;
        if (
          r.left < box.left - 0.5 ||
          r.right > box.right + 0.5 ||
          r.top < box.top - 0.5 ||
          r.bottom > box.bottom + 0.5
        )
          out.push(
            `${text.textContent}: ${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(box.left)}..${Math.round(box.right)}`,
          );
      }
    }
    return out;
  }, chart);
}

/** The best-so-far chart's y tick labels (recharts anchors a left axis's labels at their end). */
function yTicks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'figure[data-chart="best-so-far"] svg text.recharts-cartesian-axis-tick-value[text-anchor="end"]',
      ),
    ].map((text) => text.textContent ?? ''),
  );
}

test('a finished Branin race shows every view with tick labels inside the chart; the log toggle; no overflow at 390 px; a journal opens and continues', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#tune`);
  await setUpRace(page);
  await raceToTheEnd(page);

  for (const view of VIEWS) {
    const figure = page.locator(`figure[data-chart="${view}"]`).first();
    await figure.locator('svg').first().waitFor({ timeout: 60_000 });
    // Keyboard-reachable: the figure itself takes focus.
    expect(await figure.getAttribute('tabindex')).toBe('0');
    await expect.poll(() => figure.locator('svg text').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    expect(await textsOutsideTheirSvg(page, `figure[data-chart="${view}"]`)).toEqual([]);
  }
  // No label is a cut-off decimal such as ".000060"; parameter names are in words.
  const labels = await page.locator('.tune-views svg text').allTextContents();
  expect(labels.filter((label) => /^\.\d/.test(label))).toEqual([]);
  expect(labels).toContain('x₁');

  // Progress says what each tuner really ran and why it stopped.
  const reasons = await page
    .locator('.lane-progress li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-reason')));
  expect(reasons).toHaveLength(3);
  expect(reasons.every((r) => r === 'budget' || r === 'exhausted')).toBe(true);
  // Instant objective: no column of "0 ms".
  expect(await page.getByRole('columnheader', { name: 'Sort by Time' }).count()).toBe(0);

  // The text alternative: the history's table lists every complete trial.
  const history = page.locator('figure[data-chart="history"]');
  await history.getByRole('button', { name: 'Table' }).click();
  await expect.poll(() => history.locator('tbody tr').count()).toBeGreaterThanOrEqual(40);

  // The log toggle, on by default for Branin, changes the y scale.
  const chart = page.locator('figure[data-chart="best-so-far"]');
  const toggle = chart.getByRole('checkbox', { name: 'Log scale' });
  expect(await toggle.isChecked()).toBe(true);
  const logTicks = await yTicks(page);
  expect(logTicks.some((tick) => /^(0\.1|1|10|100)$/.test(tick))).toBe(true);
  const logPath = await chart.locator('path.recharts-line-curve').first().getAttribute('d');
  await toggle.uncheck();
  await expect.poll(() => yTicks(page)).not.toEqual(logTicks);
  await expect
    .poll(() => chart.locator('path.recharts-line-curve').first().getAttribute('d'))
    .not.toBe(logPath);
  expect(await textsOutsideTheirSvg(page, 'figure[data-chart="best-so-far"]')).toEqual([]);

  // A journal written by Optuna 3.1 opens with its views.
  const journal = fileURLToPath(new URL('../fixtures/optuna-journal.log', import.meta.url));
  await page.getByLabel('Optuna journal file').setInputFiles(journal);
  const imported = page.locator('.tune-import');
  await expect.poll(() => imported.locator('.import-summary').textContent()).toContain('9 trials');
  for (const view of VIEWS.slice(1)) await imported.locator(`figure[data-chart="${view}"]`).waitFor();
  await expect
    .poll(() => imported.locator('.import-view-only').textContent())
    .toContain('views this study only');
  await imported.getByRole('combobox', { name: 'Study' }).selectOption({ label: 'maximized' });
  await expect.poll(() => imported.locator('.import-summary').textContent()).toContain('3 trials');

  // Optuna's Hyperband study on Branin: pruned trials' curves stop at their rung, the timeline is in
  // clock time; TPE continues it and the combined journal holds the imported and the new trials.
  await imported.getByRole('combobox', { name: 'Study' }).selectOption({ label: 'branin-hyperband' });
  const intermediate = imported.locator('figure[data-chart="intermediate"]');
  // 7 complete and 2 pruned at step 3 draw lines; all 5 pruned end in a dot (3 of them at step 1 are only that).
  await expect.poll(() => intermediate.locator('path.recharts-line-curve').count()).toBe(9);
  expect(await intermediate.locator('circle.curve-end').count()).toBe(5);
  const timeline = imported.locator('figure[data-chart="timeline"]');
  expect(await timeline.getByRole('combobox', { name: 'Time axis' }).inputValue()).toBe('clock');
  expect(await timeline.locator('svg rect').count()).toBe(12);
  await imported.getByRole('combobox', { name: 'Continue with' }).selectOption('tpe');
  await imported.getByRole('spinbutton', { name: 'New trials' }).fill('5');
  await imported.getByRole('button', { name: 'Continue the study' }).click();
  await imported
    .locator('.continue-status[data-status="finished"][data-trials="5"]')
    .waitFor({ timeout: 60_000 });
  await expect.poll(() => timeline.locator('svg rect').count()).toBe(17);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    imported.getByRole('button', { name: 'Optuna journal (imported and new trials)' }).click(),
  ]);
  const combined = parseOptunaJournal(await readFile(await file.path(), 'utf8'));
  expect(combined.map((s) => [s.name, s.trials.length])).toEqual([['branin-hyperband', 17]]);
  expect(combined[0]!.trials.filter((t) => t.state === 'pruned').length).toBe(5);
  // Continuing again keeps the first new trials and goes on from all of them.
  await imported.getByRole('combobox', { name: 'Continue with' }).selectOption('random');
  await imported.getByRole('spinbutton', { name: 'New trials' }).fill('3');
  await imported.getByRole('button', { name: 'Continue the study' }).click();
  await imported
    .locator('.continue-status[data-status="finished"][data-trials="8"]')
    .waitFor({ timeout: 60_000 });
  await expect.poll(() => timeline.locator('svg rect').count()).toBe(20);
  for (const view of VIEWS.slice(1))
    expect(await textsOutsideTheirSvg(page, `.tune-import figure[data-chart="${view}"]`)).toEqual([]);

  // A phone: nothing sticks out sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
}, 400_000);

test('the GP view switches kernel and acquisition, shows the fitted hyperparameters, and a fixed length scale changes the band', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#tune`);
  // The view's charts draw once the visitor scrolls near them.
  await page
    .getByRole('heading', { name: 'Inside the Gaussian process' })
    .scrollIntoViewIfNeeded({ timeout: 90_000 });
  const posterior = page.locator('figure[data-chart="gp-posterior"]');
  await posterior.locator('path.recharts-area-area').first().waitFor({ timeout: 120_000 });
  const hyper = page.locator('.gp-hyper');
  await expect.poll(() => hyper.textContent()).toContain('Length scales');
  const matern = await hyper.textContent();
  await page.getByRole('combobox', { name: 'Kernel' }).selectOption('rbf');
  await expect.poll(() => hyper.textContent()).not.toBe(matern);
  await page.getByRole('combobox', { name: 'Acquisition', exact: true }).selectOption('lcb');
  await page.getByRole('spinbutton', { name: 'κ (LCB exploration)' }).waitFor();
  await expect
    .poll(() => page.locator('figure[data-chart="gp-acquisition"] figcaption').textContent())
    .toBe('Lower confidence bound (negated)');

  await page.getByRole('checkbox', { name: 'Fixed hyperparameters (drag the length scale)' }).check();
  const slider = page.getByRole('slider', { name: 'Length scale' });
  await slider.waitFor();
  await expect.poll(() => hyper.textContent()).toContain('Fixed');
  const before = await posterior.locator('path.recharts-area-area').getAttribute('d');
  await slider.focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(() => posterior.locator('path.recharts-area-area').getAttribute('d')).not.toBe(before);

  // The 2-D maps have axes, a colour scale and the next point inside the frame.
  await page.getByRole('combobox', { name: 'Objective of the model view' }).selectOption('branin');
  const map = page.locator('figure[data-chart="gp-map-mean"]');
  await map.locator('svg text').first().waitFor({ timeout: 60_000 });
  await map.locator('.color-scale').waitFor();
  expect(await textsOutsideTheirSvg(page, 'figure[data-chart="gp-map-mean"]')).toEqual([]);
  expect(errors).toEqual([]);
}, 300_000);
