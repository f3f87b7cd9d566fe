import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config/parameters';
import { emptyLinkState, encodeLink } from '../../src/core/link/codec';
import { networkLayout } from '../../src/core/model/layout';
import { weightIndex } from '../../src/core/netview/view';
import { FULL, placeNetwork } from '../../src/ui/network/geometry';
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

/**
 * The colour a weight's line shows, read off the diagram's canvas a quarter of the way along it
 * (clear of the lines fanning out of the same neuron): blue, orange, none drawn there, or other (the
 * ink of the line in focus).
 */
const lineColour = (page: Page, geometry: ReturnType<typeof placeNetwork>, index: number) => {
  const line = geometry.lines.find((l) => l.index === index)!;
  const point = { x: line.x1 + (line.x2 - line.x1) / 4, y: line.y1 + (line.y2 - line.y1) / 4 };
  return page.locator('canvas.network-lines').evaluate((canvas: HTMLCanvasElement, { x, y }) => {
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const [red, , blue, alpha] = canvas
      .getContext('2d')!
      .getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
    if (!alpha) return 'none';
    return blue! - red! > 80 ? 'blue' : red! - blue! > 80 ? 'orange' : 'other';
  }, point);
};

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
  expect(
    await diagram
      .getByRole('img', {
        name: '26 weights drawn as lines: blue positive, orange negative, thicker for larger |w|',
      })
      .count(),
  ).toBe(1);

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
      highlighted: document.querySelector('.network-lines')?.getAttribute('data-highlight') ?? undefined,
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
  // Every unit shown: the geometry the page draws, to find the line's pixels on its canvas.
  const shown = [2, 4, 3].map((size) => Array.from({ length: size }, (_, unit) => unit));
  const geometry = placeNetwork([2, 4, 3, 2], shown, new Set(), true, FULL);
  const index = weightIndex(layout, 1, 1, 0);
  await diagram.getByRole('button', { name: 'Layer 2, neuron 1, tanh' }).click();
  const box = page.getByRole('textbox', { name: 'Weight from Layer 1, neuron 2, tanh' });
  await box.fill('1.5');
  await box.press('Enter');
  // While its box has focus the line is drawn in ink; its colour shows once focus leaves.
  await box.blur();
  await expect.poll(() => lineColour(page, geometry, index)).toBe('blue');
  await box.fill('-1.5');
  await box.press('Enter');
  await box.blur();
  await expect.poll(() => lineColour(page, geometry, index)).toBe('orange');
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
  const images = diagram.locator('button[aria-label^="Layer 1, neuron"][data-image="8x8"]');
  await expect.poll(() => images.count()).toBe(6);
  // Each one's box on the diagram's canvas shows a picture of 8×8 blocks: its middle row crosses
  // eight of them, several colours.
  const colours = await images.evaluateAll((buttons) => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.network-lines')!;
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const context = canvas.getContext('2d')!;
    return buttons.map((button) => {
      const own = button.getBoundingClientRect();
      const seen = new Set<string>();
      for (let block = 0; block < 8; block++) {
        const x = own.left - box.left + 1 + ((block + 0.5) * (own.width - 2)) / 8;
        const y = own.top - box.top + own.height / 2;
        seen.add(context.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data.join());
      }
      return seen.size;
    });
  });
  expect(colours.every((n) => n >= 3)).toBe(true);
  // The pixels stand for the first layer's lines: none are drawn from them.
  expect(await diagram.getByRole('img', { name: /^64 weights drawn as lines/ }).count()).toBe(1);
  expect(errors).toEqual([]);
});
