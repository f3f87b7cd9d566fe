import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  DATASETS,
  ACTIVATIONS,
  OPTIMIZERS,
  SCHEDULES,
} from '../../src/core/config/parameters';
import { LESSONS } from '../../src/core/lessons/lessons';
import { CHOICE_VALUE_NAMES_ZH, PARAMETER_NAMES } from '../../src/core/lessons/names';
import { SEQUENCE_LESSONS } from '../../src/core/sequence/lessons';
import type { Verdict } from '../../src/core/train/verdict';
import { PAGES } from '../../src/ui/pages';
import { choiceText, PARAMETER_TEXT } from '../../src/ui/playground/parameterText';
import { verdictText } from '../../src/ui/playground/statusText';
import { issueText } from '../../src/ui/shell/LinkIssues';
import { decodeLink } from '../../src/core/link/codec';
import { importExperiment } from '../../src/core/export/experiment';
import { restoreSequenceConfig } from '../../src/core/sequence/config';
import { OPTIMIZER_SPECS } from '../../src/core/config/optimizers';

const HAN = /\p{Script=Han}/u;
/**
 * Names that stay as they are in Chinese (the browser test keeps the same list for the pages), and
 * every optimizer's Chinese name from its record (proper names such as Adagrad).
 */
const OPTIMIZER_PROPER = OPTIMIZERS.map((kind) => OPTIMIZER_SPECS[kind].nameZh).filter((n) => !HAN.test(n));
const PROPER = new RegExp(
  `(?<![A-Za-z])(Tunelab|${OPTIMIZER_PROPER.join('|')}|ReLU|ELU|GELU|tanh|sigmoid|Sigmoid|Keras|Optuna|PyTorch|Python|CSV|JSON|PNG|SVG|GP|TPE|PSO|Hyperband|fANOVA|Branin|Rosenbrock|Halton|Sobol|Transformer|LSTM|Dropout|dropout|Epsilon|epsilon|Matérn|RBF|EDF|NaN|UCI|scikit-learn|Weights & Biases|W&B|MNIST|Smith|Bergstra|Bengio|KiB|MiB|kB|MB|ms|format|tunelab-experiment|sin|cos)(?![A-Za-z])`,
  'g',
);

