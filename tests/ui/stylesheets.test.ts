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

// Each font size in use costs the first layout a font lookup per weight (on Linux a synchronous
// call to the browser process, most of the playground's first layout), so text keeps to a short
// type scale (app.css's --font). Sizes relative to their parent (em, %) step along with it.
test('font sizes keep to the type scale', () => {
  const SCALE = new Set(['0.75rem', '0.85rem', '1rem', '1.25rem', 'var(--tick-size)', 'inherit']);
  const offScale: string[] = [];
  for (const file of cssFiles(SRC)) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const match of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const [selectors, body] = [match[1]!.trim(), match[2]!];
      for (const [, size] of body.matchAll(/font-size:\s*([^;]+);/g)) {
        // The root size sets the rem itself (15 px, 20 in presentation mode).
        if (/^:root(\.presentation)?$/.test(selectors) && /^\d+px$/.test(size!)) continue;
        if (!SCALE.has(size!) && !/^[\d.]+(em|%)$/.test(size!))
          offScale.push(`${path.relative(SRC, file)} ${selectors}: ${size}`);
      }
    }
  }
  expect(offScale).toEqual([]);
});

// The same cost per font family named: the browser looks up each one it is given, even after one
// it has (measured: the playground's first layout 65 ms with Segoe UI, PingFang SC and the rest
// named after system-ui, 40 without). The platform's own fonts are reached by their generic names,
// and Chinese text by the page's lang. Menlo alone is named, for the numbers in Chrome on macOS.
test('text is set in the generic families only', () => {
  const GENERIC = new Set([
    'system-ui',
    'sans-serif',
    'serif',
    'ui-monospace',
    'Menlo',
    'monospace',
    'inherit',
  ]);
  const named: string[] = [];
  for (const file of cssFiles(SRC)) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, property, value] of text.matchAll(/(font-family|--font|--mono)\s*:\s*([^;]+);/g))
      for (const family of value!.split(',').map((f) => f.trim()))
        if (!GENERIC.has(family) && !family.startsWith('var(--'))
          named.push(`${path.relative(SRC, file)} ${property}: ${family}`);
  }
  expect(named).toEqual([]);
});
