import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_CONFIG, type EpochMetrics, type ExperimentConfig, type RunSummary } from '../../src/core';
import { emptyLinkState, encodeLink } from '../../src/core/link';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const quick: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'xor',
  points: 120,
  hiddenLayers: [6],
  epochs: 8,
  seed: 5,
};

interface SeedRun {
  name: string;
  createdAt: number;
  pinned?: boolean;
  history: EpochMetrics[];
  summary: RunSummary;
}

function curve(epochs: number, last: Partial<EpochMetrics> = {}): EpochMetrics[] {
  return Array.from({ length: epochs }, (_, i) => ({
    epoch: i + 1,
    trainLoss: 1 / (i + 1),
    validationLoss: 1 / (i + 1) + 0.1,
    trainAccuracy: 0.6,
    validationAccuracy: 0.55,
    learningRate: 0.03,
    examplesSeen: 96 * (i + 1),
    wallTimeMs: 5 * (i + 1),
    ...(i === epochs - 1 ? last : {}),
  }));
}

const summaryOf = (history: EpochMetrics[], status: RunSummary['status'] = 'completed'): RunSummary => ({
  status,
  epochs: history.length,
  bestEpoch: 1,
  bestValidationLoss: history[0]!.validationLoss,
  finalTrainLoss: history.at(-1)!.trainLoss,
  finalValidationLoss: history.at(-1)!.validationLoss,
  finalTrainAccuracy: 0.6,
  finalValidationAccuracy: 0.55,
  divergedAtEpoch: status === 'diverged' ? history.length : null,
  effectiveBatchSize: 16,
  wallTimeMs: 40,
  verdict:
    status === 'diverged'
      ? {
          status,
          code: 'diverged-nan',
          params: { epoch: history.length, learningRate: 0.03, optimizer: 'adam' },
        }
      : status === 'stopped-early'
        ? { status, code: status, params: { epoch: history.length, patience: 10, bestEpoch: 1 } }
        : ({ status, code: status, params: { epochs: history.length } } as RunSummary['verdict']),
});

/**
 * Saves runs through the page's own saved-work module (the one History lists), as finished runs
 * would be: far quicker than training a hundred of them. It is a source module, so this file's
 * pages come from the dev server.
 */
async function seedRuns(page: Page, runs: SeedRun[]): Promise<void> {
  // A string, so the test runner does not rewrite the page's dynamic import as its own.
  await page.evaluate(`(async () => {
    const saved = await import('/src/store/persistence/saved.ts');
    const persistence = await saved.savedWork();
    const config = ${JSON.stringify(quick)};
    for (const run of ${JSON.stringify(runs, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? `@${value}` : value))}) {
      const revive = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('@') ? Number(v.slice(1)) : v]));
      persistence.addRun({ ...run, history: run.history.map(revive), summary: revive(run.summary), config, status: run.summary.status });
    }
    await persistence.flush();
  })()`);
}

const items = (page: Page) => page.getByRole('list', { name: 'History' }).getByRole('listitem');
const item = (page: Page, name: string | RegExp) =>
  page
    .getByRole('list', { name: 'History' })
    .locator('> li')
    .filter({
      has: page.getByRole('heading', { name, exact: typeof name === 'string' }),
    });

test('finding 1: a run whose loss became NaN survives a reload', async () => {
  const { page, errors } = await openPage(browser, `${inject('devUrl')}#history`);
  await page.getByText('No finished runs yet').waitFor();
  const history = curve(5, { trainLoss: Number.POSITIVE_INFINITY, validationLoss: Number.NaN });
  await seedRuns(page, [
    { name: 'diverged run', createdAt: Date.now(), history, summary: summaryOf(history, 'diverged') },
  ]);
  await item(page, 'diverged run').waitFor();
  await page.reload();
  const back = item(page, 'diverged run');
  await back.waitFor();
  expect(await back.locator('[data-value="status"]').innerText()).toMatch(/diverged · 5 epochs/);
  expect(await back.locator('[data-value="finalValidationLoss"]').innerText()).toBe('NaN');
  expect(await page.getByText(/could not be read/).count()).toBe(0);
  expect(errors).toEqual([]);
});

