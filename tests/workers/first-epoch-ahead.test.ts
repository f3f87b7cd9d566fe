import { beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/core/config/parameters';
import type { EpochMetrics } from '../../src/core/train/metrics';
import { PopulationTrainer } from '../../src/core/train/population';
import { weightValues } from '../../src/core/lessons/weights';
import { useBackend } from '../../src/core/tf';
import type { TrainerApi, TrainerEvent } from '../../src/workers/protocol';
import {
  createFirstEpochSlot,
  readFirstEpoch,
  type FirstEpochAhead,
} from '../../src/workers/first-epoch-slot';

// The worker module as the page's worker runs it, minus the worker: Comlink hands us its api, and
// the backend is the unit tests' cpu (the numbers being compared all come from the same one).
const exposed = vi.hoisted(() => ({ api: null as unknown }));
vi.mock('comlink', () => ({
  expose: (api: unknown) => void (exposed.api = api),
  transfer: <T>(value: T) => value,
  proxy: <T>(value: T) => value,
}));
vi.mock('../../src/workers/backend', async () => {
  const { useBackend } = await import('../../src/core/tf');
  return { prepareBackend: () => useBackend('cpu').then(() => 'cpu') };
});

interface Worker {
  api: TrainerApi;
  events: TrainerEvent[];
  /** Resolves at the next event of this type. */
  next(type: TrainerEvent['type']): Promise<void>;
}

/** The held epochs each `ahead` event carried, in order (null: a change dropped the one held). */
function heldOf(events: TrainerEvent[]): (Omit<EpochMetrics, 'wallTimeMs'>[] | null)[] {
  return events.flatMap((event) =>
    event.type === 'ahead'
      ? [event.epochs?.map(({ metrics: { wallTimeMs: _, ...rest } }) => rest) ?? null]
      : [],
  );
}

/** Resolves once the worker holds a first epoch again: its latest `ahead` carries one. */
async function held(worker: Worker): Promise<void> {
  for (;;) {
    const last = worker.events.findLast((event) => event.type === 'ahead');
    if (last?.type === 'ahead' && last.epochs) return;
    await worker.next('ahead');
  }
}

/** A fresh worker module: its own run counter, loop and queue. */
async function startWorker(): Promise<Worker> {
  vi.resetModules();
  await import('../../src/workers/trainer.worker');
  const api = exposed.api as TrainerApi;
  const events: TrainerEvent[] = [];
  const waiting: { type: string; resolve: () => void }[] = [];
  api.listen((event) => {
    events.push(event);
    for (const wait of waiting.filter((w) => w.type === event.type)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  });
  return {
    api,
    events,
    next: (type) => new Promise((resolve) => waiting.push({ type, resolve })),
  };
}

/** A short run with dropout, so the shuffle and the dropout masks both matter. */
const CONFIG: ExperimentConfig = { ...DEFAULT_CONFIG, epochs: 4, dropout: 0.2, seed: 7 };
const NO_VIEWS = { boundary: null, network: null };

/** Every epoch's numbers the page was sent (wall time aside: it is the clock's, not the run's). */
function metricsOf(events: TrainerEvent[]): Omit<EpochMetrics, 'wallTimeMs'>[] {
  return events.flatMap((event) =>
    event.type === 'metrics' ? event.epochs.map(({ metrics: { wallTimeMs: _, ...rest } }) => rest) : [],
  );
}

/** Play pressed as the run was built: every epoch trained after Play. */
async function playedAtOnce(config: ExperimentConfig) {
  const worker = await startWorker();
  const ended = worker.next('ended');
  await worker.api.load([config], { ...NO_VIEWS, play: true });
  await ended;
  expect(worker.events.some((event) => event.type === 'ahead')).toBe(false);
  return { metrics: metricsOf(worker.events), weights: await worker.api.weights(0) };
}

beforeAll(async () => {
  // Before any trainer is built: a trainer picks how it adds biases by the backend in use, and
  // tfjs in Node starts its backend only at the first op.
  await useBackend('cpu');
});

beforeEach(() => {
  exposed.api = null;
});

test('the first epoch trained while the page waits is the one Play shows, and the run goes on as if Play came first', async () => {
  const reference = await playedAtOnce(CONFIG);
  expect(reference.metrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);

  const worker = await startWorker();
  const ahead = worker.next('ahead');
  await worker.api.load([CONFIG], NO_VIEWS);
  await ahead;
  // Held, not shown: the page has no epoch yet, and the run's own network is still the untrained one.
  expect(metricsOf(worker.events)).toEqual([]);
  // The page is handed the held epoch's numbers, to show the moment Play is pressed: the run's own.
  expect(heldOf(worker.events)).toEqual([reference.metrics.slice(0, 1)]);
  const untrained = new PopulationTrainer([CONFIG]);
  const initial = weightValues(await untrained.parametersOf(0), untrained.layout);
  untrained.dispose();
  expect(await worker.api.weights(0)).toEqual(initial);

  const ended = worker.next('ended');
  worker.api.play();
  await ended;
  expect(metricsOf(worker.events)).toEqual(reference.metrics);
  expect(await worker.api.weights(0)).toEqual(reference.weights);
});

test('a setting changed before Play drops the held epoch: the run trains with the change from epoch 1', async () => {
  const changed: ExperimentConfig = { ...CONFIG, learningRate: CONFIG.learningRate * 3, l2: 0.001 };
  const reference = await playedAtOnce(changed);

  const worker = await startWorker();
  const ahead = worker.next('ahead');
  await worker.api.load([CONFIG], NO_VIEWS);
  await ahead;
  expect(await worker.api.update(0, { learningRate: changed.learningRate })).toBe(true);
  // A change tells the page at once that the held epoch is gone: it must not show it at Play.
  expect(heldOf(worker.events)[1]).toBeNull();
  expect(await worker.api.update(0, { l2: changed.l2 })).toBe(true);
  expect(heldOf(worker.events).at(-1)).toBeNull();
  await held(worker);
  // The epoch held now is the changed run's first, and says it includes both changes.
  expect(heldOf(worker.events).at(-1)).toEqual(reference.metrics.slice(0, 1));
  const last = worker.events.findLast((event) => event.type === 'ahead');
  expect(last?.type === 'ahead' && last.changes).toBe(2);
  // Step shows the held epoch, as Play would; the loop goes on from it.
  await worker.api.step();
  expect(metricsOf(worker.events)).toEqual(reference.metrics.slice(0, 1));
  const ended = worker.next('ended');
  worker.api.play();
  await ended;
  expect(metricsOf(worker.events)).toEqual(reference.metrics);
  expect(await worker.api.weights(0)).toEqual(reference.weights);
});

test('a weight edited before Play is in the epoch shown, as in the same network trained alone', async () => {
  const edit = { index: 3, value: 0.75 };
  const alone = new PopulationTrainer([CONFIG]);
  await alone.setParameter(0, edit.index, edit.value);
  const expected: Omit<EpochMetrics, 'wallTimeMs'>[] = [];
  while (alone.training) {
    const { wallTimeMs: _, ...rest } = (await alone.trainEpoch())[0]!;
    expected.push(rest);
  }
  const weights = weightValues(await alone.parametersOf(0), alone.layout);
  alone.dispose();

  const worker = await startWorker();
  const ahead = worker.next('ahead');
  await worker.api.load([CONFIG], NO_VIEWS);
  await ahead;
  expect(await worker.api.editParameter(0, edit.index, edit.value)).toBe(true);
  expect(heldOf(worker.events).at(-1)).toBeNull();
  await held(worker);
  expect(heldOf(worker.events).at(-1)).toEqual(expected.slice(0, 1));
  const ended = worker.next('ended');
  worker.api.play();
  await ended;
  expect(metricsOf(worker.events)).toEqual(expected);
  expect(await worker.api.weights(0)).toEqual(weights);
});

test('the memory shared with the page holds each epoch held before the page is told of it, and nothing once it is dropped', async () => {
  const worker = await startWorker();
  const slot = createFirstEpochSlot(true)!;
  worker.api.shareFirstEpochSlot(slot);
  // Each `ahead` event, with what the page would read from the slot the moment the event reached it.
  const seen: { epochs: EpochMetrics[] | null; read: FirstEpochAhead | null }[] = [];
  let onHeld = () => {};
  worker.api.listen((event) => {
    if (event.type !== 'ahead') return;
    seen.push({ epochs: event.epochs?.map((e) => e.metrics) ?? null, read: readFirstEpoch(slot) });
    if (event.epochs) onHeld();
  });
  const nextHeld = () => new Promise<void>((resolve) => (onHeld = resolve));

  let held = nextHeld();
  const run = await worker.api.load([CONFIG], NO_VIEWS);
  await held;
  expect(seen).toHaveLength(1);
  expect(seen[0]!.read).toEqual({ run, changes: 0, metrics: seen[0]!.epochs![0] });

  // A change drops the epoch held: the slot is empty by the time the page hears of it. The epoch
  // trained with the change is there by the time the page hears of that one.
  held = nextHeld();
  expect(await worker.api.update(0, { learningRate: CONFIG.learningRate * 2 })).toBe(true);
  expect(seen[1]).toEqual({ epochs: null, read: null });
  await held;
  expect(seen[2]!.read).toEqual({ run, changes: 1, metrics: seen[2]!.epochs![0] });

  // A new run: the slot never again holds the old run's epoch.
  const next = await worker.api.load([CONFIG], NO_VIEWS);
  expect([null, next]).toContain(readFirstEpoch(slot)?.run ?? null);
});

test("the epoch is held before the untrained network's picture is drawn, and the picture is still epoch 0's", async () => {
  const worker = await startWorker();
  const drawn = worker.next('boundary');
  await worker.api.load([CONFIG], {
    boundary: { members: [0], resolution: 8, perSecond: 10 },
    network: null,
  });
  await drawn;
  const order = worker.events.map((event) => event.type).filter((type) => type !== 'activity');
  // A Play pressed while the run was built waits for the epoch only, not for a forward pass per picture.
  expect(order.slice(0, 3)).toEqual(['loaded', 'ahead', 'boundary']);
  const picture = worker.events.find((event) => event.type === 'boundary');
  expect(picture?.type === 'boundary' && picture.epoch).toBe(0);
});

test('the second epoch waits until the page has taken the first (at most a quarter of a second)', async () => {
  const reference = await playedAtOnce(CONFIG);
  vi.resetModules();
  await import('../../src/workers/trainer.worker');
  const api = exposed.api as TrainerApi;
  const events: TrainerEvent[] = [];
  let showFirst = () => {};
  const firstShown = new Promise<void>((resolve) => (showFirst = resolve));
  let firstTaken: () => void = () => {};
  const firstArrived = new Promise<void>((resolve) => (firstTaken = resolve));
  let ended: () => void = () => {};
  const end = new Promise<void>((resolve) => (ended = resolve));
  // The page's listener, holding the first epoch's delivery until it is "painted".
  api.listen((event) => {
    events.push(event);
    if (event.type === 'ended') ended();
    if (event.type === 'metrics' && metricsOf(events).length === 1) {
      firstTaken();
      return firstShown;
    }
  });
  const ahead = new Promise<void>((resolve) => {
    const wait = setInterval(() => {
      if (events.some((event) => event.type === 'ahead')) resolve(void clearInterval(wait));
    }, 5);
  });
  await api.load([CONFIG], NO_VIEWS);
  await ahead;
  api.play();
  await firstArrived;
  // While the page paints epoch 1, the worker trains nothing more.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(metricsOf(events).map((m) => m.epoch)).toEqual([1]);
  showFirst();
  await end;
  // The wait changed when the epochs came, not what they are.
  expect(metricsOf(events)).toEqual(reference.metrics);

  // A page that never says (a hidden tab draws no frame) holds training a quarter of a second at most.
  vi.resetModules();
  await import('../../src/workers/trainer.worker');
  const stalled = exposed.api as TrainerApi;
  const seen: TrainerEvent[] = [];
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  stalled.listen((event) => {
    seen.push(event);
    if (event.type === 'ended') done();
    return event.type === 'metrics' ? new Promise<void>(() => {}) : undefined;
  });
  await stalled.load([CONFIG], { ...NO_VIEWS, play: true });
  await finished;
  expect(metricsOf(seen)).toEqual(reference.metrics);
}, 30_000);

test("the first epoch's pictures wait until the page has taken the epoch, as the second epoch does", async () => {
  const worker = await startWorker();
  const events = worker.events;
  let showFirst = () => {};
  const firstShown = new Promise<void>((resolve) => (showFirst = resolve));
  let firstTaken = () => {};
  const firstArrived = new Promise<void>((resolve) => (firstTaken = resolve));
  let endRun = () => {};
  const ended = new Promise<void>((resolve) => (endRun = resolve));
  // The page's listener, holding the first epoch's delivery until it is "painted".
  worker.api.listen((event) => {
    events.push(event);
    if (event.type === 'ended') endRun();
    if (event.type === 'metrics' && metricsOf(events).length === 1) {
      firstTaken();
      return firstShown;
    }
  });
  await worker.api.load([CONFIG], {
    boundary: { members: [0], resolution: 8, perSecond: 10 },
    network: { members: [0], resolution: 4, perSecond: 10 },
    play: true,
  });
  await firstArrived;
  await new Promise((resolve) => setTimeout(resolve, 100));
  // While the page paints epoch 1, the worker draws nothing of it.
  const drawnAfterFirst = () =>
    events
      .filter((event) => (event.type === 'boundary' || event.type === 'network') && event.run > 0)
      .filter(
        (event) =>
          (event.type === 'boundary' ? event.epoch : event.type === 'network' ? event.snapshot.epoch : 0) > 0,
      );
  expect(drawnAfterFirst()).toEqual([]);
  showFirst();
  await ended;
  expect(drawnAfterFirst().length).toBeGreaterThan(0);
}, 30_000);

/**
 * Queues `action` as a task, as a message from the page arrives in the worker: it waits behind the
 * epoch trained ahead, which runs as microtasks. The worker's yield is a port message, and Node
 * runs a due timer before a port's message, so the timer is made due before the epoch ends: with a
 * timer alone, a fast epoch's yield sometimes came first.
 */
function queueTask(action: () => void): void {
  setTimeout(action, 0);
  const due = performance.now() + 2;
  while (performance.now() < due);
}

test("a Play that arrives while the first epoch trains ahead is not made to wait for the untrained network's picture", async () => {
  const worker = await startWorker();
  const ahead = worker.next('ahead');
  const ended = worker.next('ended');
  await worker.api.load([CONFIG], {
    boundary: { members: [0], resolution: 8, perSecond: 10 },
    network: null,
  });
  // As the page's message does: Play waits in the worker's task queue while the epoch trains ahead
  // (one long run of microtasks).
  queueTask(() => worker.api.play());
  await ahead;
  await ended;
  const pictures = worker.events.filter((event) => event.type === 'boundary');
  const firstMetrics = worker.events.findIndex((event) => event.type === 'metrics');
  // Play came first: the page's first picture is of the epoch it shows, after it, not epoch 0's.
  expect(worker.events.findIndex((event) => event.type === 'boundary')).toBeGreaterThan(firstMetrics);
  expect(pictures.every((event) => event.type === 'boundary' && event.epoch > 0)).toBe(true);
});

test('a load that arrives while the first epoch trains ahead skips the pictures of the run it replaces', async () => {
  const worker = await startWorker();
  const views = { boundary: { members: [0], resolution: 8, perSecond: 10 }, network: null };
  const replaced = await worker.api.load([CONFIG], views);
  // As the page's message does: the new load waits in the worker's task queue while the epoch trains ahead.
  const newer = new Promise<number>((resolve) =>
    queueTask(() => resolve(worker.api.load([{ ...CONFIG, seed: 8 }], views))),
  );
  const number = await newer;
  while (!worker.events.some((event) => event.type === 'boundary' && event.run === number))
    await new Promise((resolve) => setTimeout(resolve, 5));
  expect(number).toBeGreaterThan(replaced);
  expect(worker.events.filter((event) => event.type === 'boundary' && event.run === replaced)).toEqual([]);
});

/** The epochs the worker's warm-up trained (warm-up.ts), once it has ended. */
async function warmUpEnded(): Promise<number> {
  for (;;) {
    const mark = performance.getEntriesByName('tunelab:warm-up-ended').at(-1) as PerformanceMark | undefined;
    if (mark) return (mark.detail as { epochs: number }).epochs;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a worker that warmed up before the page asked trains the same numbers as one asked at once', async () => {
  performance.clearMarks('tunelab:warm-up-ended');
  const reference = await playedAtOnce(CONFIG);
  // Asked before its first yield, the reference's worker trained nothing to warm up.
  expect(await warmUpEnded()).toBe(0);

  performance.clearMarks('tunelab:warm-up-ended');
  const worker = await startWorker();
  // Nobody asks: the warm-up trains throwaway epochs until its budget is spent.
  expect(await warmUpEnded()).toBeGreaterThan(0);
  const ended = worker.next('ended');
  await worker.api.load([CONFIG], { ...NO_VIEWS, play: true });
  await ended;
  expect(metricsOf(worker.events)).toEqual(reference.metrics);
  expect(await worker.api.weights(0)).toEqual(reference.weights);
});
