import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium';
import { encodeLink } from '../../src/core/link';
import { LESSONS, type LessonId } from '../../src/core/lessons/lessons';
import { lessonLanes } from '../../src/core/lessons/lanes';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ENDED = ['completed', 'stopped-early', 'diverged', 'cancelled', 'failed'];

/** Opens a lesson, presses Play all and waits until every lane has ended. */
async function playLesson(id: LessonId): Promise<{ page: Page; errors: string[] }> {
  const lanes = lessonLanes(id);
  const payload = encodeLink({
    config: LESSONS[id].base,
    lanes: lanes.map((lane) => lane.config),
    lesson: id,
    hidden: [],
    locked: [],
  });
  const opened = await openPage(browser, `${inject('baseUrl')}#compare/${payload}`);
  const { page } = opened;
  // The dev server compiles the page on first visit: slow on a busy machine.
  await page.getByRole('heading', { name: LESSONS[id].text.en.title }).waitFor({ timeout: 120_000 });
  const cards = page.locator('section.lane-card');
  // The body comes a part a frame: a busy machine draws few frames a second.
  await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(lanes.length);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const statuses = await cards.evaluateAll((all) => all.map((card) => card.getAttribute('data-status')));
    if (statuses.every((status) => ENDED.includes(status ?? ''))) break;
    if (Date.now() > deadline) throw new Error(`lanes did not all end: ${JSON.stringify(statuses)}`);
    // Pressed again if the dev server reloaded the page when a worker first pulled in a dependency.
    if (statuses.every((status) => status === 'idle'))
      await page.getByRole('button', { name: 'Play all' }).click();
    await page.waitForTimeout(250);
  }
  return opened;
}

test('the smoothing and clipping lesson, played, says in numbers that its claim held', async () => {
  const { page, errors } = await playLesson('smoothing-clipping');
  const panel = page.locator('.what-happened');
  await expect.poll(() => panel.getAttribute('data-claim'), { timeout: 10_000 }).toBe('holds');
  const text = (await panel.textContent()) ?? '';
  expect(text).toContain('What happened');
  expect(text).toMatch(/learning rate 3, clip norm 0\.1: (9[5-9]|100)% validation accuracy/);
  expect(text).toMatch(/learning rate 3: (diverged at epoch \d+|\d+% validation accuracy)/);
  expect(text).toContain('✓');
  expect(errors).toEqual([]);
  await page.close();
}, 300_000);

test('the early-stopping chart marks where each of its three lanes ended', async () => {
  const { page, errors } = await playLesson('early-stopping');
  const markers = page.locator('[data-chart="loss"] [data-end-marker]');
  await expect.poll(() => markers.count(), { timeout: 10_000 }).toBe(3);
  const kinds = await markers.evaluateAll((all) => all.map((m) => m.getAttribute('data-end-marker')).sort());
  expect(kinds).toEqual(['completed', 'stopped-early', 'stopped-early']);
  // Each marker is labelled with how and when its lane ended.
  const labels = await markers.evaluateAll((all) => all.map((m) => m.textContent));
  expect(labels).toEqual(expect.arrayContaining([expect.stringMatching(/^stopped early · \d+$/)]));
  // Lanes that coincide stay apart: each lane draws its own marker shape, shown in the legend too.
  const shapes = await page
    .locator('[data-chart="loss"] .chart-legend .lane-key')
    .evaluateAll((all) => all.map((key) => key.getAttribute('data-marker')));
  expect(new Set(shapes).size).toBe(3);
  expect(errors).toEqual([]);
  await page.close();
}, 300_000);
