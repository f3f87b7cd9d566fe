import * as z from 'zod/mini';
import { lazy } from './lazy';

/**
 * A zod schema built on first use (as `lazy`), with zod's English issue messages set up first.
 *
 * zod/mini leaves issue messages to a locale and loads none: without one, every issue zod words
 * itself reads "Invalid input". Zod classic loaded English with its first schema; these messages
 * reach people (a search space's "low: Invalid input: expected number, received string", a digits
 * file's, a link's features), so they are set up here, once, before the first schema is built and
 * so before anything is parsed. A locale set elsewhere first is kept, as classic keeps it.
 */
export function lazySchema<T>(build: () => T): () => T {
  return lazy(() => {
    if (!z.config().localeError) z.config(z.locales.en());
    return build();
  });
}
