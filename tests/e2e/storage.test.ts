import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import Papa from 'papaparse';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core';
import { emptyLinkState, encodeLink } from '../../src/core/link';
import { packData } from '../../src/core/userdata/link-data';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Small enough to finish in seconds on 2 shared cores, long enough to have a curve.
const quick: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'xor',
  points: 120,
  hiddenLayers: [6],
  epochs: 12,
  seed: 5,
};

const status = (page: Page) => page.getByRole('status', { name: /run status/i });

async function trainToEnd(page: Page): Promise<void> {
  // As a user would, wait for the run to be ready before pressing Play.
  await status(page).locator('xpath=self::*[contains(@class, "phase-ready")]').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Play' }).click();
  await status(page).locator('xpath=self::*[contains(@class, "status-")]').waitFor({ timeout: 90_000 });
}

/** Clicks, waits for the download, returns its text. */
async function download(page: Page, target: Locator): Promise<{ text: string; path: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), target.click()]);
  const path = await file.path();
  return { text: await readFile(path, 'utf8'), path, name: file.suggestedFilename() };
}

/** Curves without the wall-clock column, which is the one thing a rerun may change. */
function curves(csv: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data.map(
    ({ wallTimeMs: _ignored, ...rest }) => rest,
  );
}

async function exportCurvesFromToolbar(page: Page): Promise<string> {
  await page.locator('summary', { hasText: 'Export' }).click();
  const { text } = await download(page, page.getByRole('button', { name: 'Curves (CSV)' }));
  await page.locator('summary', { hasText: 'Export' }).click();
  return text;
}

test('a finished run survives a reload in the history, and reopens to the identical curves', async () => {
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#playground/${encodeLink(emptyLinkState(quick))}`,
  );
  await trainToEnd(page);
  const trained = await exportCurvesFromToolbar(page);
  expect(curves(trained).length).toBe(12);

  // The other exports of the toolbar: the loss chart as SVG and PNG, the Keras script.
  await page.locator('summary', { hasText: 'Export' }).click();
  const svg = await download(page, page.getByRole('button', { name: 'Loss chart (SVG)' }));
  expect(svg.name).toMatch(/-loss\.svg$/);
  expect(svg.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.text).toContain('<path');
  // A title and the key travel with the chart, so a slide can tell the curves apart.
  expect(svg.text).toMatch(/<g class="chart-heading"><text [^>]*>Loss: xor · 6 tanh/);
  expect(svg.text).toMatch(/>training<\/text>|>train[^<]*<\/text>/i);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Loss chart (PNG)' }).click(),
  ]);
  const pngBytes = await readFile(await png.path());
  expect([...pngBytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  const python = await download(page, page.getByRole('button', { name: 'Python (Keras)' }));
  expect(python.name).toBe('tunelab_experiment.py');
  expect(python.text).toContain('SEED = 5');
  expect(python.text).toContain('EPOCHS = 12');
  // The PyTorch script carries this run's losses to print beside its own.
  const torch = await download(page, page.getByRole('button', { name: 'Python (PyTorch, exact)' }));
  expect(torch.name).toBe('tunelab_torch.py');
  expect(torch.text).toContain('"epochs": 12,');
  expect(torch.text.split('TUNELAB_LOSSES = [')[1]!.split(']\n\n')[0]!.match(/\],/g)).toHaveLength(12);
  await page.locator('summary', { hasText: 'Export' }).click();

  await page.reload();
  await page.goto(`${inject('baseUrl')}#history`);
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: /xor · 6 tanh · adam 0.01/ }) });
  await item.waitFor();
  expect(await item.locator('[data-value="status"]').innerText()).toMatch(/completed · 12 epochs/);
  await expect.poll(() => item.getByRole('img', { name: /validation loss from/i }).count()).toBe(1);
  const saved = await download(page, item.getByRole('button', { name: 'Curves (CSV)' }));
  expect(saved.text).toBe(trained);

  // Reopened, the same experiment trains to the same numbers: the engine is seeded throughout.
  await item.getByRole('button', { name: 'Open in the playground' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await trainToEnd(page);
  expect(curves(await exportCurvesFromToolbar(page))).toEqual(curves(trained));
  expect(errors).toEqual([]);
});

test('a link opens no storage before its first epoch is on screen, and keeps what was changed before it did', async () => {
  // Every open of a database, with what the readout said then.
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#playground/${encodeLink(emptyLinkState(quick))}`,
    `window.__opens = [];
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args) {
      window.__opens.push(document.querySelector('[data-value="epoch"]')?.textContent ?? '');
      return open.apply(this, args);
    };`,
  );
  const opens = () => page.evaluate(() => (window as unknown as { __opens: string[] }).__opens);
  // The first screen is up and the worker holds the first epoch: nothing was opened for them.
  await page.locator('[data-first-epoch="held"]').waitFor({ timeout: 60_000 });
  const learningRate = page.getByRole('slider', { name: /learning rate/i });
  await learningRate.focus();
  await page.keyboard.press('ArrowRight');
  const changed = await learningRate.getAttribute('aria-valuetext');
  expect(changed).not.toBe('0.01');
  await page.waitForTimeout(1_000);
  expect(await opens()).toEqual([]);

  await trainToEnd(page);
  // Opened once the first epoch was on screen.
  expect((await opens())[0]).toMatch(/^[1-9]/);

  // A bare visit in the same browser brings back the experiment as changed, and the run is in History.
  const again = await page.context().newPage();
  await again.goto(inject('baseUrl'));
  const restored = again.getByRole('slider', { name: /learning rate/i });
  await expect.poll(() => restored.getAttribute('aria-valuetext'), { timeout: 30_000 }).toBe(changed);
  await again.goto(`${inject('baseUrl')}#history`);
  await again
    .getByRole('heading', { name: /xor · 6 tanh · adam/ })
    .first()
    .waitFor();
  expect(errors).toEqual([]);
});

