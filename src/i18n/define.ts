import { useLanguage, type Language } from './language';

/** A message is a string, or a function for messages with values in them. */
// `never[]` accepts any parameter list, so `(epoch: number) => string` is a valid message.
export type Message = string | ((...args: never[]) => string);
export type MessageTable = Record<string, Message>;

/** Read messages as properties (`t.title`) or by key (`t('title')`, handy for computed keys). */
export type Translator<M extends MessageTable> = M & (<K extends keyof M>(key: K) => M[K]);

function translator<M extends MessageTable>(table: M): Translator<M> {
  const lookup = (key: keyof M) => table[key];
  // defineProperty, not Object.assign: a function's own `name` and `length` are read-only, and a
  // table may well have a `name` message.
  for (const key of Object.keys(table)) {
    Object.defineProperty(lookup, key, { value: table[key], enumerable: true, configurable: true });
  }
  return lookup as Translator<M>;
}

export interface MessagesHook<M extends MessageTable> {
  (): Translator<M>;
  /** The messages of one language, outside React (workers, tests, document.title). */
  in(language: Language): Translator<M>;
}

/**
 * One messages file per feature: `export const useTuneMessages = defineMessages({ en: {...}, zh: {...} })`.
 * The type makes the Chinese table have exactly the English keys, so no string is left untranslated.
 */
export function defineMessages<M extends MessageTable>(tables: {
  en: M;
  zh: NoInfer<{ [K in keyof M]: M[K] }>;
}): MessagesHook<M> {
  const byLanguage: Record<Language, Translator<M>> = {
    en: translator(tables.en),
    zh: translator(tables.zh as M),
  };
  const useMessages = (() => byLanguage[useLanguage((state) => state.language)]) as MessagesHook<M>;
  useMessages.in = (language) => byLanguage[language];
  return useMessages;
}
