import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const SRC = path.join(__dirname, '../../src');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(full);
    return entry.name.endsWith('.css') ? [full] : [];
  });
}

/** Every bare class selector (`.name`, alone in its selector list entry) a stylesheet defines. */
function bareClasses(css: string): Set<string> {
  const found = new Set<string>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of text.matchAll(/([^{}]+)\{/g)) {
    const selectors = match[1]!.trim();
    if (selectors.startsWith('@')) continue;
    for (const selector of selectors.split(','))
      if (/^\.[\w-]+$/.test(selector.trim())) found.add(selector.trim());
  }
  return found;
}

// The build makes one stylesheet of every page's CSS (vite.config.ts), so a bare class two pages
// both style is styled by whichever rule comes later in it, on both pages: the compare page's
// `.chip` once restyled the playground's feature chips this way.
test('no two stylesheets style the same bare class: one page cannot restyle another', () => {
  const owners = new Map<string, string[]>();
  for (const file of cssFiles(SRC))
    for (const name of bareClasses(readFileSync(file, 'utf8')))
      owners.set(name, [...(owners.get(name) ?? []), path.relative(SRC, file)]);
  const shared = [...owners]
    .filter(([, files]) => files.length > 1)
    .map(([name, files]) => `${name}: ${files.join(', ')}`);
  expect(shared).toEqual([]);
});