test('finding 3: History is never pruned without asking; the limit is a labelled setting; pinned runs stay', async () => {
  const { page, errors } = await openPage(browser, `${inject('devUrl')}#history`);
  await page.getByText('No finished runs yet').waitFor();
  expect(await page.getByText('until you delete it').count()).toBe(1);
  const runs: SeedRun[] = Array.from({ length: 130 }, (_, i) => ({
    name: `run ${i + 1}`,
    createdAt: 1_700_000_000_000 + i * 1000,
    pinned: i === 0,
    history: curve(3),
    summary: summaryOf(curve(3)),
  }));
  await seedRuns(page, runs);
  await expect.poll(() => items(page).count(), { timeout: 30_000 }).toBe(130);
  // Over the default limit of 100 unpinned runs: a warning names the oldest, nothing is gone.
  const warning = page.getByRole('alert').filter({ hasText: 'more unpinned runs than your limit' });
  await warning.waitFor();
  expect(await warning.innerText()).toContain('29 more unpinned runs than your limit of 100');
  expect(await warning.innerText()).toContain('run 2');
  expect(await warning.innerText()).not.toContain('run 1\n');

  const limit = page.getByRole('combobox', { name: 'Keep at most' });
  await limit.focus();
  await limit.selectOption({ label: '200 unpinned runs' });
  await expect.poll(() => warning.count(), { timeout: 30_000 }).toBe(0);
  await limit.selectOption({ label: '25 unpinned runs' });
  await warning.waitFor();
  await page.getByRole('button', { name: 'Delete the 104 oldest' }).click();
  await expect.poll(() => items(page).count(), { timeout: 30_000 }).toBe(26);
  await page.reload();
  await item(page, 'run 1').waitFor();
  await item(page, 'run 130').waitFor();
  await expect.poll(() => items(page).count(), { timeout: 30_000 }).toBe(26);
  expect(await item(page, 'run 2').count()).toBe(0);
  expect(await page.getByRole('combobox', { name: 'Keep at most' }).inputValue()).toBe('25');
  expect(errors).toEqual([]);
});

test('finding 4: two tabs: a rename in one and a pin in the other both survive; a deletion stays deleted', async () => {
  const { page: first, errors } = await openPage(browser, `${inject('devUrl')}#history`);
  await first.getByText('No finished runs yet').waitFor();
  await seedRuns(first, [
    { name: 'shared', createdAt: 1000, history: curve(3), summary: summaryOf(curve(3)) },
    { name: 'doomed', createdAt: 2000, history: curve(3), summary: summaryOf(curve(3)) },
  ]);
  // The second tab of the same browser profile.
  const second = await first.context().newPage();
  await second.goto(`${inject('devUrl')}#history`);
  await item(second, 'shared').waitFor();
  await item(second, 'doomed').waitFor();

  const name = item(first, 'shared').getByRole('textbox', { name: 'Name' });
  await name.fill('renamed in tab one');
  await name.press('Enter');
  await item(first, 'renamed in tab one').waitFor();
  await item(second, 'renamed in tab one').getByRole('button', { name: 'Pin' }).click();
  await item(first, 'doomed').getByRole('button', { name: 'Delete' }).click();
  // The other tab hears of the deletion without a reload.
  await expect.poll(() => item(second, 'doomed').count(), { timeout: 30_000 }).toBe(0);

  for (const page of [first, second]) {
    await page.reload();
    const kept = item(page, 'renamed in tab one');
    await kept.waitFor();
    await kept.getByRole('button', { name: 'Unpin' }).waitFor();
    expect(await item(page, 'doomed').count()).toBe(0);
    expect(await items(page).count()).toBe(1);
  }
  expect(errors).toEqual([]);
});

test('finding 5: a database newer than this page says to reload, not private browsing', async () => {
  const { page } = await openPage(browser, `${inject('baseUrl')}#history`);
  await page.getByText('No finished runs yet').waitFor();
  // What a newer Tunelab does on upgrade: the database moves to a higher version.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('tunelab', 7);
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  await page.reload();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toMatch(/Reload the page/);
  expect(await alert.innerText()).not.toMatch(/private browsing/);
});

