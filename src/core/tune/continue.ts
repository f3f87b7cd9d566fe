/**
 * Continuing an imported study with Tunelab's tuners. Only a study of one of Tunelab's objectives
 * can go on (new trials must measure the same thing as the old ones); the journal says which through
 * Tunelab's study attribute, or else its parameter names do. The chosen tuner then starts from the
 * imported trials (see Tuner.addHistory) and new trials append to the same study.
 */
import type { ImportedStudy } from './journal';
import { analyticSpace, OBJECTIVE_IDS, type Objective, type ObjectiveId } from './objectives';
import { checkNetworkSpace, contains, parameterNames, SearchSpaceError, type SearchSpace } from './space';
import { tunerFor } from './study';
import type { Trial, Tuner, TunerKind, TunerOptions } from './tuners';

/**
 * Why a study can only be viewed: neither an attribute nor the parameter names point to a Tunelab
 * objective; it is maximized (Tunelab's objectives are minimized, so it measures something else);
 * or the names match but no finished trial lies inside the objective's space.
 */
export const CONTINUE_ISSUE_CODES = [
  'continue-unknown-objective',
  'continue-maximized',
  'continue-outside-space',
] as const;
export type ContinueIssueCode = (typeof CONTINUE_ISSUE_CODES)[number];

export interface ContinueIssue {
  code: ContinueIssueCode;
  params: { objective?: ObjectiveId; names?: string };
}

export interface ContinuePlan {
  objective: ObjectiveId;
  /** How the objective was recognised: Tunelab's study attribute, or the parameter names. */
  identifiedBy: 'attribute' | 'parameters';
  /** The space new trials are drawn from: the objective's own, or the study's for the network. */
  space: SearchSpace;
  /** The finished trials inside that space, in order: the tuner's history. */
  history: Trial[];
  /** Finished trials left out because a parameter is missing or outside the space. */
  skipped: number;
  /** The seed the study ran with, when Tunelab wrote it. */
  seed: number | null;
}

export type ContinueCheck = { ok: true; plan: ContinuePlan } | { ok: false; issue: ContinueIssue };

const ANALYTIC = ['branin', 'rosenbrock', 'hartmann6'] as const;

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((name, i) => name === [...b].sort()[i]);
}

/** The objective a study was run on, by its attribute or else by its parameter names (null: none of Tunelab's). */
function identify(study: ImportedStudy): { objective: ObjectiveId; by: ContinuePlan['identifiedBy'] } | null {
  const attr = study.userAttrs.tunelab_objective;
  if (typeof attr === 'string' && (OBJECTIVE_IDS as readonly string[]).includes(attr))
    return { objective: attr as ObjectiveId, by: 'attribute' };
  const names = parameterNames(study.space);
  for (const id of ANALYTIC)
    if (sameNames(names, parameterNames(analyticSpace(id)))) return { objective: id, by: 'parameters' };
  try {
    checkNetworkSpace(study.space);
    return { objective: 'network', by: 'parameters' };
  } catch (error) {
    if (error instanceof SearchSpaceError) return null;
    throw error;
  }
}

/** Whether an imported study can be continued, and with what; or why not, as data for the page. */
export function planContinuation(study: ImportedStudy): ContinueCheck {
  const found = identify(study);
  const names = parameterNames(study.space).join(', ');
  if (!found) return { ok: false, issue: { code: 'continue-unknown-objective', params: { names } } };
  if (study.direction === 'maximize')
    return { ok: false, issue: { code: 'continue-maximized', params: { objective: found.objective } } };
  let space: SearchSpace;
  if (found.objective === 'network') {
    try {
      space = checkNetworkSpace(study.space);
    } catch (error) {
      if (!(error instanceof SearchSpaceError)) throw error;
      return { ok: false, issue: { code: 'continue-unknown-objective', params: { names } } };
    }
  } else space = analyticSpace(found.objective);
  const finished = study.trials.filter((t) => t.state !== 'running');
  const inside = (t: Trial) =>
    parameterNames(space).every(
      (name) => t.params[name] !== undefined && contains(space[name]!, t.params[name]!),
    );
  const history = finished.filter(inside).map((t) => ({ ...t, params: { ...t.params } }));
  if (finished.length > 0 && history.length === 0)
    return { ok: false, issue: { code: 'continue-outside-space', params: { objective: found.objective } } };
  const seed = study.userAttrs.tunelab_seed;
  return {
    ok: true,
    plan: {
      objective: found.objective,
      identifiedBy: found.by,
      space,
      history,
      skipped: finished.length - history.length,
      seed: typeof seed === 'number' && Number.isInteger(seed) ? seed : null,
    },
  };
}

/**
 * A tuner for the objective that has already seen `history`, with the trial budget to pass to
 * runStudy so that it runs `more` new trials.
 */
export function continuingTuner(
  kind: TunerKind,
  objective: Objective,
  history: readonly Trial[],
  more: number,
  options: TunerOptions = {},
): { tuner: Tuner; trials: number } {
  const trials = history.length + more;
  const tuner = tunerFor(kind, objective, { ...options, trials });
  tuner.addHistory(history);
  return { tuner, trials: tuner.trials.length + more };
}
