import LZString from 'lz-string';
import * as z from 'zod/mini';
import { lazySchema } from '../schema-lazy';
import type { CsvChoice } from './csv';

/**
 * A small uploaded dataset travels inside a share link, compressed; a larger one does not, and
 * the link carries only what the recipient must load (file name and columns). The link codec
 * (src/core/link) holds the result in one optional field; these functions are the whole format.
 */

/** Compressed characters a link may spend on data: links stay under the codec's 16 kB limit with room for the rest. */
export const MAX_LINKED_DATA_CHARACTERS = 10_000;

export interface LinkedData {
  fileName: string;
  text: string;
  choice: CsvChoice;
}

export type PackedData =
  | { kind: 'embedded'; packed: string }
  /** Too large for a link: the recipient is asked for this file. */
  | { kind: 'reference'; fileName: string; choice: CsvChoice };

export const choiceSchema = lazySchema(() =>
  z.object({
    features: z.array(z.string().check(z.maxLength(300))).check(z.minLength(1), z.maxLength(1000)),
    label: z.string().check(z.maxLength(300)),
    task: z.enum(['classification', 'regression']),
  }),
);
const linkedSchema = lazySchema(() =>
  z.object({ n: z.string().check(z.maxLength(300)), t: z.string(), c: choiceSchema() }),
);

export function packData(data: LinkedData): PackedData {
  const packed = LZString.compressToEncodedURIComponent(
    JSON.stringify({ n: data.fileName, t: data.text, c: data.choice }),
  );
  if (packed.length <= MAX_LINKED_DATA_CHARACTERS) return { kind: 'embedded', packed };
  return { kind: 'reference', fileName: data.fileName, choice: data.choice };
}

/** The data inside a link, or null when it is damaged (the caller says so and asks for the file). */
export function unpackData(packed: string): LinkedData | null {
  if (packed.length > MAX_LINKED_DATA_CHARACTERS) return null;
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(packed);
  } catch {
    return null;
  }
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = linkedSchema().safeParse(value);
  return parsed.success ? { fileName: parsed.data.n, text: parsed.data.t, choice: parsed.data.c } : null;
}
