import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import LZString from 'lz-string';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium';
import { decodeLink, emptyLinkState, encodeLink } from '../../src/core/link/codec';
import { formatNumber } from '../../src/core/config/schema';
import {
  DEFAULT_SEQUENCE_CONFIG,
  SEQUENCE_NUMERIC_PARAMETERS,
  type SequenceConfig,
} from '../../src/core/sequence/config';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every setting away from its default, and small enough to train in seconds. */
const LINKED: SequenceConfig = {
  model: 'transformer',
  task: 'last-digit',
  heads: 2,
  width: 24,
  layers: 2,
  ffWidth: 48,
  maxLength: 12,
  attentionDropout: 0.05,
  minSequenceLength: 3,
  maxSequenceLength: 8,
  trainingSize: 100,
  optimizer: 'rmsprop',
  learningRate: 0.005,
  momentum: 0.8,
  rmsDecay: 0.95,
  beta1: 0.85,
  beta2: 0.99,
  epsilon: 1e-7,
  dropout: 0.1,
  labelSmoothing: 0.05,
  clipNorm: 2,
  batchSize: 16,
  epochs: 2,
  schedule: 'warmup',
  warmupEpochs: 1,
  decayEvery: 7,
  decayFactor: 0.3,
  patience: 10,
  seed: 42,
};

const hashOf = (page: Page) => page.evaluate(() => location.hash);

/** What the page's controls show for every setting, in the config's own terms. */
async function settingsOnScreen(page: Page): Promise<Record<string, string>> {
  const panel = page.getByRole('complementary', { name: 'Settings' });
  const shown: Record<string, string> = {};
  for (const key of ['model', 'task', 'heads', 'optimizer', 'schedule'])
    shown[key] = await panel.locator(`[data-control="${key}"] select`).inputValue();
  for (const p of SEQUENCE_NUMERIC_PARAMETERS)
    shown[p.key] =
      p.key === 'seed'
        ? await panel.locator('[data-control="seed"] input').inputValue()
        : ((await panel
            .locator(`[data-control="${p.key}"] input[type=range]`)
            .getAttribute('aria-valuetext')) ?? '');
  return shown;
}

const expectedOnScreen = (config: SequenceConfig) =>
  Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      typeof value === 'number' && key !== 'seed' && key !== 'heads' ? formatNumber(value) : String(value),
    ]),
  );

test('a sequences link restores every setting in a fresh browser; Step; maps show weights; epochs are whole', async () => {
  expect(Object.keys(LINKED).sort()).toEqual(Object.keys(DEFAULT_SEQUENCE_CONFIG).sort());
  const base = `${inject('baseUrl')}#sequences`;

  // A hostile link: the nearest valid settings load, the alert says what was wrong, the page runs.
  const hostile = `2.${LZString.compressToEncodedURIComponent(
    JSON.stringify({ c: {}, s: { heads: 3, width: 30, learningRate: null, '<b>x</b>': 1 } }),
  )}`;
  const first = await openPage(browser, `${base}/${hostile}`);
  const alert = first.page.getByRole('alert');
  await alert.getByText('Model width must be a multiple of the attention heads (4); 30 became 32.').waitFor();
  await alert
    .getByText(/Learning rate must be a number from 1e-5 to 100; the default 0.01 was used/)
    .waitFor();
  await alert.getByText('An unknown setting “<b>x</b>” was ignored.').waitFor();

  // A link pasted into the open page; then two settings and the pace changed by hand.
  await first.page.goto(`${base}/${encodeLink({ ...emptyLinkState(), sequence: LINKED })}`);
  await first.page.getByRole('button', { name: 'Dismiss' }).waitFor({ state: 'detached' });
  const panel = first.page.getByRole('complementary', { name: 'Settings' });
  await expect.poll(() => settingsOnScreen(first.page)).toEqual(expectedOnScreen(LINKED));
  await panel.getByRole('combobox', { name: 'Attention heads', exact: true }).selectOption('4');
  await panel.getByRole('textbox', { name: 'Epochs, exact value', exact: true }).fill('3');
  await panel.getByRole('textbox', { name: 'Epochs, exact value', exact: true }).press('Enter');
  await first.page.getByRole('combobox', { name: 'Training pace' }).selectOption('30');
  const changed: SequenceConfig = { ...LINKED, heads: 4, epochs: 3 };
  // The address bar follows the settings.
  await expect
    .poll(async () => decodeLink((await hashOf(first.page)).replace(/^#sequences\//, '')).state)
    .toMatchObject({ sequence: changed, pace: '30' });
  const link = first.page.url();
  expect(first.errors).toEqual([]);

  // A fresh browser context: every setting and the pace come back.
  const { page, errors } = await openPage(browser, link);
  await expect.poll(() => settingsOnScreen(page)).toEqual(expectedOnScreen(changed));
  await expect(page.getByRole('combobox', { name: 'Training pace' }).inputValue()).resolves.toBe('30');
  // Every control of the page has its help.
  const controls = page.locator('.sequence-panel .control');
  expect(await controls.count()).toBeGreaterThan(25);
  expect(await page.locator('.sequence-panel .control .help-button').count()).toBe(await controls.count());

  // Step trains one epoch and holds the run; Resume carries on to the end.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const lane = page.locator('[data-lane="0"]');
  await lane.getByText('Epoch 1 of 3').waitFor({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await lane.getByText('Epoch 3 of 3').waitFor({ timeout: 90_000 });
  const map = page.getByRole('img', { name: /Attention map of layer 2, head 4/ });
  await map.waitFor();
  expect(await page.getByRole('img', { name: /Attention map of layer/ }).count()).toBe(8);

  // A readable map: cells far larger than the old 7 px, both axes named.
  const box = (await map.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(200);
  const figure = page.getByRole('figure', { name: /Layer 2, head 4/ });
  await figure.getByText('Query', { exact: true }).waitFor();
  await figure.getByText('Key', { exact: true }).waitFor();
  await page.getByRole('figure', { name: 'Attention weight' }).first().waitFor();

  // Pointing at a cell shows its weight; so does the keyboard.
  await map.hover({ position: { x: 3, y: 3 } });
  await figure.getByText(/^Query 1 \(.+\) → key 1 \(.+\): weight \d\.\d\d$/).waitFor();
  await figure
    .locator('.attention-tip')
    .getByText(/^\d\.\d\d$/)
    .waitFor();
  await page.mouse.move(0, 0);
  await map.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await figure.getByText(/^Query 2 \(.+\) → key 2 \(.+\): weight \d\.\d\d$/).waitFor();

  // Epoch axes tick at whole epochs only (they showed 1, 1.75, 2.5).
  const ticks = await page
    .locator('.sequence-lane > .recharts-responsive-container .recharts-xAxis-tick-labels text')
    .allTextContents();
  // Two charts, ticks 1, 2 and 3 on each.
  expect(ticks.length).toBeGreaterThanOrEqual(4);
  for (const tick of ticks) expect(tick).toMatch(/^\d+$/);
  expect(errors).toEqual([]);
}, 180_000);
