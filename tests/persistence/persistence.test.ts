import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type EpochMetrics, type RunSummary } from '../../src/core';
import { emptyLinkState } from '../../src/core/link';
import { memoryBackend, type StorageBackend } from '../../src/store/persistence/backend';
import { exportExperiment, experimentToJson, importExperiment } from '../../src/core/export/experiment';
import {
  DEFAULT_RUN_CAP,
  Persistence,
  type ChangeChannel,
  type NewRun,
} from '../../src/store/persistence/persistence';
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

  test('finding 3: beyond the limit nothing is deleted unasked; History gets the oldest unpinned runs to offer', async () => {
    const backend = memoryBackend();
    const store = await Persistence.open(async () => backend);
    expect(store.runCap).toBe(DEFAULT_RUN_CAP);
    const pinned = store.addRun(run({ name: 'pinned', createdAt: 0, pinned: true }));
    for (let i = 1; i <= DEFAULT_RUN_CAP + 50; i++) store.addRun(run({ name: `run ${i}`, createdAt: i }));
    expect(store.listRuns().length).toBe(DEFAULT_RUN_CAP + 51);
    const over = store.runsOverCap();
    expect(over.map((r) => r.name)).toEqual(Array.from({ length: 50 }, (_, i) => `run ${50 - i}`));
    expect(over.map((r) => r.id)).not.toContain(pinned.id);
    store.setRunCap(200);
    expect(store.runsOverCap()).toEqual([]);
    store.setRunCap(null);
    await store.flush();
    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.listRuns().length).toBe(DEFAULT_RUN_CAP + 51);
    expect(reloaded.runCap).toBe(null);
  });

  test('deleting the oldest runs is one storage transaction, so a reload right after finds them gone', async () => {
    const inner = memoryBackend();
    const batches: number[] = [];
    const backend: StorageBackend = {
      ...inner,
      async deleteMany(store, keys) {
        batches.push(keys.length);
        await inner.deleteMany(store, keys);
      },
    };
    const store = await Persistence.open(async () => backend);
    for (let i = 1; i <= 130; i++) store.addRun(run({ name: `run ${i}`, createdAt: i }));
    store.setRunCap(25);
    store.deleteRuns(store.runsOverCap().map((r) => r.id));
    expect(store.listRuns()).toHaveLength(25);
    await store.flush();
    expect(batches).toEqual([105]);
    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.listRuns().map((r) => r.name)).toEqual(
      Array.from({ length: 25 }, (_, i) => `run ${130 - i}`),
    );
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

  test('finding 1: a run whose loss became NaN or Infinity survives a reload, and an export and import', async () => {
    const backend = memoryBackend();
    const store = await Persistence.open(async () => backend);
    const diverged = [
      ...curve(2),
      { ...curve(3)[2]!, trainLoss: Number.POSITIVE_INFINITY, validationLoss: Number.NaN },
    ];
    const saved = store.addRun(
      run({
        status: 'diverged',
        history: diverged,
        summary: {
          ...summary,
          status: 'diverged',
          finalTrainLoss: Number.POSITIVE_INFINITY,
          finalValidationLoss: Number.NaN,
          divergedAtEpoch: 3,
        },
      }),
    );
    await store.flush();
    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.report.damaged).toBe(0);
    const back = reloaded.getRun(saved.id)!;
    expect(back.history[2]!.trainLoss).toBe(Number.POSITIVE_INFINITY);
    expect(back.history[2]!.validationLoss).toBeNaN();
    expect(back.summary!.finalValidationLoss).toBeNaN();

    const file = experimentToJson(
      exportExperiment({ state: emptyLinkState(back.config), name: back.name, results: back }),
    );
    const imported = importExperiment(file);
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.issues).toEqual([]);
    expect(imported.results!.history[2]!.trainLoss).toBe(Number.POSITIVE_INFINITY);
    expect(imported.results!.history[2]!.validationLoss).toBeNaN();
    expect(imported.results!.summary!.finalTrainLoss).toBe(Number.POSITIVE_INFINITY);
  });

  test('finding 2: an imported experiment with a 250-character name is still there after a reload', async () => {
    const backend = memoryBackend();
    const store = await Persistence.open(async () => backend);
    const name = 'n'.repeat(250);
    const imported = importExperiment(
      experimentToJson(
        exportExperiment({
          state: emptyLinkState(DEFAULT_CONFIG),
          name,
          results: { summary, history: curve(3) },
        }),
      ),
    );
    if (!imported.ok) throw new Error(imported.message);
    const added = store.addRun({ ...run(), name: imported.name });
    await store.flush();
    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.report.damaged).toBe(0);
    expect(reloaded.getRun(added.id)!.name).toBe(imported.name);
    expect(imported.name.startsWith('n'.repeat(100))).toBe(true);
  });

  test('finding 4: a rename in one tab and a pin in another both survive; a deletion stays deleted', async () => {
    const backend = memoryBackend();
    const first = await Persistence.open(async () => backend);
    const kept = first.addRun(run({ name: 'kept' }));
    const gone = first.addRun(run({ name: 'gone' }));
    await first.flush();
    // A second tab, opened before the first tab's changes, holds stale copies.
    const second = await Persistence.open(async () => backend);
    first.updateRun(kept.id, { name: 'renamed in tab A' });
    first.deleteRun(gone.id);
    await first.flush();
    second.updateRun(kept.id, { pinned: true });
    second.updateRun(gone.id, { name: 'renamed in tab B' });
    await second.flush();
    expect(second.getRun(gone.id)).toBeUndefined();
    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.listRuns().map((r) => [r.name, r.pinned])).toEqual([['renamed in tab A', true]]);
  });

  test('finding 4: the other tabs hear of each change and show it without a reload', async () => {
    const backend = memoryBackend();
    const hub = new Set<ChangeChannel>();
    const channel = (): ChangeChannel => {
      const self: ChangeChannel = {
        onmessage: null,
        postMessage: (data) =>
          hub.forEach((other) => other !== self && queueMicrotask(() => other.onmessage?.({ data }))),
        close: () => hub.delete(self),
      };
      hub.add(self);
      return self;
    };
    const first = await Persistence.open(async () => backend, { channel: channel() });
    const second = await Persistence.open(async () => backend, { channel: channel() });
    let heard = 0;
    second.subscribe(() => heard++);
    const added = first.addRun(run({ name: 'from tab A' }));
    await first.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await second.flush();
    expect(second.getRun(added.id)?.name).toBe('from tab A');
    first.deleteRun(added.id);
    await first.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await second.flush();
    expect(second.getRun(added.id)).toBeUndefined();
    expect(heard).toBeGreaterThanOrEqual(2);
  });

  test('finding 4: after the storage fills up, deleting a run still deletes it for the next visit', async () => {
    const backend = fillingBackend(2);
    const store = await Persistence.open(async () => backend);
    const old = store.addRun(run({ name: 'old' }));
    store.addRun(run({ name: 'newer' }));
    store.addRun(run({ name: 'does not fit' }));
    await store.flush();
    expect(store.status).toMatchObject({ mode: 'memory', reason: 'quota' });
    store.deleteRun(old.id);
    await store.flush();
    const reloaded = await Persistence.open(async () => backend);
    expect(reloaded.listRuns().map((r) => r.name)).toEqual(['newer']);
  });

  test('finding 5: a database at a newer version than this page says to reload, not "private browsing"', async () => {
    const store = await Persistence.open(async () => {
      throw new DOMException(
        'The requested version (1) is less than the existing version (2).',
        'VersionError',
      );
    });
    expect(store.status).toMatchObject({ mode: 'memory', reason: 'newer' });
  });
});