test('rename, pin, delete and undo in the history; an experiment exported as JSON imports back with its results', async () => {
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#playground/${encodeLink(emptyLinkState({ ...quick, seed: 9 }))}`,
  );
  await trainToEnd(page);
  await page.goto(`${inject('baseUrl')}#history`);
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: /xor/ }) })
    .first();
  await item.waitFor();
  const name = item.getByRole('textbox', { name: 'Name' });
  await name.fill('My XOR run');
  await name.press('Enter');
  const renamed = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'My XOR run' }) });
  await renamed.waitFor();
  await renamed.getByRole('button', { name: 'Pin' }).click();
  await renamed.getByRole('button', { name: 'Unpin' }).waitFor();
  const finalLoss = await renamed.locator('[data-value="finalValidationLoss"]').innerText();

  const exported = await download(page, renamed.getByRole('button', { name: 'Experiment (JSON)' }));
  expect(exported.name).toBe('My-XOR-run.tunelab.json');
  expect(JSON.parse(exported.text)).toMatchObject({
    format: 'tunelab-experiment',
    version: 1,
    name: 'My XOR run',
    seed: 9,
  });

  await renamed.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => renamed.count()).toBe(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await renamed.waitFor();
  await renamed.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => renamed.count()).toBe(0);

  await page.getByLabel('Import an experiment (JSON)').setInputFiles(exported.path);
  await page.getByRole('status').filter({ hasText: 'Imported “My XOR run”.' }).waitFor();
  const back = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'My XOR run' }) });
  expect(await back.locator('[data-value="finalValidationLoss"]').innerText()).toBe(finalLoss);
  expect(await back.locator('[data-value="status"]').innerText()).toMatch(/completed · 12 epochs/);

  // A file that is not an experiment is refused in words.
  await page
    .getByLabel('Import an experiment (JSON)')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/not a Tunelab experiment/);
  expect(errors).toEqual([]);
});

const goodCsv = [
  'width,height,kind',
  ...Array.from({ length: 80 }, (_, i) => {
    const width = (i % 10) + 1;
    const height = Math.floor(i / 10) + 1;
    return `${width},${height},${width > height ? 'wide' : 'tall'}`;
  }),
].join('\n');

test('a CSV with a bad row is refused naming the row; the good one stays loaded and trains', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#data`);
  const chooser = page.getByLabel('Choose a CSV file');
  await chooser.setInputFiles({ name: 'shapes.csv', mimeType: 'text/csv', buffer: Buffer.from(goodCsv) });
  await page.getByRole('button', { name: 'Use this data' }).click();
  await page.getByText('In use: shapes.csv').waitFor();

  const bad = goodCsv.split('\n');
  bad[4] = '3,oops,tall';
  await chooser.setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(bad.join('\n')),
  });
  // Named as soon as the file is read, before "Use this data", which stays disabled meanwhile.
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toContain('Row 5, column "height": "oops" is not a number.');
  expect(await alert.innerText()).toContain(
    'The data you loaded before (shapes.csv) is still the one in use.',
  );
  expect(await page.getByRole('button', { name: 'Use this data' }).isDisabled()).toBe(true);

  // An empty file and a binary one are refused at once, with their own messages.
  await chooser.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect.poll(() => alert.innerText()).toContain('The file is empty');
  await chooser.setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0, 1, 2, 3]),
  });
  await expect.poll(() => alert.innerText()).toContain('This is not a text file');

  await page.getByRole('button', { name: 'Train on it in the playground' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  expect(await page.getByRole('combobox', { name: /dataset/i }).inputValue()).toBe('custom');
  await page
    .getByText(
      'Training on your file shapes.csv (80 rows). The plane shows width across and height up, standardized.',
    )
    .waitFor();
  await trainToEnd(page);
  expect(await status(page).getAttribute('class')).toMatch(/status-(completed|stopped-early)/);
  await page.goto(`${inject('baseUrl')}#history`);
  await page.getByText('Trained on your file shapes.csv').waitFor();
  expect(errors).toEqual([]);
});

