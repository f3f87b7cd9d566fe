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
