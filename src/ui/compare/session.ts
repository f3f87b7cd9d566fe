/**
 * Drives the Compare page's lanes: it groups lanes that can share a population (same data and
 * architecture) into one worker, takes workers from a pool sized to the machine, and turns the
 * workers' events into the compare store and one plane store per lane. Components only call
 * these functions and read the stores.
 */
import { populationKey, type ExperimentConfig } from '../../core/config/parameters';
import {
  getLesson,
  isLessonId,
  lessonLanes,
  MAX_LANES,
  MIN_LANES,
  type Lane,
} from '../../core/lessons/lanes';
import type { Localized } from '../../core/lessons/names';
import { decodeLink, emptyLinkState, encodeLink, type LinkIssue } from '../../core/link/codec';
import type { EpochMetrics } from '../../core/train/metrics';
import { create } from 'zustand';
import { createPlaneStore, type PlaneStore } from '../../store/plane';
import { createNetworkStore, type NetworkStore } from '../../store/network';
import {
  appendLaneMetrics,
  ENDED_STATUSES,
  laneById,
  newLane,
  updateLane,
  useCompare,
  type LaneState,
} from '../../store/compare';
import { setLaneTrajectory } from '../../store/landscape';
import { TrainerPool, type PooledTrainer } from '../../workers/pool';
import { laneName } from '../history/runName';
import { epochsPerSecond } from '../../core/train/pace';
import { adoptLinkedPace, linkedPace, useUi } from '../../store/ui';
import type { TrainerClient, TrainerEvent, TrainerListener } from '../../workers/trainer-client';

/** Lanes opened without a link: the lesson teachers reach for first. */
export const DEFAULT_LESSON = 'overfitting';
const BOUNDARY = { resolution: 32, perSecond: 4 };
/** The lane card's small network: coarse heatmaps, refreshed as often as its boundary. */
const NETWORK_VIEW = { resolution: 16, perSecond: 4 };

interface Group {
  /** Lane ids by member index in the worker's population. */
  lanes: number[];
  pooled: PooledTrainer | null;
  listener: TrainerListener;
  /** Weight reads on their way: the worker is not given back before they arrive. */
  reading: number;
  /** Lanes that were reset or removed while their worker trained on: their events are ignored. */
  detached: Set<number>;
  closed: boolean;
}

let pool: TrainerPool | null = null;
const groups: Group[] = [];
const planes = new Map<number, PlaneStore>();
const networks = new Map<number, NetworkStore>();

let followingPace = false;
/**
 * Each lane's weights (biases left out) as its worker holds them, read when the lane pauses or
 * ends: the histograms show the lanes' real parameters.
 */
export const useLaneWeights = create<Record<number, Float32Array>>()(() => ({}));

function setLaneWeights(laneId: number, weights: Float32Array | null): void {
  useLaneWeights.setState((state) => {
    const next = { ...state };
    if (weights) next[laneId] = weights;
    else delete next[laneId];
    return next;
  }, true);
}

function thePool(): TrainerPool {
  pool ??= new TrainerPool();
  if (!followingPace) {
    followingPace = true;
    // Every lane's worker trains at the page's pace, and follows it when it changes.
    useUi.subscribe((state, previous) => {
      if (state.pace === previous.pace) return;
      for (const group of groups) void group.pooled?.client.setPace(epochsPerSecond(state.pace));
    });
  }
  return pool;
}

/** Trains the lanes on `next`'s workers from now on (tests hand in a pool of fake workers). */
export function setTrainerPool(next: TrainerPool): void {
  pool = next;
}

/** The decision-boundary store of a lane (made on first use). */
export function planeOf(laneId: number): PlaneStore {
  let plane = planes.get(laneId);
  if (!plane) {
    plane = createPlaneStore();
    planes.set(laneId, plane);
  }
  return plane;
}

/** The network-view store of a lane (made on first use). */
export function networkOf(laneId: number): NetworkStore {
  let network = networks.get(laneId);
  if (!network) {
    network = createNetworkStore();
    networks.set(laneId, network);
  }
  return network;
}

