import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config/parameters';
import { emptyLinkState, encodeLink } from '../../src/core/link/codec';
import { networkLayout } from '../../src/core/model/layout';
import { weightIndex } from '../../src/core/netview/view';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const linkTo = (config: ExperimentConfig) =>
  `${inject('baseUrl')}#playground/${encodeLink(emptyLinkState(config))}`;

const lineSign = (page: Page, index: number) =>
  page.locator(`.network-lines line[data-weight="${index}"]`).evaluate((line) => ({
    sign: line.getAttribute('data-sign'),
    stroke: line.getAttribute('stroke'),
  }));

test('a 4,3 network: its neurons, its weight lines, a weight edited by hand, a neuron described', async () => {
  const config: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    dataset: 'spiral',
    features: ['x1', 'x2'],
    hiddenLayers: [4, 3],
    activation: 'tanh',
    epochs: 2000,
  };
  const { page, errors } = await openPage(browser, linkTo(config));
  const diagram = page.getByRole('group', { name: /^The network:/ });
  await diagram.waitFor({ timeout: 60_000 });

  // Every neuron is a focusable element named for what it is.
  expect(
    await diagram.getByRole('button', { name: /^Input neuron \d, x₁|^Input neuron \d, x₂/ }).count(),
  ).toBe(2);
  expect(await diagram.getByRole('button', { name: /^Layer [12], neuron \d, tanh$/ }).count()).toBe(7);
  expect(await diagram.getByRole('button', { name: /^Output neuron, softmax over 2 classes$/ }).count()).toBe(
    1,
  );
  // 2×4 + 4×3 + 3×2 weights (one line per class into the output).
  expect(await page.locator('.network-lines line[data-weight]').count()).toBe(2 * 4 + 4 * 3 + 3 * 2);

  // Hovering a neuron describes it and enlarges what it draws over the boundary.
  await diagram.getByRole('button', { name: 'Layer 1, neuron 3, tanh' }).hover();
  await expect
    .poll(() => page.locator('.network-readout').innerText())
    .toMatch(/^Layer 1, neuron 3, tanh · mean activation −?\d\.\d{3}/);
  expect(
    await page.getByRole('img', { name: 'What Layer 1, neuron 3, tanh computes over the plane' }).count(),
  ).toBe(1);

  // The keyboard walks the diagram.
  await diagram.getByRole('button', { name: /^Input neuron 1/ }).focus();
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
    /^Layer 1, neuron/,
  );

  // W on a neuron steps through the weights into it: each in turn takes focus, is named with its
  // value, shows in the readout and highlights its line; Escape goes back to the neuron.
  const focused = () =>
    page.evaluate(() => ({
      name: document.activeElement?.getAttribute('aria-label'),
      weight: document.activeElement?.getAttribute('data-weight'),
      readout: document.querySelector('.network-readout')?.textContent,
      highlighted: document.querySelector('.network-lines line.highlight')?.getAttribute('data-weight'),
    }));
  const layout = networkLayout(2, [4, 3], 2);
  const weightInto = (from: number, index: number) => ({
    name: expect.stringMatching(
      new RegExp(`^Weight from Layer 1, neuron ${from}, tanh to Layer 2, neuron 1, tanh: −?\\d\\.\\d{3}$`),
    ),
    weight: String(index),
    readout: expect.stringMatching(new RegExp(`^Weight from Layer 1, neuron ${from}, tanh to`)),
    highlighted: String(index),
  });
  await diagram.getByRole('button', { name: 'Layer 2, neuron 1, tanh' }).focus();
  await page.keyboard.press('w');
  await expect.poll(focused).toEqual(weightInto(1, weightIndex(layout, 1, 0, 0)));
  await page.keyboard.press('ArrowDown');
  await expect.poll(focused).toEqual(weightInto(2, weightIndex(layout, 1, 1, 0)));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(focused).toEqual(weightInto(4, weightIndex(layout, 1, 3, 0)));
  await page.keyboard.press('Escape');
  await expect.poll(focused).toMatchObject({ name: 'Layer 2, neuron 1, tanh', highlighted: undefined });
  expect(await page.locator('.network-weight').count()).toBe(0);

  // Editing a weight (ready, not training) goes through the worker and recolours its line.
  const index = weightIndex(layout, 1, 1, 0);
  await diagram.getByRole('button', { name: 'Layer 2, neuron 1, tanh' }).click();
  const box = page.getByRole('textbox', { name: 'Weight from Layer 1, neuron 2, tanh' });
  await box.fill('1.5');
  await box.press('Enter');
  await expect
    .poll(() => lineSign(page, index))
    .toEqual({ sign: 'positive', stroke: 'rgba(8, 119, 189, 1)' });
  await box.fill('-1.5');
  await box.press('Enter');
  await expect
    .poll(() => lineSign(page, index))
    .toEqual({ sign: 'negative', stroke: 'rgba(245, 147, 34, 1)' });
  await expect.poll(() => box.inputValue()).toBe('−1.500');
  expect(await page.getByText('2 values edited by hand in this run (not in the link).').count()).toBe(1);
  expect(await page.getByText(/Weights you edit by hand are not in the link/).count()).toBe(1);

  // Training resumes from the edit, and the heatmaps follow it.
  const refreshes = () => page.locator('.network-diagram').getAttribute('data-epoch').then(Number);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(refreshes, { timeout: 30_000 }).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => box.isDisabled()).toBe(false);

  // The boundary's own toggles.
  await page.getByRole('checkbox', { name: 'Discretize output' }).check();
  await page.getByRole('checkbox', { name: 'Show validation data' }).uncheck();
  expect(errors).toEqual([]);
});

test('the digits: an 8×8 image of incoming weights for each first-layer neuron', async () => {
  const digits: ExperimentConfig = {
    ...DEFAULT_CONFIG,
    dataset: 'digits',
    points: 200,
    validationSplit: 0.5,
    hiddenLayers: [6, 4],
    activation: 'relu',
    epochs: 4,
  };
  const { page, errors } = await openPage(browser, linkTo(digits));
  const diagram = page.getByRole('group', { name: /^The network:/ });
  await diagram.waitFor({ timeout: 60_000 });
  expect(await diagram.getByRole('button', { name: 'Inputs: 64 pixels (8×8)' }).count()).toBe(1);
  const images = diagram.locator('button[aria-label^="Layer 1, neuron"] canvas[data-image="8x8"]');
  await expect.poll(() => images.count()).toBe(6);
  const sizes = await images.evaluateAll((canvases) =>
    canvases.map((c) => `${(c as HTMLCanvasElement).width}×${(c as HTMLCanvasElement).height}`),
  );
  expect(sizes).toEqual(Array(6).fill('8×8'));
  // The pixels stand for the first layer's lines: none are drawn from them.
  expect(await page.locator('.network-lines line[data-weight]').count()).toBe(6 * 4 + 4 * 10);
  expect(errors).toEqual([]);
});
