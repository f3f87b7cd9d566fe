import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import LZString from 'lz-string';
import type { Browser } from 'playwright-core';
import { packData } from '../../src/core/userdata/link-data';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const link = (payload: unknown) => `2.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;

/** 5,000 unknown fields and a learning rate out of range: one hostile link. */
function floodedConfig(): Record<string, unknown> {
  const config: Record<string, unknown> = { learningRate: 500 };
  for (let i = 0; i < 5000; i++) config[`k${i}`] = 1;
  return config;
}

test('finding 15: the link alert lists 5 issues and counts the rest, with labels, on the playground and compare pages', async () => {
  const config = floodedConfig();
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#playground/${link({ c: config })}`);
  const alert = page.getByRole('alert');
  await expect
    .poll(() => alert.innerText())
    .toMatch(/Learning rate must be a number from 1e-5 to 100; 500 became 100/);
  expect(await alert.getByRole('listitem').count()).toBe(5);
  expect(await alert.innerText()).toMatch(/and 4,996 more/);
  expect(await alert.innerText()).not.toMatch(/learningRate|LearningRate/);

  await page.evaluate(
    (payload) => (location.hash = `#compare/${payload}`),
    link({ c: config, lanes: [{}, {}] }),
  );
  const compareAlert = page.getByRole('alert');
  await expect.poll(() => compareAlert.innerText()).toMatch(/Learning rate must be a number/);
  expect(await compareAlert.getByRole('listitem').count()).toBe(5);
  expect(await compareAlert.innerText()).toMatch(/more/);
  expect(await compareAlert.innerText()).not.toMatch(/learningRate|LearningRate/);

  // The same alert in Chinese, labels included.
  await page.getByRole('button', { name: '中文' }).click();
  await expect.poll(() => compareAlert.innerText()).toMatch(/学习率必须是/);
  expect(await compareAlert.innerText()).toMatch(/还有 [\d,]+ 个问题/);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('finding 14: data a link names or carries that cannot be used is named, with its file, in the link alert', async () => {
  // A file too large for a link: the link names it, and this browser has never loaded it.
  const reference = link({
    c: { dataset: 'custom' },
    d: {
      kind: 'reference',
      fileName: 'grades-2026.csv',
      choice: { features: ['a', 'b'], label: 'passed', task: 'classification' },
    },
  });
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#playground/${reference}`);
  await expect
    .poll(() => page.getByRole('alert').innerText())
    .toMatch(/“grades-2026\.csv”, which is not loaded in this browser/);

  // A file carried in the link that fails the checks a chosen file gets (a header, no rows).
  const refused = packData({
    fileName: 'empty-rows.csv',
    text: 'a,b,label\n',
    choice: { features: ['a', 'b'], label: 'label', task: 'classification' },
  });
  await page.evaluate(
    (payload) => (location.hash = `#playground/${payload}`),
    link({ c: { dataset: 'custom', seed: 2 }, d: refused }),
  );
  await expect
    .poll(() => page.getByRole('alert').innerText())
    .toMatch(/“empty-rows\.csv” in this link could not be used: The file has a header but no rows of data/);

  // Damaged embedded data.
  await page.evaluate(
    (payload) => (location.hash = `#playground/${payload}`),
    link({ c: { dataset: 'custom', seed: 3 }, d: { kind: 'embedded', packed: 'not-lz-at-all' } }),
  );
  await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/data in this link is damaged/);
  expect(errors).toEqual([]);
  await page.context().close();
});