function groupOf(laneId: number): { group: Group; member: number } | null {
  for (const group of groups) {
    const member = group.lanes.indexOf(laneId);
    if (member >= 0 && !group.detached.has(laneId) && !group.closed) return { group, member };
  }
  return null;
}

const isEnded = (lane: LaneState | undefined) => !lane || ENDED_STATUSES.includes(lane.status);

async function closeGroup(group: Group): Promise<void> {
  if (group.closed) return;
  group.closed = true;
  groups.splice(groups.indexOf(group), 1);
  if (group.pooled) await group.pooled.release();
  else pool?.cancelWaiting(group.listener);
}

/** A worker is given back as soon as none of its lanes can train any more (paused ones can). */
function releaseIfDone(group: Group): void {
  if (group.reading > 0) return;
  const live = group.lanes.filter((id) => !group.detached.has(id) && !isEnded(laneById(id)));
  if (live.length === 0) void closeGroup(group);
}

/** Reads a lane's weights from its worker; the worker's queue orders this after the epoch in flight. */
async function readWeights(group: Group, member: number, laneId: number): Promise<void> {
  if (!group.pooled || group.closed) return;
  group.reading += 1;
  try {
    const weights = await group.pooled.client.weights(member);
    if (!group.detached.has(laneId) && weights.length > 0) setLaneWeights(laneId, weights);
  } catch {
    // A worker that went away takes the lane with it; its error event says so.
  } finally {
    group.reading -= 1;
    releaseIfDone(group);
  }
}

/** Reads a lane's path for its landscapes, before its worker goes away (as `readWeights`). */
async function readTrajectory(group: Group, member: number, laneId: number): Promise<void> {
  if (!group.pooled || group.closed) return;
  group.reading += 1;
  try {
    const trajectory = await group.pooled.client.trajectory(member);
    if (!group.detached.has(laneId) && trajectory.length > 0) setLaneTrajectory(laneId, trajectory);
  } catch {
    // As in readWeights: the lane's own error event tells.
  } finally {
    group.reading -= 1;
    releaseIfDone(group);
  }
}

/**
 * The worker the landscapes are evaluated on: one of the lanes' pool, so it never crowds out their
 * training, kept for a while after its last task (a worker's start costs more than a picture) and
 * given back at once when lanes want to start.
 */
interface Evaluator {
  pooled: Promise<PooledTrainer>;
  tasks: number;
  idle: ReturnType<typeof setTimeout> | null;
}
let evaluator: Evaluator | null = null;
const EVALUATOR_IDLE_MS = 20_000;

function retireEvaluator(): void {
  const retiring = evaluator;
  if (!retiring || retiring.tasks > 0) return;
  evaluator = null;
  if (retiring.idle) clearTimeout(retiring.idle);
  void retiring.pooled.then((pooled) => pooled.release()).catch(() => undefined);
}

/** Runs `task` on the evaluating worker (see `Evaluator`), waiting for a free slot of the pool. */
export async function withEngineWorker<T>(task: (client: TrainerClient) => Promise<T>): Promise<T> {
  evaluator ??= { pooled: thePool().acquire(() => undefined), tasks: 0, idle: null };
  const mine = evaluator;
  if (mine.idle) clearTimeout(mine.idle);
  mine.idle = null;
  mine.tasks += 1;
  try {
    return await task((await mine.pooled).client);
  } catch (error) {
    // A worker that failed or never came is not used again.
    if (evaluator === mine) evaluator = null;
    void mine.pooled.then((pooled) => pooled.release()).catch(() => undefined);
    throw error;
  } finally {
    mine.tasks -= 1;
    if (mine.tasks === 0 && evaluator === mine) mine.idle = setTimeout(retireEvaluator, EVALUATOR_IDLE_MS);
  }
}

