import { afterEach, expect, test, vi } from 'vitest';
import { DEFAULT_SEQUENCE_CONFIG } from '../../src/core/sequence/config';
import { initialSequenceState, useSequence } from '../../src/store/sequence';
import { useUi } from '../../src/store/ui';
import { openSequencePayload, sequencePayload, startSequenceLinkSync } from '../../src/ui/sequence/link';
import { emptyLinkState, encodeLink } from '../../src/core/link/codec';
import { useRoute } from '../../src/store/route';
import { setSequenceConfig } from '../../src/store/sequence';

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

test('a link that comes into the address bar while a settings change waits to be written is not overwritten', () => {
  vi.useFakeTimers();
  const address = { hash: '' };
  vi.stubGlobal('location', address);
  vi.stubGlobal('history', {
    state: null,
    replaceState: (_state: unknown, _title: string, hash: string) => (address.hash = hash),
  });
  try {
    const linkTo = (seed: number) =>
      encodeLink({ ...emptyLinkState(), sequence: { ...DEFAULT_SEQUENCE_CONFIG, seed } });
    const [first, pasted] = [linkTo(3), linkTo(4)];
    address.hash = `#sequences/${first}`;
    useRoute.setState({ page: 'sequences', payload: first });
    openSequencePayload(first);
    const stop = startSequenceLinkSync();
    // A setting changed by hand: its link is written a moment later…
    setSequenceConfig({ ...DEFAULT_SEQUENCE_CONFIG, seed: 3, width: 48 });
    // …and before that, a link is pasted (the page opens it in its next effect).
    address.hash = `#sequences/${pasted}`;
    useRoute.setState({ page: 'sequences', payload: pasted });
    vi.advanceTimersByTime(1000);
    expect(useRoute.getState().payload).toBe(pasted);
    expect(address.hash).toBe(`#sequences/${pasted}`);
    openSequencePayload(pasted);
    expect(useSequence.getState().config.seed).toBe(4);
    stop();
  } finally {
    vi.unstubAllGlobals();
    vi.useRealTimers();
    useRoute.setState({ page: '', payload: '' });
  }
});
