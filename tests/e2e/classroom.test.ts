import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config/parameters';
import { decodeLink, emptyLinkState, encodeLink, type ControlKey } from '../../src/core/link/codec';
import { experimentToJson, exportExperiment } from '../../src/core/export/experiment';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LOCKED: ControlKey[] = ['learningRate', 'optimizer', 'activation', 'hiddenLayers', 'dataset'];
const TEACHERS: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  learningRate: 0.3,
  optimizer: 'sgd',
  activation: 'relu',
  hiddenLayers: [3],
  dataset: 'xor',
};
/** A different experiment with nothing locked, as History, a tuner or an imported file would bring. */
const OTHER: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  learningRate: 0.001,
  optimizer: 'adam',
  activation: 'sigmoid',
  hiddenLayers: [8, 8, 8],
  dataset: 'circle',
  epochs: 77,
};

const lockedValues = (config: ExperimentConfig) =>
  Object.fromEntries(LOCKED.map((key) => [key, config[key]]));

/** The experiment the page holds, read back from its address bar (the store writes it there). */
async function pageExperiment(page: Page): Promise<ExperimentConfig> {
  const hash = await page.evaluate(() => location.hash);
  return decodeLink(hash.replace(/^#playground\//, '')).state.config;
}

const classroomEditor = (page: Page) => page.getByText(/^Classroom/);

test('finding 12: a student link with 5 locked controls offers no way in the page to change them', async () => {
  const link = encodeLink({ ...emptyLinkState(TEACHERS), locked: LOCKED, hidden: ['dropout'] });
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#playground/${link}`);
  const learningRate = page.getByRole('slider', { name: /learning rate/i });
  await learningRate.waitFor();
  const expectLocked = async () =>
    expect.poll(async () => lockedValues(await pageExperiment(page))).toEqual(lockedValues(TEACHERS));

  // No classroom editor: nothing on the page can turn "Locked" back to "Shown".
  expect(await classroomEditor(page).count()).toBe(0);
  expect(await page.getByRole('combobox', { name: /^learning rate$/i }).count()).toBe(0);

  // Every locked control is disabled, its exact-value box too.
  expect(await learningRate.isDisabled()).toBe(true);
  expect(await page.getByRole('textbox', { name: /learning rate, exact value/i }).isDisabled()).toBe(true);
  for (const name of [/^optimizer/i, /^activation/i, /^dataset/i])
    expect(await page.getByRole('combobox', { name }).isDisabled()).toBe(true);
  // The help button in the legend stays usable (HTML leaves a disabled fieldset's legend enabled).
  const layerEditor = page
    .locator('fieldset[data-control="hiddenLayers"] > :not(legend)')
    .locator('button, input, select');
  expect(await layerEditor.count()).toBeGreaterThan(0);
  for (const control of await layerEditor.all()) expect(await control.isDisabled()).toBe(true);

  // The keyboard: every element Tab reaches gets the keys that move a control.
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const tag = await page.evaluate(() => document.activeElement?.tagName ?? '');
    if (tag === 'INPUT' || tag === 'SELECT')
      for (const key of ['ArrowUp', 'ArrowRight', 'End', 'PageUp']) await page.keyboard.press(key);
  }
  await expectLocked();

  // Hidden routes that write the experiment: another link in the same tab (History's "open",
  // a tuner's "open in playground"), an imported experiment file, and the data page.
  await page.evaluate(
    (payload) => (location.hash = `#playground/${payload}`),
    encodeLink(emptyLinkState(OTHER)),
  );
  await expect.poll(async () => (await pageExperiment(page)).epochs).toBe(77);
  await expectLocked();
  expect(await classroomEditor(page).count()).toBe(0);

  const file = experimentToJson(exportExperiment({ state: emptyLinkState(OTHER), name: 'other' }));
  // The import is an item of the export menu, there once the menu has opened.
  await page.locator('summary', { hasText: 'Export' }).click();
  await page
    .getByLabel(/import an experiment/i)
    .setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect.poll(() => page.getByText(/Imported/).count()).toBeGreaterThan(0);
  await expectLocked();

  await page.evaluate(() => (location.hash = '#data'));
  await page.getByRole('button', { name: /train on the digits/i }).click();
  await page.getByRole('slider', { name: /learning rate/i }).waitFor();
  await expectLocked();

  // A reload keeps the tab a student's.
  await page.reload();
  await page.getByRole('slider', { name: /learning rate/i }).waitFor();
  expect(await classroomEditor(page).count()).toBe(0);
  await expectLocked();
  expect(errors).toEqual([]);
  await page.context().close();
});

test("finding 12: the teacher's own tab keeps the editor; the same link opened fresh is a student's", async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#playground`);
  await page.getByRole('slider', { name: /learning rate/i }).waitFor();
  await classroomEditor(page).click();
  await page.getByRole('combobox', { name: /^learning rate$/i }).selectOption('locked');
  await expect
    .poll(
      async () =>
        decodeLink((await page.evaluate(() => location.hash)).replace(/^#playground\//, '')).state.locked,
    )
    .toEqual(['learningRate']);
  const link = await page.evaluate(() => location.href);

  // The teacher reloads the link in the tab where the lock was set: the editor stays.
  await page.reload();
  await page.getByRole('slider', { name: /learning rate/i }).waitFor();
  expect(await classroomEditor(page).count()).toBe(1);
  await classroomEditor(page).click();
  await page.getByRole('combobox', { name: /^learning rate$/i }).selectOption('shown');
  await expect.poll(() => page.getByRole('slider', { name: /learning rate/i }).isDisabled()).toBe(false);
  await page.getByRole('combobox', { name: /^learning rate$/i }).selectOption('locked');

  const student = await openPage(browser, link);
  await student.page.getByRole('slider', { name: /learning rate/i }).waitFor();
  expect(await classroomEditor(student.page).count()).toBe(0);
  expect(await student.page.getByRole('slider', { name: /learning rate/i }).isDisabled()).toBe(true);
  expect(errors).toEqual([]);
  expect(student.errors).toEqual([]);
  await page.context().close();
  await student.page.context().close();
});