function onEvent(group: Group, event: TrainerEvent): void {
  if (group.closed) return;
  const laneAt = (member: number): number | null => {
    const id = group.lanes[member];
    return id === undefined || group.detached.has(id) ? null : id;
  };
  switch (event.type) {
    case 'loaded':
      group.lanes.forEach((id, member) => {
        if (laneAt(member) === null) return;
        planeOf(id).setState({ dataset: event.dataset, boundary: null });
        updateLane(id, { status: 'training' });
      });
      break;
    case 'metrics': {
      const batches = new Map<number, EpochMetrics[]>();
      for (const { member, metrics } of event.epochs) {
        const id = laneAt(member);
        if (id === null) continue;
        if (!batches.has(id)) batches.set(id, []);
        batches.get(id)!.push(metrics);
      }
      appendLaneMetrics(batches);
      break;
    }
    case 'boundary': {
      const id = laneAt(event.member);
      if (id !== null)
        planeOf(id).setState({
          boundary: {
            epoch: event.epoch,
            resolution: event.resolution,
            outputs: event.outputs,
            values: event.values,
          },
        });
      break;
    }
    case 'network': {
      const id = laneAt(event.member);
      if (id !== null) networkOf(id).setState({ snapshot: event.snapshot });
      break;
    }
    case 'ended': {
      const id = laneAt(event.member);
      if (id === null) break;
      updateLane(id, { status: event.summary.status, summary: event.summary });
      void readWeights(group, event.member, id);
      void readTrajectory(group, event.member, id);
      break;
    }
    case 'paused': {
      const id = laneAt(event.member);
      if (id === null || laneById(id)?.status !== 'training') break;
      updateLane(id, { status: 'paused' });
      void readWeights(group, event.member, id);
      void readTrajectory(group, event.member, id);
      break;
    }
    case 'revived': {
      const id = laneAt(event.member);
      if (id !== null) updateLane(id, { status: 'training' });
      break;
    }
    case 'activity':
      // Lanes pause and resume one by one (pauseLane, resumeLanes): the worker's loop stopping
      // only means every lane it holds is paused or ended.
      break;
    case 'error':
      group.lanes.forEach((id, member) => {
        if (laneAt(member) !== null) updateLane(id, { status: 'failed', error: event.message });
      });
      void closeGroup(group);
      break;
  }
}

/** Starts lanes that have not trained yet, one worker per population they can share. */
function startLanes(laneIds: number[]): void {
  // Lanes come first: an idle landscape worker gives its slot back.
  retireEvaluator();
  const byPopulation = new Map<string, number[]>();
  for (const id of laneIds) {
    const lane = laneById(id);
    if (!lane) continue;
    const key = populationKey(lane.config);
    byPopulation.set(key, [...(byPopulation.get(key) ?? []), id]);
  }
  for (const ids of byPopulation.values()) {
    const group: Group = {
      lanes: ids,
      pooled: null,
      listener: () => undefined,
      reading: 0,
      detached: new Set(),
      closed: false,
    };
    group.listener = (event) => onEvent(group, event);
    groups.push(group);
    for (const id of ids) updateLane(id, { status: 'queued', error: null });
    thePool()
      .acquire(group.listener)
      .then(async (pooled) => {
        if (group.closed) return pooled.release();
        group.pooled = pooled;
        await pooled.client.setPace(epochsPerSecond(useUi.getState().pace));
        const live = ids.filter((id) => !group.detached.has(id));
        for (const id of live) updateLane(id, { status: 'loading' });
        const configs = ids.map((id) => laneById(id)?.config ?? useCompare.getState().base);
        await pooled.client.load(configs, {
          boundary: { ...BOUNDARY, members: configs.map((_, member) => member) },
          network: { ...NETWORK_VIEW, members: configs.map((_, member) => member) },
          play: true,
        });
      })
      .catch((error: unknown) => {
        if (group.closed) return;
        for (const id of ids)
          if (!group.detached.has(id))
            updateLane(id, {
              status: 'failed',
              error: error instanceof Error ? error.message : String(error),
            });
        void closeGroup(group);
      });
  }
}

/** Resumes paused lanes: each goes on from exactly where it paused, the others stay as they are. */
async function resumeLanes(laneIds: readonly number[]): Promise<void> {
  const byGroup = new Map<Group, number[]>();
  for (const id of laneIds) {
    const found = groupOf(id);
    if (found?.group.pooled) byGroup.set(found.group, [...(byGroup.get(found.group) ?? []), found.member]);
  }
  await Promise.all(
    [...byGroup].map(async ([group, members]) => {
      const client = group.pooled!.client;
      for (const member of members) {
        const id = group.lanes[member]!;
        if (laneById(id)?.status !== 'paused') continue;
        await client.setPaused(member, false);
        setLaneWeights(id, null);
        setLaneTrajectory(id, null);
        updateLane(id, { status: 'training' });
      }
      await client.play();
    }),
  );
}

