import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import { decodeLink, emptyLinkState, encodeLink, type LinkState } from '../../src/core/link/codec';
import {
  DEFAULT_SEQUENCE_CONFIG,
  HEAD_COUNTS,
  SEQUENCE_MODELS,
  SEQUENCE_NUMERIC_PARAMETERS,
  validateSequenceConfig,
  type SequenceConfig,
} from '../../src/core/sequence/config';
import { SEQUENCE_TASKS } from '../../src/core/sequence/tasks';
import { OPTIMIZERS, SCHEDULES } from '../../src/core/config/parameters';
import { PACES } from '../../src/core/train/pace';

const link = (payload: unknown) => `2.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;
const sequenceLink = (sequence: SequenceConfig, pace?: LinkState['pace']) =>
  encodeLink({ ...emptyLinkState(), sequence, ...(pace ? { pace } : {}) });

/** Any value a field can hold, drawn from its whole range (not just the slider's ladder). */
const numberIn = (min: number, max: number, integer: boolean) =>
  integer
    ? fc.integer({ min, max })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));

/** Every valid sequence config: each field anywhere in its range, width a multiple of heads. */
const validSequenceConfig: fc.Arbitrary<SequenceConfig> = fc
  .record({
    ...Object.fromEntries(
      SEQUENCE_NUMERIC_PARAMETERS.map((p) => [p.key, numberIn(p.min, p.max, p.integer === true)]),
    ),
    model: fc.constantFrom(...SEQUENCE_MODELS),
    task: fc.constantFrom(...SEQUENCE_TASKS),
    heads: fc.constantFrom(...HEAD_COUNTS),
    optimizer: fc.constantFrom(...OPTIMIZERS),
    schedule: fc.constantFrom(...SCHEDULES),
  })
  .map((raw) => {
    const config = raw as unknown as SequenceConfig;
    const width = Math.max(config.heads, Math.floor(config.width / config.heads) * config.heads);
    const [min, max] = [config.minSequenceLength, config.maxSequenceLength].sort((a, b) => a - b);
    return { ...config, width, minSequenceLength: min!, maxSequenceLength: max! };
  });

describe('sequence share links', () => {
  test('every valid sequence config, with any pace, encodes and decodes to itself', () => {
    fc.assert(
      fc.property(
        validSequenceConfig,
        fc.option(fc.constantFrom(...PACES), { nil: undefined }),
        (config, pace) => {
          expect(validateSequenceConfig(config)).toEqual({ ok: true, config });
          const decoded = decodeLink(sequenceLink(config, pace));
          expect(decoded.problems).toEqual([]);
          expect(decoded.state.sequence).toEqual(config);
          expect(decoded.state.pace).toBe(pace);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the default settings make a short link, and the playground part stays the default', () => {
    const text = sequenceLink({ ...DEFAULT_SEQUENCE_CONFIG });
    expect(text.length).toBeLessThan(24);
    expect(decodeLink(text)).toEqual({
      state: { ...emptyLinkState(), sequence: DEFAULT_SEQUENCE_CONFIG },
      problems: [],
      issues: [],
    });
  });

  test('playground links made before sequences could be shared decode as before, with no sequence part', () => {
    const old = link({ c: { learningRate: 0.1 } });
    const decoded = decodeLink(old);
    expect(decoded.problems).toEqual([]);
    expect(decoded.state.config.learningRate).toBe(0.1);
    expect(decoded.state.sequence).toBeUndefined();
    // And a playground link encodes exactly as it did: no sequence field appears.
    expect(encodeLink(emptyLinkState())).toBe(link({ c: {} }));
  });

  test('invalid, NaN and hostile fields give issues with codes and the nearest valid settings, never a throw', () => {
    const { state, problems } = decodeLink(
      link({
        s: {
          width: 30,
          heads: 3,
          learningRate: null, // NaN, as JSON writes it
          maxLength: 1e9,
          task: '<img src=x onerror=alert(1)>',
          minSequenceLength: 40,
          maxSequenceLength: 10,
          __proto__: 1,
          constructor: 'x',
        },
      }),
    );
    expect(validateSequenceConfig(state.sequence)).toEqual({ ok: true, config: state.sequence });
    const codes = problems.map((p) => `${p.code}:${p.field}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'not-a-number:learningRate',
        'out-of-range:maxLength',
        'not-a-choice:heads',
        'not-a-choice:task',
        'width-not-multiple:width',
        'shortest-above-longest:minSequenceLength',
        'unknown-field:constructor',
      ]),
    );
    expect(problems.find((p) => p.code === 'not-a-number')?.params).toMatchObject({
      min: '1e-5',
      max: '100',
      defaultValue: '0.01',
    });
    expect(decodeLink(link({ s: 'not settings' })).problems.map((p) => p.code)).toEqual(['not-object']);
  });

  test('anything at all in the sequence part decodes to valid settings without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.dictionary(
            fc.constantFrom(...Object.keys(DEFAULT_SEQUENCE_CONFIG), 'x'),
            fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
          ),
        ),
        (s) => {
          const decoded = decodeLink(link({ s }));
          // JSON drops an undefined field: that link has no sequence part at all.
          if (s === undefined) expect(decoded.state.sequence).toBeUndefined();
          else expect(validateSequenceConfig(decoded.state.sequence)).toMatchObject({ ok: true });
          for (const problem of decoded.problems) expect(typeof problem.code).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});