test('finding 6: compare runs go to History as one comparison, and come back with their names and curves', async () => {
  const lanes = [quick, { ...quick, learningRate: 0.1 }];
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#compare/${encodeLink({ ...emptyLinkState(quick), lanes })}`,
  );
  const cards = page.locator('section.lane-card');
  await expect.poll(() => cards.count(), { timeout: 90_000 }).toBe(2);
  const names = await cards.locator('h3').allInnerTexts();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const statuses = await cards.evaluateAll((all) => all.map((card) => card.getAttribute('data-status')));
    if (statuses.every((s) => s === 'completed' || s === 'stopped-early')) break;
    if (Date.now() > deadline) throw new Error(`lanes did not finish: ${statuses.join(', ')}`);
    if (statuses.every((s) => s === 'idle')) await page.getByRole('button', { name: 'Play all' }).click();
    await page.waitForTimeout(300);
  }
  const epochs = await cards
    .locator('.lane-epoch')
    .evaluateAll((all) => all.map((e) => Number(e.getAttribute('data-epoch'))));

  await page.goto(`${inject('baseUrl')}#history`);
  const entry = page
    .getByRole('list', { name: 'History' })
    .locator('> li')
    .filter({ hasText: 'Comparison of 2 lanes' });
  await entry.waitFor();
  expect(await items(page).filter({ hasText: 'Comparison of 2 lanes' }).count()).toBe(1);
  for (const name of names)
    expect(await entry.getByRole('list', { name: 'Lanes' }).innerText()).toContain(name);

  await entry.getByRole('button', { name: 'Add to a comparison' }).click();
  await expect.poll(() => page.locator('section.lane-card').count(), { timeout: 30_000 }).toBe(2);
  const restored = page.locator('section.lane-card');
  await expect
    .poll(
      () =>
        restored
          .locator('.lane-epoch')
          .evaluateAll((all) => all.map((e) => Number(e.getAttribute('data-epoch')))),
      { timeout: 30_000 },
    )
    .toEqual(epochs);
  expect(await restored.locator('h3').allInnerTexts()).toEqual(names);
  expect(errors).toEqual([]);
});

const shapes = [
  'width,height,kind',
  ...Array.from({ length: 80 }, (_, i) => {
    const width = (i % 10) + 1;
    const height = Math.floor(i / 10) + 1;
    return `${width},${height},${width > height ? 'wide' : 'tall'}`;
  }),
].join('\n');

test('finding 10: a CSV classification task looks like classification on the playground', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#data`);
  await page
    .getByLabel('Choose a CSV file')
    .setInputFiles({ name: 'shapes.csv', mimeType: 'text/csv', buffer: Buffer.from(shapes) });
  await page.getByRole('button', { name: 'Use this data' }).click();
  await page.getByText('In use: shapes.csv').waitFor();
  await page.getByRole('button', { name: 'Train on it in the playground' }).click();
  await page.getByRole('heading', { name: 'Decision boundary' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Predicted surface' }).count()).toBe(0);
  expect(await page.getByRole('list', { name: 'Classes' }).innerText()).toMatch(/tall\s+wide/);
  await page.getByRole('heading', { name: 'Accuracy' }).waitFor();
  for (const name of ['Points', 'Noise']) {
    const slider = page.getByRole('slider', { name });
    expect(await slider.isDisabled()).toBe(true);
  }
  await page.getByText('Not used with your file').first().waitFor();
  expect(errors).toEqual([]);
});

test('finding 16: a decimal-comma file gets one hint at once; a headerless file keeps its first row', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#data`);
  const chooser = page.getByLabel('Choose a CSV file');
  const rows = Array.from({ length: 60 }, (_, i) => `${i},5;${i % 7},25;${i % 2}`);
  await chooser.setInputFiles({
    name: 'komma.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['gewicht;größe;klasse', ...rows].join('\n')),
  });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.getByRole('listitem').count()).toBe(1);
  expect(await alert.innerText()).toMatch(/Column "gewicht" writes numbers with a decimal comma/);

  // Headerless, with a text label: asked about, read as data, all rows kept.
  const headerless = Array.from(
    { length: 20 },
    (_, i) => `${i + 1},${(i % 3) + 5},${i % 2 ? 'yes' : 'no'}`,
  ).join('\n');
  await chooser.setInputFiles({ name: 'plain.csv', mimeType: 'text/csv', buffer: Buffer.from(headerless) });
  await page.getByText('20 rows, 3 columns').waitFor();
  await page.getByText(/Row 1 \(1, 5, no\) mixes numbers and text/).waitFor();
  expect(await page.getByRole('radio', { name: 'is data (the file has no header)' }).isChecked()).toBe(true);
  await page.getByRole('radio', { name: 'is the header (column names)' }).click();
  await page.getByText('19 rows, 3 columns').waitFor();
  expect(errors).toEqual([]);
});