/**
 * Step: every paused lane trains one more epoch, all in step, and stays paused, so a teacher can
 * walk a comparison epoch by epoch. Only while nothing trains (the worker's step pauses its loop).
 */
export async function stepAll(): Promise<void> {
  const lanes = useCompare.getState().lanes;
  if (lanes.some((lane) => lane.status === 'training')) return;
  const byGroup = new Map<Group, number[]>();
  for (const lane of lanes) {
    if (lane.status !== 'paused') continue;
    const found = groupOf(lane.id);
    if (found?.group.pooled) byGroup.set(found.group, [...(byGroup.get(found.group) ?? []), found.member]);
  }
  await Promise.all(
    [...byGroup].map(async ([group, members]) => {
      const client = group.pooled!.client;
      for (const member of members) await client.setPaused(member, false);
      await client.step();
      for (const member of members) await client.setPaused(member, true);
      // Still paused, so no 'paused' event: the paths grew by a step all the same.
      for (const member of members) void readTrajectory(group, member, group.lanes[member]!);
    }),
  );
}

export function playLane(laneId: number): void {
  const lane = laneById(laneId);
  if (!lane) return;
  if (lane.status === 'idle') startLanes([laneId]);
  else if (lane.status === 'paused') void resumeLanes([laneId]);
}

export function pauseLane(laneId: number): void {
  const found = groupOf(laneId);
  if (!found?.group.pooled || laneById(laneId)?.status !== 'training') return;
  const { group, member } = found;
  // The others in the worker train on; the worker's loop stops by itself once all are paused.
  // The lane shows as paused when the worker says so, after the last epoch it trained.
  void group.pooled!.client.setPaused(member, true);
}

export function playAll(): void {
  const lanes = useCompare.getState().lanes;
  startLanes(lanes.filter((lane) => lane.status === 'idle').map((lane) => lane.id));
  void resumeLanes(lanes.filter((lane) => lane.status === 'paused').map((lane) => lane.id));
}

export function pauseAll(): void {
  for (const lane of useCompare.getState().lanes) pauseLane(lane.id);
}

function clearLane(laneId: number, changes: Partial<LaneState> = {}): void {
  const found = groupOf(laneId);
  if (found) {
    const { group, member } = found;
    group.detached.add(laneId);
    void group.pooled?.client.cancel(member);
    releaseIfDone(group);
  }
  planeOf(laneId).setState({ dataset: null, boundary: null });
  networkOf(laneId).setState({ snapshot: null });
  setLaneWeights(laneId, null);
  setLaneTrajectory(laneId, null);
  updateLane(laneId, { status: 'idle', history: [], summary: null, error: null, ...changes });
}

export function resetLane(laneId: number): void {
  clearLane(laneId);
}

export async function resetAll(): Promise<void> {
  await Promise.all([...groups].map(closeGroup));
  clearLanes();
}

function clearLanes(): void {
  for (const lane of useCompare.getState().lanes) clearLane(lane.id);
}

/** A lane's name from what it changed: "learning rate 0.1", or "base" when it changed nothing. */
export function describeLane(base: ExperimentConfig, config: ExperimentConfig): Localized {
  return laneName(base, config);
}

/** Changes a lane's experiment; the lane starts over (its old curves no longer describe it). */
export function setLaneConfig(laneId: number, config: ExperimentConfig): void {
  clearLane(laneId, { config, label: describeLane(useCompare.getState().base, config) });
}

export function addLane(): void {
  const { lanes, base } = useCompare.getState();
  if (lanes.length >= MAX_LANES) return;
  useCompare.setState({ lanes: [...lanes, newLane(describeLane(base, base), structuredClone(base))] });
}