/** Chinese text reads as Chinese: it has Han characters, or it holds no English word at all. */
function untranslatedWords(text: string): string[] {
  if (HAN.test(text)) return [];
  return [...text.replace(PROPER, ' ').matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

type Hook = { in(language: 'en' | 'zh'): Record<string, unknown> };
const isHook = (value: unknown): value is Hook =>
  typeof value === 'function' && typeof (value as { in?: unknown }).in === 'function';

// Every messages table in the interface, found by what defines it rather than by a list to keep up.
const TABLE_FILES = sourceFiles('src/ui').filter((path) =>
  readFileSync(path, 'utf8').includes('defineMessages('),
);

const LOADERS = import.meta.glob(['../../src/ui/**/*.ts', '../../src/ui/**/*.tsx']);

describe('every messages table has every key in both languages', () => {
  test('the tables are found', () => {
    expect(TABLE_FILES.length).toBeGreaterThanOrEqual(12);
  });

  test.each(TABLE_FILES.map((path) => relative('src/ui', path)))('%s', async (file) => {
    const module = (await LOADERS[`../../src/ui/${file}`]!()) as Record<string, unknown>;
    const hooks = Object.entries(module).filter(([, value]) => isHook(value)) as [string, Hook][];
    expect(hooks.length, `${file} exports its messages`).toBeGreaterThan(0);
    for (const [name, hook] of hooks) {
      const en = hook.in('en');
      const zh = hook.in('zh');
      expect(Object.keys(zh).sort(), `${name}: the same keys`).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        const [e, z] = [en[key], zh[key]];
        expect(typeof z, `${name}.${key}`).toBe(typeof e);
        if (typeof z === 'string') {
          expect(z.length > 0 || e === '', `${name}.${key} is empty in Chinese`).toBe(true);
          expect(untranslatedWords(z), `${name}.${key}: “${z}”`).toEqual([]);
        } else if (typeof z === 'function') {
          // Called with plain values where it accepts them; a message needing an object is
          // checked through the typed renderers below.
          let text: unknown;
          try {
            text = (z as (...args: unknown[]) => unknown)(2, 3, 4, 5);
          } catch {
            continue;
          }
          if (typeof text === 'string')
            expect(untranslatedWords(text), `${name}.${key}: “${text}”`).toEqual([]);
        }
      }
    }
  });
});

describe('typed tables and renderers have both languages', () => {
  test('every setting, choice, page and lesson has its Chinese', () => {
    for (const key of Object.keys(DEFAULT_CONFIG) as (keyof typeof DEFAULT_CONFIG)[]) {
      expect(PARAMETER_TEXT.zh[key].label, key).toBeTruthy();
      expect(PARAMETER_NAMES[key].zh, key).toBeTruthy();
    }
    const choices = {
      dataset: DATASETS,
      activation: ACTIVATIONS,
      optimizer: OPTIMIZERS,
      schedule: SCHEDULES,
    };
    for (const [key, values] of Object.entries(choices))
      for (const value of values) {
        const zh = choiceText('zh', key, value);
        expect(choiceText('en', key, value), `${key}.${value}`).toBeTruthy();
        expect(untranslatedWords(zh), `${key}.${value}: ${zh}`).toEqual([]);
        const chip = (CHOICE_VALUE_NAMES_ZH as Record<string, Record<string, string>>)[key]![value];
        expect(chip && untranslatedWords(chip), `${key}.${value}`).toEqual([]);
      }
    for (const page of PAGES) expect(page.label.zh).toMatch(HAN);
    for (const lesson of [...Object.values(LESSONS), ...Object.values(SEQUENCE_LESSONS)])
      for (const key of ['title', 'summary', 'tryThis', 'lookFor'] as const) {
        expect(lesson.text.en[key], `${lesson.id}.${key}`).toBeTruthy();
        expect(lesson.text.zh[key], `${lesson.id}.${key}`).toMatch(HAN);
      }
  });

  test('every verdict reads in Chinese', () => {
    const verdicts: Verdict[] = [
      { status: 'completed', code: 'completed', params: { epochs: 12 } },
      { status: 'stopped-early', code: 'stopped-early', params: { epoch: 40, patience: 10, bestEpoch: 30 } },
      {
        status: 'diverged',
        code: 'diverged-exploded',
        params: { epoch: 3, loss: 1e9, learningRate: 10, optimizer: 'sgd' },
      },
      { status: 'diverged', code: 'diverged-nan', params: { epoch: 3, learningRate: 10, optimizer: 'adam' } },
      {
        status: 'diverged',
        code: 'diverged-infinite',
        params: { epoch: 3, learningRate: 10, optimizer: 'adam' },
      },
      { status: 'cancelled', code: 'cancelled', params: { epochs: 5 } },
    ];
    for (const verdict of verdicts) {
      expect(verdictText(verdict, 'zh'), verdict.code).toMatch(HAN);
      expect(verdictText(verdict, 'en'), verdict.code).not.toMatch(HAN);
    }
  });

  test('link, sequence-setting and experiment-file issues read in Chinese, with the setting’s Chinese label', () => {
    const hostile = decodeLink(`2.${'x'.repeat(20)}`).problems.concat(decodeLink('9.abc').problems);
    const { issues: sequenceIssues } = restoreSequenceConfig({
      width: 30,
      maxLength: 1e9,
      task: 'x',
      colour: 1,
    });
    const file = importExperiment(
      JSON.stringify({ format: 'tunelab-experiment', version: 1, link: '', results: 7 }),
    );
    if (!file.ok) throw new Error(file.message);
    const refused = importExperiment('{');
    if (refused.ok) throw new Error('a broken file was accepted');
    for (const issue of [...hostile, ...sequenceIssues, ...file.problems, refused.problem]) {
      const zh = issueText(issue, 'zh', (field) => `〈${field}〉`);
      expect(zh, issue.code).toMatch(HAN);
      expect(issueText(issue, 'en'), issue.code).not.toMatch(HAN);
    }
    const width = sequenceIssues.find((i) => i.code === 'width-not-multiple')!;
    expect(issueText(width, 'zh', () => '模型宽度')).toBe(
      '模型宽度必须是注意力头数（4）的整数倍；30 已改为 32。',
    );
  });
});
