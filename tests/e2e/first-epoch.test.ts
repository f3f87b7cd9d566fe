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

// One epoch, then three: the first comparison is epoch 1 alone, the second the run going on from it.
const LINK = `${inject('baseUrl')}#playground/2.${LZString.compressToEncodedURIComponent(
  JSON.stringify({ c: { epochs: 1, dropout: 0.1, seed: 11 } }),
)}`;

const status = (page: Page) => page.getByRole('status', { name: /run status/i });

/** The readout's numbers once the run has ended at `epoch`. */
async function numbersAtEnd(page: Page, epoch: number) {
  await page.waitForFunction(
    (target) => {
      const readout = document.querySelector('[role="status"] [data-value="epoch"]');
      return (
        Number.parseInt(readout?.textContent ?? '0', 10) === target &&
        !!document.querySelector('.readout.phase-ended')
      );
    },
    epoch,
    { timeout: 90_000, polling: 50 },
  );
  const value = (name: string) => status(page).locator(`[data-value="${name}"]`).innerText();
  return {
    trainLoss: await value('train-loss'),
    validationLoss: await value('validation-loss'),
    accuracy: await value('accuracy'),
  };
}

async function trainOnToThreeEpochs(page: Page) {
  const epochs = page.getByRole('textbox', { name: /^epochs, exact value/i });
  await epochs.fill('3');
  await epochs.press('Enter');
  await page.getByRole('button', { name: 'Play' }).click();
  return numbersAtEnd(page, 3);
}

test('the first epoch trained while the link waits for Play is the one Play shows, with the numbers of a run played at once', async () => {
  // Play as soon as it shows: the worker is most likely still loading, and trains after the click.
  const atOnce = await openPage(browser, LINK);
  await atOnce.page.getByRole('button', { name: 'Play' }).click();
  const playedAtOnce = await numbersAtEnd(atOnce.page, 1);

  const waited = await openPage(browser, LINK);
  const readout = waited.page.locator('.readout[data-first-epoch="held"]');
  await readout.waitFor({ timeout: 90_000 });
  // Held, not shown: the readout still says the run has not started.
  expect(await status(waited.page).locator('[data-value="epoch"]').innerText()).toMatch(/^0\b/);
  expect(await status(waited.page).locator('[data-value="train-loss"]').innerText()).toBe('–');
  await waited.page.getByRole('button', { name: 'Play' }).click();
  const playedAfterWaiting = await numbersAtEnd(waited.page, 1);
  expect(playedAfterWaiting).toEqual(playedAtOnce);
  expect(playedAtOnce.trainLoss).toMatch(/^\d/);

  // The run goes on from the held epoch as from one trained after Play.
  expect(await trainOnToThreeEpochs(waited.page)).toEqual(await trainOnToThreeEpochs(atOnce.page));
  expect(waited.errors).toEqual([]);
  expect(atOnce.errors).toEqual([]);
  await atOnce.page.context().close();
  await waited.page.context().close();
});

/**
 * Before the page's own scripts: every message a worker sends reaches the page `ms` late, as on a
 * page too busy to take them (a slow laptop still rendering its first screen).
 */
const workerMessagesLate = (ms: number) => `
for (const target of [Worker, MessagePort]) {
  // The worker's own port, and the ports Comlink opens for its calls to the page (its events).
  const add = target.prototype.addEventListener;
  target.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options);
    return add.call(this, type, (event) => setTimeout(() => listener.call(this, event), ${ms}), options);
  };
}`;

test("Play shows the first epoch at once even while the worker's message about it has not reached the page", async () => {
  const reference = await openPage(browser, LINK);
  await reference.page.getByRole('button', { name: 'Play' }).click();
  const expected = await numbersAtEnd(reference.page, 1);

  const late = await openPage(browser, LINK, workerMessagesLate(5_000));
  // The page knows of the run (that message came), and the worker has held its first epoch for a
  // while (100-500 ms after it built the run); the message saying so is still on its way. Play,
  // then the readout, in the same task: no message can have come between them.
  const shown = await late.page.evaluate(async () => {
    const readout = () => document.querySelector('[role="status"] .readout, .readout');
    await new Promise<void>((resolve) => {
      const ready = () =>
        readout()?.classList.contains('phase-ready') ? resolve() : requestAnimationFrame(ready);
      ready();
    });
    const held = readout()?.getAttribute('data-first-epoch');
    document.querySelector<HTMLButtonElement>('button.play')!.click();
    return { held, epoch: document.querySelector('[data-value="epoch"]')?.textContent };
  });
  expect(shown.held).toBeNull();
  expect(shown.epoch).toMatch(/^1\b/);
  expect(await numbersAtEnd(late.page, 1)).toEqual(expected);
  expect(late.errors).toEqual([]);
  await reference.page.context().close();
  await late.page.context().close();
});
