import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium';
import { encodeLink } from '../../src/core/link';
import { LESSONS, lessonLanes } from '../../src/core/lessons';

let browser: Browser;

/**
 * Presses Play all and waits until every lane has trained `epochs` epochs. Pressed again if the
 * lanes are back to idle: the dev server reloads the page when a worker first pulls in a
 * dependency it had not pre-bundled, which only happens under `vite dev`.
 */
async function playUntilEveryLaneReaches(page: Page, count: number, epochs: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const lanes = await page.locator('section.lane-card').evaluateAll((cards) =>
      cards.map((card) => ({
        status: card.getAttribute('data-status'),
        epoch: Number(card.querySelector('.lane-epoch')?.getAttribute('data-epoch')),
      })),
    );
    if (lanes.length === count && lanes.every((lane) => lane.epoch >= epochs)) return;
    if (Date.now() > deadline)
      throw new Error(`lanes did not all reach epoch ${epochs}: ${JSON.stringify(lanes)}`);
    if (lanes.length === count && lanes.every((lane) => lane.status === 'idle'))
      await page.getByRole('button', { name: 'Play all' }).click();
    await page.waitForTimeout(250);
  }
}
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a lesson link opens every lane; Play trains them all at once; Chinese changes the lesson and the labels', async () => {
  const lanes = lessonLanes('overfitting');
  // A long budget, so the lanes are still training when the test pauses one: the lesson's 150
  // epochs can be over in a few seconds.
  const long = { epochs: 5000 };
  const payload = encodeLink({
    config: { ...LESSONS.overfitting.base, ...long },
    lanes: lanes.map((lane) => ({ ...lane.config, ...long })),
    lesson: 'overfitting',
    hidden: [],
    locked: [],
  });
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#compare/${payload}`);
  // Lanes that share data train as one population on the wasm backend: its binary must arrive
  // (the build names it with a content hash; the threaded one must not be what arrives).
  const wasmResponses: { url: string; status: number }[] = [];
  page.context().on('response', (response) => {
    if (response.url().endsWith('.wasm'))
      wasmResponses.push({ url: response.url(), status: response.status() });
  });

  await page.getByRole('heading', { name: 'Overfitting and its cures' }).waitFor();
  const cards = page.locator('section.lane-card');
  // The body comes a part a frame: a busy machine draws few frames a second.
  await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(lanes.length);
  for (const lane of lanes) await page.getByRole('region', { name: lane.label.en, exact: true }).waitFor();
  await expect.poll(() => page.locator('.change-chip', { hasText: 'L2 0.01 vs off' }).count()).toBe(1);

  // Every lane advances: the slowest must pass a few epochs while the others train beside it.
  await playUntilEveryLaneReaches(page, lanes.length, 3);
  // Started, each lane draws its decision boundary and its network (their code came with Play).
  await expect
    .poll(() =>
      cards.locator('.boundary-canvas[aria-label^="Decision boundary of"] canvas.boundary-grid').count(),
    )
    .toBe(lanes.length);
  await expect.poll(() => cards.locator('.network-diagram').count()).toBe(lanes.length);
  expect(
    wasmResponses.filter(
      (r) => r.status === 200 && /tfjs-backend-wasm(-simd)?(-[\w-]{8})?\.wasm$/.test(r.url),
    ),
    JSON.stringify(wasmResponses),
  ).not.toEqual([]);

  // One lane pauses while the lanes sharing its worker train on, then resumes.
  const l2 = page.getByRole('region', { name: 'L2 0.01', exact: true });
  const baseline = page.getByRole('region', { name: 'baseline', exact: true });
  const epochOf = async (lane: typeof l2) =>
    Number(await lane.locator('.lane-epoch').getAttribute('data-epoch'));
  await l2.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => l2.getAttribute('data-status'), { timeout: 10_000 }).toBe('paused');
  const pausedAt = await epochOf(l2);
  const total = long.epochs;
  await expect
    .poll(() => epochOf(baseline), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(Math.min(total, pausedAt + 10));
  expect(await epochOf(l2)).toBe(pausedAt);
  await l2.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochOf(l2), { timeout: 60_000 }).toBeGreaterThan(pausedAt);

  // The overlay chart: one solid training and one dashed validation series per lane, each drawn.
  const loss = page.locator('[data-chart="loss"]');
  for (const kind of ['train', 'validation']) {
    await expect.poll(() => loss.locator(`.recharts-line.${kind}`).count()).toBe(lanes.length);
  }
  for (let index = 0; index < lanes.length; index++) {
    const path = loss.locator(`.recharts-line.lane-${index}.validation path`).first();
    expect(await path.getAttribute('stroke-dasharray')).toBeTruthy();
    await expect.poll(async () => (await path.getAttribute('d'))?.length ?? 0).toBeGreaterThan(10);
  }

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '过拟合及其对策' }).waitFor();
  expect(await page.getByText('一个很宽的网络只配 30 个带噪声的训练点', { exact: false }).count()).toBe(1);
  expect(await page.getByRole('button', { name: '全部播放' }).count()).toBe(1);
  expect(await page.getByRole('button', { name: 'Play all' }).count()).toBe(0);
  expect(await page.getByRole('combobox', { name: '课程' }).count()).toBe(1);
  expect(await page.getByRole('region', { name: '基线' }).count()).toBe(1);

  expect(errors).toEqual([]);
  await page.context().close();
});

