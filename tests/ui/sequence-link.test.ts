import { afterEach, expect, test } from 'vitest';
import { DEFAULT_SEQUENCE_CONFIG } from '../../src/core/sequence/config';
import { initialSequenceState, useSequence } from '../../src/store/sequence';
import { useUi } from '../../src/store/ui';
import { openSequencePayload, sequencePayload } from '../../src/ui/sequence/link';

afterEach(() => {
  useSequence.setState(initialSequenceState());
  useUi.getState().setPace('fast');
});

test('the sequences link carries free play’s settings and pace there and back', () => {
  const config = { ...DEFAULT_SEQUENCE_CONFIG, heads: 2 as const, width: 32, task: 'sort' as const, seed: 9 };
  useUi.getState().setPace('10');
  const payload = sequencePayload({ config, lesson: null });
  expect(payload).toMatch(/^2\./);
  useUi.getState().setPace('fast');
  openSequencePayload(payload);
  expect(useSequence.getState().config).toEqual(config);
  expect(useSequence.getState().lanes[0]!.config).toEqual(config);
  expect(useUi.getState().pace).toBe('10');
  expect(useSequence.getState().linkIssues).toEqual([]);
});

test('defaults keep a bare #sequences and a lesson keeps its name', () => {
  expect(sequencePayload({ config: { ...DEFAULT_SEQUENCE_CONFIG }, lesson: null })).toBe('');
  expect(sequencePayload({ config: { ...DEFAULT_SEQUENCE_CONFIG }, lesson: 'heads' })).toBe('heads');
  openSequencePayload('heads');
  expect(useSequence.getState().lesson).toBe('heads');
  expect(useSequence.getState().lanes.length).toBeGreaterThan(1);
});

test('a damaged link opens free play at the defaults and lists its issues; a bad name says so', () => {
  useSequence.setState({ config: { ...DEFAULT_SEQUENCE_CONFIG, seed: 5 } });
  openSequencePayload('2.%%%garbage');
  expect(useSequence.getState().config).toEqual(DEFAULT_SEQUENCE_CONFIG);
  expect(useSequence.getState().linkIssues.map((i) => i.code)).toEqual([
    'not-decompressed',
    'defaults-loaded',
  ]);
  openSequencePayload('%3Cscript%3E');
  expect(useSequence.getState().unknownLesson).toBe('<script>');
  expect(useSequence.getState().linkIssues).toEqual([]);
});
