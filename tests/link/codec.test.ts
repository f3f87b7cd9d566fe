import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import {
  CHOICE_PARAMETERS,
  DEFAULT_CONFIG,
  decodeLink,
  emptyLinkState,
  encodeLink,
  LINK_VERSION,
  NUMERIC_PARAMETERS,
  type ExperimentConfig,
} from '../../src/core';
import { packData, unpackData } from '../../src/core/userdata/link-data';

const encodeRaw = (version: number, payload: unknown) =>
  `${version}.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;

describe('share links', () => {
  test('the default experiment has a short link and decodes to the defaults', () => {
    const link = encodeLink(emptyLinkState());
    expect(link.length).toBeLessThan(20);
    expect(decodeLink(link)).toEqual({ state: emptyLinkState(), problems: [], issues: [] });
  });

  test('every numeric field round-trips', () => {
    for (const p of NUMERIC_PARAMETERS) {
      const value = p.integer ? Math.round((p.min + p.max) / 3) : p.min + (p.max - p.min) * 0.37;
      const config = { ...DEFAULT_CONFIG, [p.key]: value };
      const decoded = decodeLink(encodeLink(emptyLinkState(config)));
      expect(decoded.issues, p.key).toEqual([]);
      expect(decoded.state.config[p.key], p.key).toBe(value);
    }
  });

  test('every choice, the features and the layers round-trip', () => {
    for (const p of CHOICE_PARAMETERS) {
      for (const choice of p.choices) {
        const config = { ...DEFAULT_CONFIG, [p.key]: choice } as ExperimentConfig;
        expect(decodeLink(encodeLink(emptyLinkState(config))).state.config[p.key]).toBe(choice);
      }
    }
    const config: ExperimentConfig = {
      ...DEFAULT_CONFIG,
      features: ['x1sq', 'sinx2', 'x1x2'],
      hiddenLayers: [64, 3, 1, 8],
    };
    const { state } = decodeLink(encodeLink(emptyLinkState(config)));
    expect(state.config.features).toEqual(['x1sq', 'sinx2', 'x1x2']);
    expect(state.config.hiddenLayers).toEqual([64, 3, 1, 8]);
  });

  test('classroom fields, lanes and the lesson round-trip', () => {
    const config = { ...DEFAULT_CONFIG, learningRate: 0.1 };
    const state = {
      config,
      hidden: ['l1', 'l2'] as const,
      locked: ['dataset'] as const,
      lanes: [config, { ...config, dropout: 0.3 }, { ...config, hiddenLayers: [] }],
      lesson: 'overfitting',
    };
    const decoded = decodeLink(
      encodeLink({ ...state, hidden: [...state.hidden], locked: [...state.locked] }),
    );
    expect(decoded.issues).toEqual([]);
    expect(decoded.state).toEqual({ ...state, hidden: ['l1', 'l2'], locked: ['dataset'] });
  });

  test('a small CSV travels embedded, a large one as a reference; damaged data is refused', () => {
    const choice = { features: ['a', 'b'], label: 'label', task: 'classification' as const };
    const small = packData({ fileName: 'shapes.csv', text: 'a,b,label\n1,2,x\n3,4,y\n', choice });
    expect(small.kind).toBe('embedded');
    const config = { ...DEFAULT_CONFIG, dataset: 'custom' as const };
    const decoded = decodeLink(encodeLink({ ...emptyLinkState(config), data: small }));
    expect(decoded.issues).toEqual([]);
    expect(decoded.state.data).toEqual(small);
    expect(unpackData((decoded.state.data as { packed: string }).packed)).toEqual({
      fileName: 'shapes.csv',
      text: 'a,b,label\n1,2,x\n3,4,y\n',
      choice,
    });

    const noise = Array.from(
      { length: 20000 },
      (_, i) => `${Math.sin(i) * 1e6},${Math.cos(i * 7) * 1e6},${i % 3}`,
    ).join('\n');
    const large = packData({ fileName: 'big.csv', text: `a,b,label\n${noise}`, choice });
    expect(large).toEqual({ kind: 'reference', fileName: 'big.csv', choice });
    expect(decodeLink(encodeLink({ ...emptyLinkState(config), data: large })).state.data).toEqual(large);

    const damaged = decodeLink(
      encodeRaw(2, { c: { dataset: 'custom' }, d: { kind: 'embedded', packed: 42 } }),
    );
    expect(damaged.state.data).toBeUndefined();
    expect(damaged.issues.join(' ')).toMatch(/data in this link is damaged/);
  });

  test('a version-1 link migrates to the current version', () => {
    expect(LINK_VERSION).toBeGreaterThan(1);
    const decoded = decodeLink(encodeRaw(1, { learningRate: 0.3, dataset: 'xor' }));
    expect(decoded.issues).toEqual([]);
    expect(decoded.state.config).toEqual({ ...DEFAULT_CONFIG, learningRate: 0.3, dataset: 'xor' });
  });

  test('the pace round-trips; links without one, old or new, train as fast as possible', () => {
    for (const pace of ['fast', '30', '10', '3'] as const) {
      const decoded = decodeLink(encodeLink({ ...emptyLinkState(), pace }));
      expect(decoded).toEqual({ state: { ...emptyLinkState(), pace }, problems: [], issues: [] });
    }
    for (const old of [encodeRaw(1, { learningRate: 0.3 }), encodeRaw(2, { c: { epochs: 40 } })]) {
      const decoded = decodeLink(old);
      expect(decoded.issues).toEqual([]);
      expect(decoded.state.pace).toBeUndefined();
    }
    const odd = decodeLink(encodeRaw(2, { c: {}, p: '1000' }));
    expect(odd.state.pace).toBeUndefined();
    expect(odd.issues.join(' ')).toMatch(/pace/);
    expect(odd.problems.map((p) => p.code)).toEqual(['unknown-pace']);
  });

  test('hostile and broken links load the nearest valid experiment and say what was wrong', () => {
    const cases: [string, RegExp][] = [
      [encodeRaw(99, {}), /version/i],
      ['2.@@@not-lz@@@', /damaged/i],
      [
        encodeLink(emptyLinkState({ ...DEFAULT_CONFIG, learningRate: 0.5 })).slice(0, 8),
        /damaged|learningRate/i,
      ],
      ['x'.repeat(100_000), /too long/i],
      ['hello', /not a Tunelab/i],
    ];
    for (const [link, message] of cases) {
      const decoded = decodeLink(link);
      expect(decoded.issues.join(' '), link.slice(0, 30)).toMatch(message);
      expect(decoded.state.config.dataset).toBeTypeOf('string');
    }

    const nasty = decodeLink(
      encodeRaw(2, {
        c: {
          learningRate: 'NaN',
          batchSize: -5,
          epochs: 1e308,
          dataset: '<script>alert(1)</script>',
          noise: null,
          hiddenLayers: [1e9, -3],
          features: 'x1',
        },
        h: ['l1', '__proto__'],
        lanes: new Array(9).fill({ dropout: 2 }),
        lesson: '<img src=x onerror=alert(1)>',
      }),
    );
    const { config } = nasty.state;
    expect(config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(config.batchSize).toBe(1);
    expect(config.epochs).toBe(5000);
    expect(config.dataset).toBe(DEFAULT_CONFIG.dataset);
    expect(config.hiddenLayers).toEqual([64, 1]);
    expect(config.features).toEqual(DEFAULT_CONFIG.features);
    expect(nasty.state.hidden).toEqual(['l1']);
    expect(nasty.state.lanes).toHaveLength(4);
    expect(nasty.state.lanes[0]!.dropout).toBe(0.9);
    expect(nasty.state.lesson).toBeNull();
    const text = nasty.issues.join('\n');
    for (const field of [
      'learningRate',
      'batchSize',
      'epochs',
      'dataset',
      'noise',
      'hiddenLayers',
      'features',
      'lesson',
      'lanes',
    ]) {
      expect(text, field).toMatch(new RegExp(field, 'i'));
    }
  });

  test('no string, however random, makes the decoder throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const decoded = decodeLink(text);
        expect(decoded.state.config).toBeTypeOf('object');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 3 }), (payload, version) => {
        const decoded = decodeLink(encodeRaw(version, payload));
        expect(Number.isFinite(decoded.state.config.learningRate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('any valid experiment survives a round trip exactly', () => {
    const experiment = fc.record(
      Object.fromEntries(
        NUMERIC_PARAMETERS.map((p) => [
          p.key,
          p.integer
            ? fc.integer({ min: p.min, max: p.max })
            : fc.double({ min: p.min, max: p.max, noNaN: true }),
        ]),
      ),
    );
    fc.assert(
      fc.property(experiment, (values) => {
        const config = { ...DEFAULT_CONFIG, ...values } as ExperimentConfig;
        expect(decodeLink(encodeLink(emptyLinkState(config))).state.config).toEqual(config);
      }),
      { numRuns: 200 },
    );
  });
});
