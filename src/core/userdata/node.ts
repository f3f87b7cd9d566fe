import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeDigitsFile, type DigitImages } from './digits';

/**
 * Node only (command line, tests, benchmarks): reads the digits from the repository's
 * public/data. Kept apart from digits.ts so the page never bundles node:fs.
 */
export const DIGITS_FILE = fileURLToPath(new URL('../../../public/data/digits.json', import.meta.url));

export function readDigitsFile(path: string = DIGITS_FILE): DigitImages {
  return decodeDigitsFile(JSON.parse(readFileSync(path, 'utf8')));
}
