import { create } from 'zustand';

export type Language = 'en' | 'zh';
export const LANGUAGES: readonly Language[] = ['en', 'zh'];
/** What the switch shows for each language, in that language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'EN', zh: '中文' };

const STORAGE_KEY = 'tunelab.language';

/**
 * The language a visit starts in: the one the visitor chose before, else the first of the
 * browser's preferred languages that the app speaks (a browser set to Chinese opens in Chinese,
 * whatever its region or script tag), else English.
 */
export function startingLanguage(stored: string | null | undefined, preferred: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh') return stored;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh' || primary === 'en') return primary;
  }
  return 'en';
}

function storedLanguage(): Language {
  let stored: string | null | undefined;
  // localStorage throws in some privacy modes and does not exist in Node tests.
  try {
    stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  // The browser's preference, in a page only: Node (the command line, unit tests) has a navigator
  // too, with the machine's locale, and the tests and the CLI's messages must not follow it.
  const browser = typeof document === 'undefined' ? undefined : globalThis.navigator;
  const preferred = browser?.languages?.length
    ? browser.languages
    : browser?.language
      ? [browser.language]
      : [];
  return startingLanguage(stored, preferred);
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const useLanguage = create<LanguageState>()((set) => ({
  language: storedLanguage(),
  setLanguage(language) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, language);
    } catch {
      /* the choice still holds for this visit */
    }
    set({ language });
  },
}));
