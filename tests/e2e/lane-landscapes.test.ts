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

test("the optimizers lesson draws one path per lane on one plane, and Compare shows a lane's landscape", async () => {
  // A short budget: the picture is drawn once every lane has finished.
  const short = { epochs: 12 };
  const lanes = lessonLanes('optimizers');
  const payload = encodeLink({
    config: { ...LESSONS.optimizers.base, ...short },
    lanes: lanes.map((lane) => ({ ...lane.config, ...short })),
    lesson: 'optimizers',
    hidden: [],
    locked: [],
  });
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#compare/${payload}`);
  await page.getByRole('heading', { name: 'Optimizers', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'The lanes’ paths on one surface' }).waitFor();
  await page.getByText(/^In the picture: SGD and Momentum head the same way/).waitFor();
  expect(await page.getByText(/appears here once every lane has finished or is paused/).count()).toBe(1);

  await page.getByRole('button', { name: 'Play all' }).click();
  const picture = page.getByRole('img', { name: /^The paths of 4 lanes on one plane/ });
  await picture.waitFor({ timeout: 90_000 });
  expect(await picture.getAttribute('data-paths')).toBe('4');
  const key = page.getByRole('list', { name: 'Lanes in the picture' }).getByRole('listitem');
  expect(await key.allInnerTexts()).toEqual(lanes.map((lane) => lane.label.en));
  expect(await page.getByText(/of the lanes’ movement from the start/).count()).toBe(1);

  // One lane's own landscape, chosen from the lanes, drawn as the playground draws it.
  await page.getByRole('button', { name: 'Show a lane’s landscape' }).click();
  await page.getByRole('combobox', { name: 'Lane', exact: true }).selectOption({ label: 'Adam' });
  const laneCard = page.getByRole('region', { name: 'A lane’s loss landscape' });
  await laneCard.getByRole('img', { name: /^Loss landscape after epoch 12:/ }).waitFor({ timeout: 60_000 });
  expect(await laneCard.getByText('Along the last step').count()).toBe(1);
  expect(errors).toEqual([]);
});
