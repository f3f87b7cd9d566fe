import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type EpochMetrics, type RunSummary } from '../../src/core';
import { emptyLinkState } from '../../src/core/link';
import { memoryBackend, type StorageBackend } from '../../src/store/persistence/backend';
import { MAX_UNPINNED_RUNS, Persistence, type NewRun } from '../../src/store/persistence/persistence';
import { SPARKLINE_POINTS } from '../../src/store/persistence/records';

function curve(epochs: number, start = 1): EpochMetrics[] {
  return Array.from({ length: epochs }, (_, i) => ({
    epoch: i + 1,
    trainLoss: start / (i + 1),
    validationLoss: start / (i + 1) + 0.1,
    trainAccuracy: 0.5 + i / (2 * epochs),
    validationAccuracy: 0.5,
    learningRate: 0.01,
    examplesSeen: 400 * (i + 1),
    wallTimeMs: 10 * (i + 1),
  }));
}

const summary: RunSummary = {
  status: 'completed',
  epochs: 3,
  bestEpoch: 3,
  bestValidationLoss: 0.43,
  finalTrainLoss: 0.33,
  finalValidationLoss: 0.43,
  finalTrainAccuracy: 0.9,
  finalValidationAccuracy: 0.5,
  divergedAtEpoch: null,
  effectiveBatchSize: 16,
  wallTimeMs: 30,
  verdict: { status: 'completed', code: 'completed', params: { epochs: 3 } },
};

const run = (overrides: Partial<NewRun> = {}): NewRun => ({
  config: { ...DEFAULT_CONFIG },
  status: 'completed',
  summary,
  history: curve(3),
  ...overrides,
});

/** A backend that works for `allowed` writes, then reports a full disk, as browsers do. */
function fillingBackend(
  allowed: number,
): StorageBackend & { stores: ReturnType<typeof memoryBackend>['stores'] } {
  const inner = memoryBackend();
  let writes = 0;
  return {
    ...inner,
    async put(store, key, value) {
      if (++writes > allowed) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      await inner.put(store, key, value);
    },
  };
}

