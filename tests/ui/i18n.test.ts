import { afterEach, expect, test } from 'vitest';
import { defineMessages, startingLanguage, useLanguage } from '../../src/i18n';
import { PARAMETER_TEXT } from '../../src/ui/playground/parameterText';
import { PARAMETER_HELP } from '../../src/ui/playground/parameterHelp';
import { usePlaygroundMessages } from '../../src/ui/playground/messages';
import { useShellMessages } from '../../src/ui/shell/messages';
import { useControlMessages } from '../../src/ui/controls/messages';
import { DEFAULT_CONFIG } from '../../src/core';

afterEach(() => useLanguage.setState({ language: 'en' }));

test('messages read as properties or by key, and functions fill in values', () => {
  const useMessages = defineMessages({
    en: { name: 'Name', length: 'Length', epochs: (n: number) => `${n} epochs` },
    zh: { name: '名称', length: '长度', epochs: (n: number) => `${n} 轮` },
  });
  const en = useMessages.in('en');
  expect(en.name).toBe('Name');
  expect(en('length')).toBe('Length');
  expect(useMessages.in('zh').epochs(3)).toBe('3 轮');
});

test("a first visit opens in the browser's language when the app speaks it; a choice made before wins", () => {
  expect(startingLanguage(null, ['zh-CN', 'en-US'])).toBe('zh');
  expect(startingLanguage(null, ['zh-Hant-TW'])).toBe('zh');
  expect(startingLanguage(undefined, ['ZH'])).toBe('zh');
  expect(startingLanguage(null, ['zh_CN'])).toBe('zh');
  // The first language the app speaks, in the browser's order.
  expect(startingLanguage(null, ['fr-FR', 'zh-CN', 'en'])).toBe('zh');
  expect(startingLanguage(null, ['de', 'en-GB', 'zh'])).toBe('en');
  expect(startingLanguage(null, ['ja', 'fr'])).toBe('en');
  expect(startingLanguage(null, [])).toBe('en');
  expect(startingLanguage('en', ['zh-CN'])).toBe('en');
  expect(startingLanguage('zh', ['en-US'])).toBe('zh');
  // Anything else stored (an old or edited value) is no choice.
  expect(startingLanguage('klingon', ['zh-CN'])).toBe('zh');
});

const HAN = /\p{Script=Han}/u;

test('every playground, shell and control message has real Chinese beside its English', () => {
  for (const hook of [usePlaygroundMessages, useShellMessages, useControlMessages]) {
    const en = hook.in('en') as unknown as Record<string, unknown>;
    const zh = hook.in('zh') as unknown as Record<string, unknown>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      const value = zh[key];
      const text =
        typeof value === 'function' ? (value as (...args: unknown[]) => string)('x', 'y') : String(value);
      expect(text, `zh.${key}`).toMatch(HAN);
    }
  }
});

test('every hyperparameter has a label and help (what, range, what to watch) in both languages', () => {
  for (const key of Object.keys(DEFAULT_CONFIG)) {
    for (const language of ['en', 'zh'] as const) {
      expect(
        PARAMETER_TEXT[language][key as keyof typeof DEFAULT_CONFIG]?.label,
        `${language}.${key}`,
      ).toBeTruthy();
      const text = PARAMETER_HELP[language][key as keyof typeof DEFAULT_CONFIG];
      expect(text, `${language}.${key}`).toBeDefined();
      expect(text.what.length).toBeGreaterThan(10);
      expect(text.range.length).toBeGreaterThan(2);
      expect(text.watch.length).toBeGreaterThan(5);
      if (language === 'zh') expect(`${text.what}${text.watch}`).toMatch(HAN);
    }
  }
});
