import LZString from 'lz-string';
import { describe, expect, test } from 'vitest';
import { decodeLink } from '../../src/core/link/codec';

const link = (payload: unknown) => `2.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;

describe('link issues are data the page renders in each language', () => {
  test('finding 15: each issue names its code, its field and its numbers, not an English sentence to patch', () => {
    const fields: Record<string, unknown> = { learningRate: 500, optimizer: 'rmsprop-ish' };
    for (let i = 0; i < 5000; i++) fields[`k${i}`] = 1;
    const { problems } = decodeLink(link({ c: fields, lanes: [{}, { dropout: 'x' }] }));
    expect(problems.filter((p) => p.code === 'unknown-field')).toHaveLength(5000);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'out-of-range',
        field: 'learningRate',
        params: expect.objectContaining({ value: '500', became: '100', min: '1e-5', max: '100' }),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'not-a-choice',
        field: 'optimizer',
        params: expect.objectContaining({ defaultValue: 'adam' }),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'not-a-number', field: 'dropout', lane: 2 }),
    );
  });

  test('finding 14: damaged data in a link is its own problem, not a failed run later', () => {
    const { problems, state } = decodeLink(
      link({ c: { dataset: 'custom' }, d: { kind: 'embedded', packed: 7 } }),
    );
    expect(state.config.dataset).toBe('custom');
    expect(problems.map((p) => p.code)).toEqual(['data-damaged']);
  });

  test('a link that cannot be read at all says why, then that the defaults were loaded', () => {
    expect(decodeLink('2.%%%').problems.map((p) => p.code)).toEqual(['not-decompressed', 'defaults-loaded']);
    expect(decodeLink('9.abc').problems[0]).toMatchObject({
      code: 'unknown-version',
      params: { version: 9, known: 2 },
    });
  });
});