test('the digits train in the playground, and the misclassified validation digits are shown', async () => {
  const digits = {
    ...DEFAULT_CONFIG,
    dataset: 'digits' as const,
    points: 200,
    validationSplit: 0.5,
    hiddenLayers: [32],
    activation: 'relu' as const,
    epochs: 5,
  };
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#playground/${encodeLink(emptyLinkState(digits))}`,
  );
  await trainToEnd(page);
  expect(await status(page).getAttribute('class')).toMatch(/status-completed/);
  const accuracy = await status(page).locator('[data-value="accuracy"]').innerText();
  // Ten classes: far above the 10 % of guessing after five epochs.
  expect(Number.parseFloat(accuracy)).toBeGreaterThan(30);

  // The validation images it got wrong, as many as its accuracy says, each a picture with words.
  const grid = page.getByRole('region', { name: 'Misclassified validation digits' });
  const count = grid.getByText(/of 100 validation images are wrong at epoch 5/);
  await count.waitFor();
  const wrong = Number.parseInt(await count.innerText(), 10);
  expect(wrong).toBe(Math.round(100 - Number.parseFloat(accuracy)));
  const pictures = grid.getByRole('img', { name: /^A \d taken for a \d \(\d+% sure\)$/ });
  expect(await pictures.count()).toBe(Math.min(wrong, 24));
  expect(errors).toEqual([]);
});

/** A page whose browser storage is broken before the app starts, the way a private mode or a full disk breaks it. */
async function openWithStorage(
  breakStorage: () => void,
  url: string,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  await context.addInitScript(breakStorage);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  return { page, errors };
}

test('without storage (private mode) the app says so, trains, and keeps the run for this visit', async () => {
  const { page, errors } = await openWithStorage(
    () => {
      Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
    },
    `${inject('baseUrl')}#playground/${encodeLink(emptyLinkState({ ...quick, seed: 21 }))}`,
  );
  await trainToEnd(page);
  await page.getByText('Not saving: kept in this tab only').waitFor();
  await page.goto(`${inject('baseUrl')}#history`);
  await expect
    .poll(() => page.getByRole('alert').innerText())
    .toMatch(/does not let Tunelab save.*kept only until you close this tab/s);
  await page.getByRole('heading', { name: /xor · 6 tanh/ }).waitFor();
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a full storage: the message says so and the run stays in the history of this visit', async () => {
  const { page, errors } = await openWithStorage(
    () => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['put']>
      ) {
        if (this.name === 'runs')
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    },
    `${inject('baseUrl')}#playground/${encodeLink(emptyLinkState({ ...quick, seed: 22 }))}`,
  );
  await trainToEnd(page);
  await page.goto(`${inject('baseUrl')}#history`);
  await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/storage for this site is full/);
  await page.getByRole('heading', { name: /xor · 6 tanh/ }).waitFor();
  expect(errors).toEqual([]);
  await page.context().close();
});

test('in Chinese, the data page and its refusals speak Chinese, naming the same row and column', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#data`);
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '你的数据' }).waitFor();
  const bad = goodCsv.split('\n');
  bad[4] = '3,oops,tall';
  await page
    .getByLabel('选择 CSV 文件')
    .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\n')) });
  // Named at preview, before "Use this data".
  await expect
    .poll(() => page.getByRole('alert').innerText(), { timeout: 30_000 })
    .toContain('第 5 行，列 “height”：“oops” 不是数字。');
  expect(await page.getByRole('button', { name: '使用这些数据' }).isDisabled()).toBe(true);
  expect(errors).toEqual([]);
});

test('a link to an experiment on a CSV the browser does not have asks for the file, then trains on it', async () => {
  const custom = { ...DEFAULT_CONFIG, dataset: 'custom' as const, hiddenLayers: [4], epochs: 8 };
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#playground/${encodeLink(emptyLinkState(custom))}`,
  );
  const prompt = page.getByRole('region', { name: 'This experiment needs your data' });
  await prompt.waitFor();
  await prompt
    .getByLabel('Choose a CSV file')
    .setInputFiles({ name: 'shapes.csv', mimeType: 'text/csv', buffer: Buffer.from(goodCsv) });
  await prompt.getByRole('button', { name: 'Use this data' }).click();
  await page.getByText('Training on your file shapes.csv (80 rows).', { exact: false }).waitFor();
  await trainToEnd(page);
  expect(await status(page).getAttribute('class')).toMatch(/status-completed/);
  expect(errors).toEqual([]);
});

test('a link carries a small CSV with it: a browser that never saw the file trains on it', async () => {
  const custom = { ...DEFAULT_CONFIG, dataset: 'custom' as const, hiddenLayers: [4], epochs: 8 };
  const choice = { features: ['x', 'y'], label: 'shape', task: 'classification' as const };
  const header = goodCsv.split('\n')[0]!.split(',');
  const data = packData({
    fileName: 'shapes.csv',
    text: goodCsv,
    choice: { ...choice, features: header.slice(0, -1), label: header.at(-1)! },
  });
  expect(data.kind).toBe('embedded');
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#playground/${encodeLink({ ...emptyLinkState(custom), data })}`,
  );
  await page.getByText('Training on your file shapes.csv (80 rows).', { exact: false }).waitFor();
  await trainToEnd(page);
  expect(await status(page).getAttribute('class')).toMatch(/status-completed/);
  expect(errors).toEqual([]);
});
