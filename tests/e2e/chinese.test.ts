import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import LZString from 'lz-string';
import type { Browser, Page } from 'playwright-core';
import { OPTIMIZER_SPECS, OPTIMIZERS } from '../../src/core/config/optimizers';
import { launchBrowser, openPage } from './chromium';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Names that stay as they are in Chinese: products, libraries, optimizers (each record's Chinese
 * name is added below), activations, file formats, algorithms, and the tokens of the toy tasks.
 * Anything else of three or more Latin letters on a Chinese page is a word someone forgot to
 * translate.
 */
const PROPER_NAMES = [
  'Tunelab',
  'Adam',
  'AdamW',
  'SGD',
  'RMSprop',
  'ReLU',
  'relu',
  'tanh',
  'sigmoid',
  'linear',
  'Keras',
  'Optuna',
  'PyTorch',
  'TensorFlow',
  'CSV',
  'JSON',
  'PNG',
  'SVG',
  'GP',
  'TPE',
  'PSO',
  'Hyperband',
  'fANOVA',
  'MNIST',
  'UCI',
  'scikit-learn',
  'Transformer',
  'LSTM',
  'Dropout',
  'dropout',
  'Epsilon',
  'Matérn',
  'RBF',
  'EDF',
  'NaN',
  'Weights & Biases',
  'W&B',
  'KiB',
  'MiB',
  'kB',
  'MB',
  'ms',
  'Branin',
  'Rosenbrock',
  'Sobol',
  'Halton',
  'ASHA',
  'CMA-ES',
  'Sigmoid',
  'ELU',
  'GELU',
  'Python',
  // Citations and math: a paper's author, the sine in a feature's name, ε's own name.
  'Smith',
  'Bergstra',
  'Bengio',
  'sin',
  'cos',
  'epsilon',
  // Tuning: an estimator's and a test function's authors, Optuna's storage classes, bounds.
  'Parzen',
  'Hartmann',
  'JournalStorage',
  'JournalFileStorage',
  'LCB',
  'UCB',
  // Keys as printed on a keyboard, in the network view's keyboard hint.
  'Esc',
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALLOWED = new RegExp(
  `(?<![A-Za-z])(${[...PROPER_NAMES, ...OPTIMIZERS.map((kind) => OPTIMIZER_SPECS[kind].nameZh)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![A-Za-z])`,
  'g',
);

/** Every visible text node and the options of visible selects, with the allowed names removed. */
async function untranslated(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const visible = (element: Element) => {
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      if (element.closest('.visually-hidden, [aria-hidden="true"] svg text')) return true;
      return element.getClientRects().length > 0;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || parent.closest('script, style, code, pre, textarea')) continue;
      if (parent.tagName === 'OPTION') {
        const select = parent.closest('select');
        if (select && visible(select)) out.push(text);
      } else if (visible(parent)) out.push(text);
    }
    for (const input of document.querySelectorAll('input, textarea')) {
      const field = input as HTMLInputElement;
      if (!visible(field) || ['number', 'range', 'file', 'hidden'].includes(field.type)) continue;
      if (field.type === 'text' || field.tagName === 'TEXTAREA') out.push(field.value);
      if (field.placeholder) out.push(field.placeholder);
    }
    return out;
  });
  const words: string[] = [];
  for (const text of texts) {
    const stripped = text.replace(ALLOWED, ' ');
    for (const match of stripped.matchAll(/[A-Za-z]{3,}/g))
      words.push(`${match[0]}  ⟵ “${text.slice(0, 80)}”`);
  }
  return [...new Set(words)];
}

const link = (page: string, payload: unknown) =>
  `${inject('baseUrl')}#${page}/2.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;

test('in Chinese, every page after a run shows no untranslated word', { timeout: 300_000 }, async () => {
  const { page, errors } = await openPage(browser, 'about:blank');
  await page.addInitScript(() => localStorage.setItem('tunelab.language', 'zh'));
  const base = inject('baseUrl');
  const found: Record<string, string[]> = {};

  // A short run with a schedule and dropout, so their names are on screen and History has a run.
  await page.goto(link('playground', { c: { epochs: 12, schedule: 'cosine', dropout: 0.1 } }));
  await page.getByRole('button', { name: '开始', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '已完成 12 轮' }).first().waitFor({ timeout: 90_000 });
  found.playground = await untranslated(page);

  // Two short lanes that differ in dropout and schedule: their names are made from data.
  await page.goto(
    link('compare', {
      c: { epochs: 8 },
      lanes: [{}, { dropout: 0.5, schedule: 'step', optimizer: 'momentum' }],
    }),
  );
  await page.getByRole('button', { name: '全部播放' }).click();
  await page.waitForFunction(
    () => {
      const lanes = [...document.querySelectorAll('[data-status]')];
      return lanes.length === 2 && lanes.every((l) => l.getAttribute('data-status') === 'completed');
    },
    undefined,
    { timeout: 90_000 },
  );
  found.compare = await untranslated(page);

  await page.goto(`${base}#tune`);
  await page.getByRole('heading', { name: '调参' }).first().waitFor();
  // The import and the model's view come a moment after the race's settings.
  await page.locator('section.tune-gp').waitFor();
  found.tune = await untranslated(page);

  // The yes/no task, two epochs: the answers and the ending are the page's words.
  await page.goto(`${base}#sequences`);
  await page.getByRole('heading', { name: '序列' }).first().waitFor();
  for (const [label, value] of [
    ['训练轮数', '2'],
    ['训练序列数', '100'],
  ]) {
    const box = page.getByRole('textbox', { name: `${label}，精确值`, exact: true });
    await box.fill(value!);
    await box.press('Enter');
  }
  await page.getByRole('button', { name: '训练', exact: true }).click();
  await page.getByText('已完成 2 轮训练。').waitFor({ timeout: 90_000 });
  await page.locator('.attention-answer').first().waitFor();
  found.sequences = await untranslated(page);

  await page.goto(`${base}#data`);
  await page.getByRole('heading', { name: '你的数据' }).first().waitFor();
  found.data = await untranslated(page);

  await page.goto(`${base}#history`);
  await page.getByRole('heading', { name: '历史记录' }).first().waitFor();
  await page.locator('.run-item').nth(1).waitFor();
  found.history = await untranslated(page);
  // The run's generated name is in Chinese, and so are the comparison's lane names.
  expect(
    await page
      .locator('.run-item input[type="text"]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
  ).toEqual(expect.arrayContaining(['螺旋 · 16-16 tanh · Adam 0.01']));

  expect(found).toEqual({ playground: [], compare: [], tune: [], sequences: [], data: [], history: [] });
  expect(errors).toEqual([]);
});

test('a browser set to Chinese opens the app in Chinese on a first visit, and the switch still chooses English', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  // The page's language in the frame that first draws the Chinese Play button: the browser picks
  // the font for Chinese text by it, and a first screen laid out as "en" drew in a Japanese font.
  await page.addInitScript({
    content: `(() => {
      const look = () => {
        const play = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('开始'));
        if (play) window.langOfFirstScreen = document.documentElement.lang;
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    })();`,
  });
  await page.goto(`${inject('baseUrl')}#playground`);
  await page.getByRole('button', { name: '开始', exact: true }).waitFor();
  expect(
    await page.evaluate(() => (window as unknown as { langOfFirstScreen: string }).langOfFirstScreen),
  ).toBe('zh-CN');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  // The choice is kept: the next visit opens in English although the browser prefers Chinese.
  await page.reload();
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  await context.close();
});
