/**
 * Compare's landscapes: every lane's path on one shared plane (for the lessons about the optimizer's
 * walk) and one lane's own landscape. Both are drawn from the paths the lanes' workers reported when
 * the lanes paused or ended, evaluated on a worker of the lanes' pool. No React here.
 */
import { RESTART_KEYS, type ExperimentConfig } from '../../core/config/parameters';
import type { LaneState } from '../../store/compare';
import { useLaneLandscapes, type LanePicture, type PlaneChoice } from '../../store/landscape';
import { withEngineWorker } from '../compare/session';

/** The lessons whose lanes differ only in how they walk: their paths share one surface. */
export const PATH_LESSONS: readonly string[] = ['learning-rate', 'optimizers', 'adam', 'batch-size'];

const RESOLUTION = 41;

/**
 * What the training loss surface depends on: the data and the network, not the optimizer, its
 * rate or the batch size. Lanes with the same key walk on the same surface.
 */
export function surfaceKey(config: ExperimentConfig): string {
  return JSON.stringify(RESTART_KEYS.filter((key) => key !== 'batchSize').map((key) => config[key]));
}

export const isMoving = (lane: LaneState) =>
  lane.status === 'training' || lane.status === 'loading' || lane.status === 'queued';

/** A request's key: the lanes and the versions of their paths (a new path is a new picture). */
function pathsKey(lanes: readonly LaneState[], extra = ''): string {
  const { versions } = useLaneLandscapes.getState();
  return `${lanes.map((lane) => `${lane.id}.${versions[lane.id] ?? 0}`).join(',')}${extra}`;
}

async function draw<T>(slot: 'shared' | 'lane', key: string, compute: () => Promise<T>): Promise<void> {
  const current = useLaneLandscapes.getState()[slot] as LanePicture<T> | null;
  if (current?.key === key) return;
  // The old picture stays up while the new one is computed.
  const set = (picture: LanePicture<T>) => useLaneLandscapes.setState({ [slot]: picture });
  set({ key, phase: 'computing', picture: current?.picture ?? null });
  try {
    const picture = await compute();
    if ((useLaneLandscapes.getState()[slot] as LanePicture<T> | null)?.key === key)
      set({ key, phase: 'done', picture });
  } catch {
    if ((useLaneLandscapes.getState()[slot] as LanePicture<T> | null)?.key === key)
      set({ key, phase: 'failed', picture: null });
  }
}

/** Draws every lane's path on one plane, once each lane has a path and none is training. */
export function drawSharedPaths(lanes: readonly LaneState[]): void {
  const { trajectories } = useLaneLandscapes.getState();
  const paths = lanes.map((lane) => trajectories[lane.id]);
  if (lanes.length === 0 || lanes.some(isMoving) || paths.some((path) => !path)) return;
  const config = lanes[0]!.config;
  void draw('shared', pathsKey(lanes), () =>
    withEngineWorker((client) =>
      client.sharedLandscape(config, paths as Float32Array[][], { resolution: RESOLUTION }),
    ),
  );
}

/** Draws one lane's landscape around its last weights, with its path. */
export function drawLaneLandscape(lane: LaneState, plane: PlaneChoice): void {
  const trajectory = useLaneLandscapes.getState().trajectories[lane.id];
  if (!trajectory) return;
  void draw('lane', pathsKey([lane], `/${plane}`), () =>
    withEngineWorker((client) =>
      client.laneLandscape(lane.config, trajectory, { plane, resolution: RESOLUTION }),
    ),
  );
}
