import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import LZString from 'lz-string';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const status = (page: Page) => page.getByRole('status', { name: /run status/i });

async function readNumber(page: Page, value: string): Promise<number> {
  const text = await status(page).locator(`[data-value="${value}"]`).innerText();
  return Number.parseFloat(text);
}

async function waitForEpoch(page: Page, atLeast: number): Promise<number> {
  try {
    await page.waitForFunction(
      (target) =>
        Number.parseFloat(document.querySelector('[data-value="epoch"]')?.textContent ?? '0') >= target,
      atLeast,
      { timeout: 60_000, polling: 50 },
    );
  } catch (error) {
    // Say where the run stood, not only that the wait timed out.
    throw new Error(
      `epoch ${atLeast} not reached; the status read: ${(await status(page).innerText()).replace(/\s+/g, ' ')}`,
      { cause: error },
    );
  }
  return readNumber(page, 'epoch');
}

/** The scripts the page has loaded so far whose text holds `text`. */
function loadedScriptsHolding(page: Page, text: string): Promise<string[]> {
  return page.evaluate(async (needle) => {
    const scripts = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => url.endsWith('.js'));
    const holding: string[] = [];
    for (const url of scripts) if ((await (await fetch(url)).text()).includes(needle)) holding.push(url);
    return holding;
  }, text);
}

/** What every control shows: slider texts, exact inputs, selects, checkboxes, the seed. */
async function controlValues(page: Page): Promise<Record<string, string>> {
  return page.locator('.panel').evaluate((panel) => {
    const out: Record<string, string> = {};
    panel.querySelectorAll<HTMLElement>('[data-control]').forEach((control) => {
      const key = control.dataset.control!;
      const parts: string[] = [];
      control.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select').forEach((input) => {
        if (input instanceof HTMLInputElement && input.type === 'checkbox')
          parts.push(input.checked ? '1' : '0');
        else if (input instanceof HTMLInputElement && input.type === 'range')
          parts.push(input.getAttribute('aria-valuetext') ?? input.value);
        else parts.push(input.value);
      });
      out[key] = parts.join('|');
    });
    return out;
  });
}

test('train from the keyboard and the buttons, pause, and reopen the same experiment from a copied link', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  const learningRate = page.getByRole('slider', { name: /learning rate/i });
  await learningRate.waitFor();

  // A problem a small network learns within a few epochs keeps the test short on 2 cores.
  await page.getByRole('combobox', { name: /dataset/i }).selectOption('circle');
  await learningRate.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => learningRate.getAttribute('aria-valuetext')).toBe('0.02');
  expect(await page.getByRole('textbox', { name: /learning rate, exact value/i }).inputValue()).toBe('0.02');

  // A help below the panel's fold opens from the keyboard with its text, and Escape gives the
  // focus back to its button. The closed popovers hold nothing: their text is made when opened.
  expect(await page.locator('.help-popover:not(:popover-open) *').count()).toBe(0);
  const help = page.getByRole('button', { name: 'About Batch size' });
  const helpDialog = page.getByRole('dialog', { name: 'Batch size' });
  await help.focus();
  await page.keyboard.press('Enter');
  await helpDialog.waitFor();
  // Its text may still be loading (it comes after the first epoch, or when a popover first opens).
  await expect
    .poll(() => helpDialog.innerText())
    .toMatch(/what it does[\s\S]+usual range[\s\S]+what to watch/i);
  await page.keyboard.press('Escape');
  await helpDialog.waitFor({ state: 'hidden' });
  expect(await help.evaluate((button) => button === document.activeElement)).toBe(true);

  // Before the first epoch each chart's place holds a note, and the chart library has not even
  // loaded: it arrives after the first epoch, never competing with it (nor does the see-why panel
  // drawn with it), however long the visitor reads first.
  const notes = page.getByText('The curves appear when training starts.');
  const lossChart = page.locator('.curves svg.recharts-surface').first();
  expect(await notes.count()).toBe(2);
  expect(await notes.first().isVisible()).toBe(true);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 })));
  expect(await page.locator('svg.recharts-surface').count()).toBe(0);
  // The see-why panel is there to open before the first epoch (it comes once the page has been
  // quiet a second); its charts' code is not.
  await expect.poll(() => page.locator('.see-why').count()).toBe(1);
  expect(await loadedScriptsHolding(page, 'recharts-wrapper')).toEqual([]);

  // Step trains exactly one epoch, so the early reading is epoch 1's whatever the machine's speed.
  await page.getByRole('button', { name: 'Step' }).click();
  await waitForEpoch(page, 1);
  expect(await readNumber(page, 'epoch')).toBe(1);
  const earlyValidationLoss = await readNumber(page, 'validation-loss');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForEpoch(page, 20);
  const laterValidationLoss = await readNumber(page, 'validation-loss');
  expect(laterValidationLoss).toBeLessThan(earlyValidationLoss);
  await expect.poll(() => notes.count()).toBe(0);
  // The boundary: the network's output at its own resolution, stretched over the whole picture,
  // in both classes' colours once trained, with the data points drawn over it.
  const picture = await page.locator('.boundary-canvas').evaluate((box) => {
    const grid = box.querySelector<HTMLCanvasElement>('canvas.boundary-grid')!;
    const points = box.querySelector<HTMLCanvasElement>('canvas.boundary-points')!;
    const pixels = grid.getContext('2d')!.getImageData(0, 0, grid.width, grid.height).data;
    let orange = 0;
    let blue = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i]! > pixels[i + 2]! + 40) orange++;
      if (pixels[i + 2]! > pixels[i]! + 40) blue++;
    }
    const marks = points.getContext('2d')!.getImageData(0, 0, points.width, points.height).data;
    let drawn = 0;
    for (let i = 3; i < marks.length; i += 4) if (marks[i]! > 200) drawn++;
    const [outer, inner] = [box.getBoundingClientRect(), grid.getBoundingClientRect()];
    return {
      side: [grid.width, grid.height],
      cells: grid.width * grid.height,
      orange,
      blue,
      drawnShare: drawn / (points.width * points.height),
      stretched: Math.abs(inner.width - outer.width) <= 2 && Math.abs(inner.height - outer.height) <= 2,
    };
  });
  expect(picture.side[0]).toBeGreaterThan(8);
  expect(picture.side[1]).toBe(picture.side[0]);
  expect(picture.orange).toBeGreaterThan(picture.cells / 20);
  expect(picture.blue).toBeGreaterThan(picture.cells / 20);
  expect(picture.drawnShare).toBeGreaterThan(0.02);
  expect(picture.stretched).toBe(true);
  expect(await lossChart.isVisible()).toBe(true);
  expect(await lossChart.locator('path.recharts-line-curve').count()).toBe(2);

  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await expect.poll(() => status(page).innerText()).toMatch(/paused/i);
  const pausedAt = await readNumber(page, 'epoch');
  await page.waitForTimeout(1000);
  expect(await readNumber(page, 'epoch')).toBe(pausedAt);

  // Move a few more controls off their defaults so the link has something to carry.
  await page.getByRole('slider', { name: /^dropout/i }).focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('checkbox', { name: 'x₁²' }).check();
  await page.getByRole('button', { name: /add layer/i }).click();
  await page.getByRole('combobox', { name: /^optimizer/i }).selectOption('momentum');
  const exactL2 = page.getByRole('textbox', { name: /l2 regularization, exact value/i });
  await exactL2.fill('0.003');
  await exactL2.press('Enter');
  const before = await controlValues(page);
  expect(before.dataset).toBe('circle');
  expect(before.l2).toContain('0.003');

  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByText('Link copied.').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#playground\/\d+\./);

  const reopened = await openPage(browser, link);
  await reopened.page.getByRole('slider', { name: /learning rate/i }).waitFor();
  expect(await controlValues(reopened.page)).toEqual(before);
  expect(errors).toEqual([]);
  expect(reopened.errors).toEqual([]);
  await page.context().close();
  await reopened.page.context().close();
});