test('the L1 versus L2 lesson draws a weight histogram per lane, with more weights at zero under L1', async () => {
  const lanes = lessonLanes('l1-l2');
  const payload = encodeLink({
    config: LESSONS['l1-l2'].base,
    lanes: lanes.map((lane) => lane.config),
    lesson: 'l1-l2',
    hidden: [],
    locked: [],
  });
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#compare/${payload}`);
  await page.getByRole('heading', { name: 'L1 versus L2' }).waitFor();
  await playUntilEveryLaneReaches(page, lanes.length, 1);
  const histograms = page.locator('section.lane-card figure.weight-histogram');
  await expect.poll(() => histograms.count(), { timeout: 100_000 }).toBe(lanes.length);
  const zerosOf = async (label: string) =>
    Number(
      await page
        .getByRole('region', { name: label, exact: true })
        .locator('figure.weight-histogram')
        .getAttribute('data-zeros'),
    );
  expect(await zerosOf('L1 0.01')).toBeGreaterThan(await zerosOf('L2 0.01'));
  await page.getByRole('img', { name: /Weight histogram of L1 0.01: \d+ of \d+ weights at zero/ }).waitFor();
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a damaged link says so and opens the default lesson instead', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#compare/2.%%%not-a-link`);
  await page
    .getByRole('alert')
    .filter({ hasText: /damaged/ })
    .waitFor();
  await page.getByRole('heading', { name: 'Overfitting and its cures' }).waitFor();
  await expect
    .poll(() => page.locator('section.lane-card').count(), { timeout: 30_000 })
    .toBe(lessonLanes('overfitting').length);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('sweeping one hyperparameter makes one lane per value, and bad values get a message', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#compare`);
  await page.getByRole('heading', { name: 'Overfitting and its cures' }).waitFor();
  await page.getByRole('combobox', { name: 'Hyperparameter to sweep' }).selectOption('learningRate');
  await page.getByRole('combobox', { name: 'Number of values' }).selectOption('4');
  // Log-spaced around the base's learning rate of 0.01.
  expect(await page.getByRole('textbox', { name: 'Values (comma-separated)' }).inputValue()).toBe(
    '0.001, 0.01, 0.1, 1',
  );
  await page.getByRole('button', { name: 'Make lanes' }).click();
  for (const value of ['0.001', '0.01', '0.1', '1'])
    await page.getByRole('region', { name: `learning rate ${value}`, exact: true }).waitFor();
  await page.getByText('learning rate 0.1 vs 0.01').waitFor();
  expect(page.url()).toMatch(/#compare\/2\./);

  await page.getByRole('textbox', { name: 'Values (comma-separated)' }).fill('0.1, lots');
  await page.getByRole('button', { name: 'Make lanes' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: 'Every value of Learning rate must be a number from 1e-5 to 100.' })
    .waitFor();
  expect(await page.locator('section.lane-card').count()).toBe(4);
  expect(errors).toEqual([]);
  await page.context().close();
});