describe('saved work', () => {
  test('a finished run and the current experiment survive a reload', async () => {
    const backend = memoryBackend();
    const first = await Persistence.open(async () => backend);
    expect(first.status).toEqual({ mode: 'saved' });
    const saved = first.addRun(
      run({ name: 'my spiral', config: { ...DEFAULT_CONFIG, learningRate: 0.03 }, history: curve(100) }),
    );
    first.saveExperiment({ ...emptyLinkState({ ...DEFAULT_CONFIG, dropout: 0.25 }), locked: ['dropout'] });
    first.saveDocument('comparison', 'comparison', { lanes: ['a', 'b'] });
    await first.flush();

    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.report).toEqual({ runs: 1, migratedRuns: 0, damaged: 0 });
    const [back] = reloaded.listRuns();
    expect(back).toEqual(saved);
    expect(back!.history).toEqual(curve(100));
    expect(back!.sparkline.length).toBe(SPARKLINE_POINTS);
    expect(back!.sparkline[0]).toBe(1.1);
    expect(back!.sparkline.at(-1)).toBe(0.11);
    const experiment = reloaded.loadExperiment();
    expect(experiment!.state.config.dropout).toBe(0.25);
    expect(experiment!.state.locked).toEqual(['dropout']);
    expect(reloaded.loadDocument('comparison')).toEqual({ lanes: ['a', 'b'] });
  });

  test('rename, pin and delete are saved; pinned runs list first, then newest', async () => {
    const backend = memoryBackend();
    const store = await Persistence.open(async () => backend);
    const old = store.addRun(run({ name: 'old', createdAt: 1000 }));
    const recent = store.addRun(run({ name: 'recent', createdAt: 2000 }));
    const gone = store.addRun(run({ name: 'gone', createdAt: 3000 }));
    store.updateRun(old.id, { pinned: true, name: '  kept  ' });
    store.updateRun(recent.id, { name: '   ' });
    store.deleteRun(gone.id);
    await store.flush();
    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.listRuns().map((r) => [r.name, r.pinned])).toEqual([
      ['kept', true],
      ['recent', false],
    ]);
  });

  test(`only the newest ${MAX_UNPINNED_RUNS} unpinned runs are kept; pinned ones always are`, async () => {
    const store = await Persistence.open(async () => memoryBackend());
    const pinned = store.addRun(run({ name: 'pinned', createdAt: 0, pinned: true }));
    for (let i = 1; i <= MAX_UNPINNED_RUNS + 5; i++) store.addRun(run({ name: `run ${i}`, createdAt: i }));
    const names = store.listRuns().map((r) => r.name);
    expect(names.length).toBe(MAX_UNPINNED_RUNS + 1);
    expect(names[0]).toBe('pinned');
    expect(names.at(-1)).toBe('run 6');
    expect(store.getRun(pinned.id)).toBeDefined();
  });

  test('a run saved in version 1 is migrated on load and written back in the current version', async () => {
    const backend = memoryBackend();
    backend.stores.runs.set('r1', {
      v: 1,
      id: 'r1',
      config: { ...DEFAULT_CONFIG, dataset: 'moons', learningRate: 0.2 },
      status: 'completed',
      summary,
      history: curve(3),
      date: '2026-11-01T10:00:00.000Z',
    });
    const store = await Persistence.open(async () => backend);
    expect(store.report).toEqual({ runs: 1, migratedRuns: 1, damaged: 0 });
    const [migrated] = store.listRuns();
    expect(migrated).toMatchObject({
      id: 'r1',
      pinned: false,
      createdAt: Date.parse('2026-11-01T10:00:00.000Z'),
      data: null,
    });
    expect(migrated!.name).toBe('moons · 16-16 tanh · adam 0.2');
    expect(migrated!.config.learningRate).toBe(0.2);
    expect(migrated!.sparkline).toEqual([1.1, 0.6, 1 / 3 + 0.1]);
    await store.flush();
    expect((backend.stores.runs.get('r1') as { v: number }).v).toBe(2);
  });

  test('damaged or newer values are left out and counted, and a stored config out of range is clamped', async () => {
    const backend = memoryBackend();
    backend.stores.runs.set('bad', { v: 2, id: 'bad', name: 3 });
    backend.stores.runs.set('future', { v: 99, id: 'future' });
    backend.stores.runs.set('junk', 'hello');
    const good = {
      v: 1,
      id: 'ok',
      config: { ...DEFAULT_CONFIG, learningRate: 1e9 },
      status: 'diverged',
      summary: null,
      history: [],
      date: 'not a date',
    };
    backend.stores.runs.set('ok', good);
    backend.stores.documents.set('experiment', {
      v: 2,
      kind: 'experiment',
      savedAt: 1,
      value: '2.this-is-not-lz',
    });
    const store = await Persistence.open(async () => backend);
    expect(store.report).toEqual({ runs: 1, migratedRuns: 1, damaged: 3 });
    expect(store.getRun('ok')!.config.learningRate).toBe(100);
    expect(store.getRun('ok')!.createdAt).toBe(0);
    // The stored experiment link is damaged: the link decoder says so and gives the defaults.
    const experiment = store.loadExperiment()!;
    expect(experiment.state.config).toEqual(DEFAULT_CONFIG);
    expect(experiment.issues[0]).toMatch(/damaged/);
  });

  test('a full storage: the status says so, the app keeps working in memory, earlier saves stay', async () => {
    const backend = fillingBackend(1);
    const store = await Persistence.open(async () => backend);
    let changes = 0;
    store.subscribe(() => changes++);
    const first = store.addRun(run({ name: 'fits' }));
    const second = store.addRun(run({ name: 'does not fit' }));
    await store.flush();
    expect(store.status).toMatchObject({ mode: 'memory', reason: 'quota' });
    expect(changes).toBeGreaterThan(2);
    // Still in this session's memory, renamable, listable.
    expect(
      store
        .listRuns()
        .map((r) => r.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    store.updateRun(second.id, { name: 'renamed' });
    expect(store.getRun(second.id)!.name).toBe('renamed');
    await store.flush();
    // After a reload, what was saved before the disk filled up is there.
    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.listRuns().map((r) => r.name)).toEqual(['fits']);
  });

  test('no storage at all (private mode): opens in memory and says why', async () => {
    const store = await Persistence.open(async () => {
      throw new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      );
    });
    expect(store.status).toMatchObject({ mode: 'memory', reason: 'unavailable' });
    const saved = store.addRun(run());
    store.saveExperiment(emptyLinkState({ ...DEFAULT_CONFIG, epochs: 7 }));
    await store.flush();
    expect(store.getRun(saved.id)).toBeDefined();
    expect(store.loadExperiment()!.state.config.epochs).toBe(7);
  });
});
