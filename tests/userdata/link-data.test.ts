import { describe, expect, test } from 'vitest';
import { csvToDataset } from '../../src/core/userdata/csv';
import { MAX_LINKED_DATA_CHARACTERS, packData, unpackData } from '../../src/core/userdata/link-data';
import { createRandom } from '../../src/core';

const choice = { features: ['a', 'b'], label: 'y', task: 'classification' as const };

describe('a dataset inside a share link', () => {
  test('a small file is embedded and comes back identical, and trains to the same dataset', () => {
    const text = [
      'a,b,y',
      ...Array.from({ length: 150 }, (_, i) => `${i % 13},${(i * 7) % 11},${i % 3}`),
    ].join('\n');
    const packed = packData({ fileName: 'small.csv', text, choice });
    expect(packed.kind).toBe('embedded');
    if (packed.kind !== 'embedded') return;
    expect(packed.packed.length).toBeLessThanOrEqual(MAX_LINKED_DATA_CHARACTERS);
    const back = unpackData(packed.packed)!;
    expect(back).toEqual({ fileName: 'small.csv', text, choice });
    const settings = { validationSplit: 0.2, seed: 4 };
    expect(csvToDataset(back.text, settings, back.choice)).toEqual(csvToDataset(text, settings, choice));
  });

  test('a large file becomes a reference: its name and columns, for the recipient to load', () => {
    const random = createRandom(1);
    const text = [
      'a,b,y',
      ...Array.from({ length: 5000 }, () => `${random.normal()},${random.normal()},${random.int(2)}`),
    ].join('\n');
    expect(packData({ fileName: 'big.csv', text, choice })).toEqual({
      kind: 'reference',
      fileName: 'big.csv',
      choice,
    });
  });

  test('damaged or hostile data in a link is refused, never thrown', () => {
    expect(unpackData('')).toBeNull();
    expect(unpackData('not-lz-at-all!!')).toBeNull();
    expect(unpackData('x'.repeat(MAX_LINKED_DATA_CHARACTERS + 1))).toBeNull();
    const wrongShape = packData({ fileName: 'f', text: 't', choice: { ...choice, features: [] } });
    expect(wrongShape.kind === 'embedded' && unpackData(wrongShape.packed)).toBeNull();
  });
});