test('a hostile link shows what was wrong, loads the nearest valid experiment, and the app still trains', async () => {
  // batchSize 1e9 clamps to one full-batch step per epoch, which keeps the training part quick.
  const hostile = {
    c: {
      learningRate: 1e308,
      batchSize: 1e9,
      points: -5,
      noise: 'NaN',
      dataset: '<script>alert(1)</script>',
      hiddenLayers: 'many',
    },
    h: ['bogus'],
  };
  const url = `${inject('baseUrl')}#playground/2.${LZString.compressToEncodedURIComponent(JSON.stringify(hostile))}`;
  const { page, errors } = await openPage(browser, url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  expect(text).toMatch(/learning ?rate/i);
  expect(text).toMatch(/batch ?size/i);
  expect(text).toMatch(/points/i);
  expect(text).toMatch(/dataset/i);
  // Seven problems: the alert lists five and counts the rest (the hidden layers, the bogus control).
  expect(text).toMatch(/and 2 more/);
  expect(await page.locator('script', { hasText: 'alert(1)' }).count()).toBe(0);
  expect(await page.getByRole('slider', { name: /learning rate/i }).getAttribute('aria-valuetext')).toBe(
    '100',
  );
  expect(await page.getByRole('combobox', { name: /dataset/i }).inputValue()).toBe('spiral');

  // Clamped to the top of its range, Adam at 100 may well diverge: either way the page must keep
  // going, so bring the learning rate back and train.
  const exact = page.getByRole('textbox', { name: /learning rate, exact value/i });
  await exact.fill('0.01');
  await exact.press('Enter');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForEpoch(page, 5);

  const huge = await openPage(browser, `${inject('baseUrl')}#playground/${'A'.repeat(100_000)}`);
  await expect.poll(() => huge.page.getByRole('alert').innerText()).toMatch(/too long/i);
  await huge.page.getByRole('slider', { name: /learning rate/i }).waitFor();
  expect(errors).toEqual([]);
  expect(huge.errors).toEqual([]);
  await page.context().close();
  await huge.page.context().close();
});

test('a classroom link hides and locks controls; bad input in an exact-value box keeps the last good value', async () => {
  const classroom = LZString.compressToEncodedURIComponent(
    JSON.stringify({ c: {}, h: ['dropout'], l: ['optimizer'] }),
  );
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#playground/2.${classroom}`);
  const exact = page.getByRole('textbox', { name: /learning rate, exact value/i });
  await exact.waitFor();
  expect(await page.getByRole('slider', { name: /^dropout/i }).count()).toBe(0);
  expect(await page.getByRole('combobox', { name: /^optimizer/i }).isDisabled()).toBe(true);
  expect(await page.getByRole('slider', { name: /learning rate/i }).isDisabled()).toBe(false);

  await exact.fill('NaN');
  await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/not a number/i);
  await exact.press('Enter');
  expect(await page.getByRole('slider', { name: /learning rate/i }).getAttribute('aria-valuetext')).toBe(
    '0.01',
  );
  expect(await exact.inputValue()).toBe('0.01');
  await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/kept 0\.01/i);

  // The whole UI speaks Chinese after one click, and the projector mode is one more.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('slider', { name: '学习率' }).waitFor();
  expect(await page.getByRole('button', { name: '开始' }).count()).toBe(1);
  await page.getByRole('button', { name: '演示模式' }).click();
  expect(await page.evaluate(() => document.documentElement.classList.contains('presentation'))).toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
});
