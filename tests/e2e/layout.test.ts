import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './chromium';
import {
  measureLayout,
  navPages,
  openContext,
  recordErrors,
  settle,
  shortPlaygroundRun,
  visit,
  type Language,
} from './layout-probe';
import { encodeLink } from '../../src/core/link';
import { LESSONS, lessonLanes } from '../../src/core/lessons';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

async function expectLayoutHolds(page: Page, where: string): Promise<void> {
  const report = await measureLayout(page);
  expect(
    report.scrollWidth,
    `${where}: page wider than the window; sticking out: ${report.overflowing.join(', ')}`,
  ).toBeLessThanOrEqual(report.innerWidth);
  expect(report.activeProblem, `${where}: the active page in the navigation`).toBe('');
  expect(report.clippedText, `${where}: chart text cut by its SVG box`).toEqual([]);
}

for (const viewport of [PHONE, DESKTOP])
  for (const language of ['en', 'zh'] as Language[])
    test(`every page at ${viewport.width}x${viewport.height} in ${language}: no sideways scroll, the active page shown in the navigation, no tick cut off`, async () => {
      const context = await openContext(browser, viewport, language);
      const page = await context.newPage();
      const errors = recordErrors(page);
      await page.goto(`${inject('baseUrl')}#playground`, { timeout: 90_000 });
      const pages = await navPages(page);
      expect(pages.length).toBeGreaterThanOrEqual(6);

      await page.locator('button.play').waitFor();
      // The playground's charts show their ticks once they have data.
      await shortPlaygroundRun(page, 1);
      // The chart code loads after the first epoch: wait for the ticks rather than count them once.
      await page.locator('.curves .recharts-cartesian-axis-tick-value').first().waitFor();
      await settle(page);
      await expectLayoutHolds(page, 'playground after a run');

      if (viewport === PHONE) {
        // A compact header, and no button floating over the charts.
        const header = await page.locator('header.app-header').boundingBox();
        expect(header!.height).toBeLessThanOrEqual(64);
        const floating = await page.evaluate(() =>
          [...document.querySelectorAll('button, a')]
            .filter(
              (el) => getComputedStyle(el).position === 'fixed' && (el as HTMLElement).offsetParent !== null,
            )
            .map((el) => el.textContent),
        );
        expect(floating).toEqual([]);

        // The controls come with their drawer, and keep what was set in them once it closes.
        const controls = page.locator('#playground-controls');
        expect(await controls.locator('input, select').count()).toBe(0);
        const toggle = page.locator('button.drawer-toggle');
        await toggle.click();
        const rate = controls.getByRole('slider', { name: language === 'zh' ? /学习率/ : /learning rate/i });
        await rate.focus();
        const before = await rate.getAttribute('aria-valuetext');
        await page.keyboard.press('ArrowRight');
        const after = await rate.getAttribute('aria-valuetext');
        expect(after).not.toBe(before);
        await page.keyboard.press('Escape');
        await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
        await toggle.click();
        expect(await rate.getAttribute('aria-valuetext')).toBe(after);
        await page.keyboard.press('Escape');
      }

      for (const id of pages) {
        await visit(page, id);
        await expectLayoutHolds(page, `#${id}`);
      }
      expect(errors).toEqual([]);
      await context.close();
    });