export function removeLane(laneId: number): void {
  const { lanes } = useCompare.getState();
  if (lanes.length <= MIN_LANES) return;
  clearLane(laneId);
  planes.delete(laneId);
  networks.delete(laneId);
  useCompare.setState({ lanes: useCompare.getState().lanes.filter((lane) => lane.id !== laneId) });
}

/** Replaces the whole comparison (a lesson, a sweep, a link). */
export async function loadLanes(
  base: ExperimentConfig,
  lanes: readonly Lane[],
  lessonId: string | null,
  issues: LinkIssue[] = [],
): Promise<void> {
  // No worker to give back (the page was just opened): the lanes are in the store when this
  // returns, so the page can draw the lesson in its first frame.
  if (groups.length > 0) await resetAll();
  else clearLanes();
  planes.clear();
  networks.clear();
  useCompare.setState({
    base,
    lessonId,
    issues,
    lanes: lanes.slice(0, MAX_LANES).map((lane) => newLane(lane.label, lane.config)),
  });
}

export function loadLesson(lessonId: string): Promise<void> {
  return loadLanes(getLesson(lessonId).base, lessonLanes(lessonId), lessonId);
}

/** The link payload of the comparison as it stands: base, every lane, and the lesson. */
export function comparisonPayload(): string {
  const { base, lanes, lessonId } = useCompare.getState();
  const pace = linkedPace();
  return encodeLink({
    config: base,
    lanes: lanes.map((lane) => lane.config),
    lesson: lessonId,
    hidden: [],
    locked: [],
    ...(pace ? { pace } : {}),
  });
}

/**
 * Opens a comparison link; never throws: problems become messages for the page's alert. When no
 * lane holds a worker (the page was just opened) the store holds the comparison as soon as this
 * returns (`opensAtOnce`), without waiting for the promise.
 */
export async function openPayload(payload: string): Promise<void> {
  if (payload === '') return loadLesson(DEFAULT_LESSON);
  const { state, problems: issues } = decodeLink(payload);
  adoptLinkedPace(state.pace);
  // A link that could not be read at all still opens something worth looking at: the default lesson.
  if (
    issues.length > 0 &&
    state.lanes.length === 0 &&
    state.lesson === null &&
    JSON.stringify(state.config) === JSON.stringify(emptyLinkState().config)
  ) {
    return loadLanes(getLesson(DEFAULT_LESSON).base, lessonLanes(DEFAULT_LESSON), DEFAULT_LESSON, issues);
  }
  let lessonId = state.lesson;
  if (lessonId !== null && !isLessonId(lessonId)) {
    issues.push({
      code: 'unknown-lesson',
      params: { name: lessonId },
      message: `There is no lesson called "${lessonId}"; the comparison was opened without it.`,
    });
    lessonId = null;
  }
  const lessonLabels = lessonId ? lessonLanes(lessonId) : [];
  let lanes: Lane[];
  if (state.lanes.length >= MIN_LANES) {
    lanes = state.lanes.map((config) => {
      // A lesson's lane keeps its name when only the budget changed (a teacher giving every lane more epochs).
      const same = lessonLabels.find(
        (lane) => JSON.stringify({ ...lane.config, epochs: 0 }) === JSON.stringify({ ...config, epochs: 0 }),
      );
      return { label: same?.label ?? describeLane(state.config, config), config };
    });
  } else if (lessonId) {
    return loadLanes(getLesson(lessonId).base, lessonLanes(lessonId), lessonId, issues);
  } else {
    lanes = [
      ...state.lanes,
      ...Array.from({ length: MIN_LANES - state.lanes.length }, () => state.config),
    ].map((config) => ({
      label: describeLane(state.config, config),
      config: structuredClone(config),
    }));
  }
  return loadLanes(state.config, lanes, lessonId, issues);
}

/** Whether `openPayload` would fill the store before it returns: no worker has to be given back first. */
export function opensAtOnce(): boolean {
  return groups.length === 0;
}

/** Ends every worker (leaving the page). */
export async function closeSession(): Promise<void> {
  await resetAll();
  if (evaluator) evaluator.tasks = 0;
  retireEvaluator();
  pool?.close();
  pool = null;
}
