import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './chromium';
import { lessonLanes } from '../../src/core/lessons';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Page-side, before the app's scripts: notes at the start of every frame whether the Compare page's
 * title and its lesson's text are in the document (what that frame draws), and sums layout shifts.
 */
function watchFrames(): void {
  const state = { frames: [] as { lesson: boolean }[], shift: 0 };
  (window as unknown as { __compare: typeof state }).__compare = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
    })[])
      if (!entry.hadRecentInput) state.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const tick = () => {
    if (document.querySelector('.compare-page h1'))
      state.frames.push({ lesson: Boolean(document.querySelector('.compare-page .lesson-text p')) });
    if (state.frames.length < 600) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

test("on a phone, Compare draws its lesson's text with its title, then the rest below without moving it, and no canvas before Play", async () => {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.addInitScript(watchFrames);
  await page.goto(`${inject('baseUrl')}#compare`, { timeout: 90_000 });

  // Everything below the lesson still comes, without scrolling: the toolbar, every lane, the tools.
  await page.getByRole('button', { name: 'Play all' }).waitFor();
  // The body comes a part a frame: a busy machine draws few frames a second.
  await expect
    .poll(() => page.locator('section.lane-card').count(), { timeout: 30_000 })
    .toBe(lessonLanes('overfitting').length);
  await page.getByRole('button', { name: 'Make lanes' }).waitFor();
  await page.getByRole('heading', { name: 'Overfitting and its cures' }).waitFor();

  const seen = await page.evaluate(
    () => (window as unknown as { __compare: { frames: { lesson: boolean }[]; shift: number } }).__compare,
  );
  expect(seen.frames.length).toBeGreaterThan(0);
  // No frame showed the title without the lesson's text.
  expect(seen.frames.filter((frame) => !frame.lesson)).toEqual([]);
  expect(seen.shift).toBeLessThan(0.01);

  // Lanes that have not started have nothing to draw: each shows its boundary's place, named,
  // but no canvas yet (a canvas costs a phone its 2D context and a copy of its pixels per frame).
  const baseline = page.getByRole('region', { name: 'baseline', exact: true });
  await baseline.getByRole('img', { name: 'Decision boundary of baseline' }).waitFor({ state: 'attached' });
  expect(await page.locator('section.lane-card canvas').count()).toBe(0);
  // A lane's settings open from the keyboard, labelled, though their controls are made only then.
  await baseline.locator('summary', { hasText: 'Change a setting' }).focus();
  await page.keyboard.press('Enter');
  const setting = baseline.getByRole('combobox', { name: 'Setting' });
  await setting.waitFor();
  expect(await setting.inputValue()).toBe('learningRate');
  expect(errors).toEqual([]);
  await context.close();
});