test('presentation mode at 1280x720: larger ticks, the loss chart above the fold, Compare shows 75% and an uncut 100%', async () => {
  const context = await openContext(browser, { width: 1280, height: 720 }, 'en', true);
  const page = await context.newPage();
  const errors = recordErrors(page);
  await page.goto(`${inject('baseUrl')}#playground`, { timeout: 90_000 });
  await page.locator('button.play').waitFor();
  await shortPlaygroundRun(page, 2);
  await settle(page);

  const loss = page.locator('.curves svg.recharts-surface').first();
  const box = (await loss.boundingBox())!;
  expect(box.y + box.height, 'the bottom of the loss chart').toBeLessThanOrEqual(720);
  const tickSize = await page
    .locator('.curves .recharts-cartesian-axis-tick-value')
    .first()
    .evaluate((tick) => Number.parseFloat(getComputedStyle(tick).fontSize));
  // 12 px outside presentation mode; the root grows from 15 to 20 px and the ticks with it.
  expect(tickSize).toBeGreaterThanOrEqual(16);
  await expectLayoutHolds(page, 'presentation playground');

  const base = LESSONS.overfitting.base;
  const payload = encodeLink({
    config: { ...base, epochs: 3 },
    lanes: lessonLanes('overfitting').map((lane) => ({ ...lane.config, epochs: 3 })),
    lesson: 'overfitting',
    hidden: [],
    locked: [],
  });
  await page.goto(`${inject('baseUrl')}#compare/${payload}`);
  // The accuracy chart appears with the first epoch of a classification run.
  await page.getByRole('button', { name: 'Play all' }).click();
  const accuracy = page.locator('[data-chart="accuracy"]');
  await accuracy.waitFor({ timeout: 90_000 });
  await settle(page);
  const ticks = accuracy.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect
    .poll(() => ticks.evaluateAll((texts) => texts.map((t) => t.textContent)))
    .toEqual(['0%', '25%', '50%', '75%', '100%']);
  await expectLayoutHolds(page, 'presentation compare');
  expect(errors).toEqual([]);
  await context.close();
});

test('the export menu at 1280x900 drops over the page: the toolbar keeps its row, Escape or a press elsewhere closes it', async () => {
  const context = await openContext(browser, { width: 1280, height: 900 }, 'en');
  const page = await context.newPage();
  const errors = recordErrors(page);
  await page.goto(`${inject('baseUrl')}#playground`, { timeout: 90_000 });
  const box = async (name: string) => (await page.getByRole('button', { name, exact: true }).boundingBox())!;
  const toolbar = page.locator('.toolbar');
  const exportButton = page.locator('summary', { hasText: 'Export' });
  await exportButton.waitFor();
  await settle(page);
  const closedHeight = (await toolbar.boundingBox())!.height;

  await exportButton.click();
  await page.getByRole('button', { name: 'Python (PyTorch, exact)' }).waitFor();
  await settle(page);
  const play = await box('Play');
  const step = await box('Step');
  const reset = await box('Reset');
  const copy = await box('Copy link');
  // Play, Step and Reset stay in one row, and Copy link stays clear of them.
  expect(Math.abs(step.y - play.y)).toBeLessThanOrEqual(2);
  expect(Math.abs(reset.y - play.y)).toBeLessThanOrEqual(2);
  for (const other of [play, step, reset])
    expect(copy.x >= other.x + other.width || copy.y >= other.y + other.height).toBe(true);
  expect((await toolbar.boundingBox())!.height).toBeCloseTo(closedHeight, 0);

  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('details.export-menu-details').getAttribute('open')).toBeNull();
  expect(await exportButton.evaluate((summary) => summary === document.activeElement)).toBe(true);

  // Escape typed elsewhere (in a control's number box) belongs there: the menu stays open.
  await exportButton.click();
  await page.getByRole('button', { name: 'Curves (CSV)' }).waitFor();
  await page.getByRole('textbox', { name: /^epochs, exact value/i }).focus();
  await page.keyboard.press('Escape');
  expect(await page.locator('details.export-menu-details').getAttribute('open')).not.toBeNull();
  await exportButton.click();
  await expect.poll(() => page.locator('details.export-menu-details').getAttribute('open')).toBeNull();

  await exportButton.click();
  await page.getByRole('button', { name: 'Curves (CSV)' }).waitFor();
  await page.mouse.click(640, 700);
  await expect.poll(() => page.locator('details.export-menu-details').getAttribute('open')).toBeNull();

  // A refused import leaves its note where the menu was, over the page, with the focus on its
  // Dismiss; Escape closes it.
  await exportButton.click();
  await page
    .getByLabel(/import an experiment/i)
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
  const note = page.locator('.export-message');
  await note.waitFor();
  expect(await page.locator('details.export-menu-details').getAttribute('open')).toBeNull();
  expect(
    await note.getByRole('button', { name: 'Dismiss' }).evaluate((b) => b === document.activeElement),
  ).toBe(true);
  expect((await toolbar.boundingBox())!.height).toBeCloseTo(closedHeight, 0);
  expect(Math.abs((await box('Step')).y - play.y)).toBeLessThanOrEqual(2);
  await page.keyboard.press('Escape');
  await expect.poll(() => note.count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});
