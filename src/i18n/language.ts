import { create } from 'zustand';

export type Language = 'en' | 'zh';
export const LANGUAGES: readonly Language[] = ['en', 'zh'];
/** What the switch shows for each language, in that language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'EN', zh: '中文' };

const STORAGE_KEY = 'tunelab.language';

function storedLanguage(): Language {
  // localStorage throws in some privacy modes and does not exist in Node tests: English then.
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    /* fall through */
  }
  return 'en';
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
