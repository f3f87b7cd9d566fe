import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './chromium';
import { encodeLink } from '../../src/core/link';
import { LESSONS, lessonLanes } from '../../src/core/lessons';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a lesson link opens every lane; Play trains them all at once; Chinese changes the lesson and the labels', async () => {
  const lanes = lessonLanes('overfitting');
  const payload = encodeLink({ config: LESSONS.overfitting.base, lanes: lanes.map((lane) => lane.config), lesson: 'overfitting', hidden: [], locked: [] });
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#compare/${payload}`);

  await page.getByRole('heading', { name: 'Overfitting and its cures' }).waitFor();
  const cards = page.locator('section.lane-card');
  await expect.poll(() => cards.count()).toBe(lanes.length);
  for (const lane of lanes) await page.getByRole('region', { name: lane.label.en, exact: true }).waitFor();
  await expect.poll(() => page.locator('.chip', { hasText: 'L2 0.01 vs off' }).count()).toBe(1);

  await page.getByRole('button', { name: 'Play all' }).click();
  // Every lane advances: the slowest must pass a few epochs while the others train beside it.
  await page.waitForFunction(
    (count) => {
      const epochs = [...document.querySelectorAll('section.lane-card .lane-epoch')].map((el) => Number(el.getAttribute('data-epoch')));
      return epochs.length === count && epochs.every((epoch) => epoch >= 3);
    },
    lanes.length,
    { timeout: 60_000 },
  );

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

  // One lane pauses while the lanes sharing its worker train on, then resumes.
  const l2 = page.getByRole('region', { name: 'L2 0.01', exact: true });
  const baseline = page.getByRole('region', { name: 'baseline', exact: true });
  const epochOf = async (lane: typeof l2) => Number(await lane.locator('.lane-epoch').getAttribute('data-epoch'));
  await l2.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => l2.getAttribute('data-status')).toBe('paused');
  const pausedAt = await epochOf(l2);
  const total = lanes[0]!.config.epochs;
  await expect.poll(() => epochOf(baseline), { timeout: 60_000 }).toBeGreaterThanOrEqual(Math.min(total, pausedAt + 10));
  expect(await epochOf(l2)).toBe(pausedAt);
  await l2.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => epochOf(l2), { timeout: 60_000 }).toBeGreaterThan(pausedAt);

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '过拟合及其对策' }).waitFor();
  expect(await page.getByText('一个很宽的网络只配 30 个带噪声的训练点', { exact: false }).count()).toBe(1);
  expect(await page.getByRole('button', { name: '全部播放' }).count()).toBe(1);
  expect(await page.getByRole('button', { name: 'Play all' }).count()).toBe(0);
  expect(await page.getByRole('combobox', { name: '课程' }).count()).toBe(1);
  expect(await page.getByRole('region', { name: '基线' }).count()).toBe(1);

  expect(errors).toEqual([]);
});
