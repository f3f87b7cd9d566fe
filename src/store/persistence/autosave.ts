import { emptyLinkState, encodeLink } from '../../core/link';
import { replaceExperiment, useExperiment } from '../experiment';
import { useMetrics } from '../metrics';
import { ENDED_STATUSES, useCompare, type LaneState } from '../compare';
import { useLanguage } from '../../i18n/language';
import { replacePayload, useRoute } from '../route';
import { useRun } from '../run';
import { dataNoteOf, useCustomData } from './custom-data';
import { savedWorkIfOpen, savedWorkOnceOpen } from './saved';
import type { Persistence } from './persistence';
import type { RunRecord } from './records';

/**
 * Keeps the playground's work saved as the user works: every finished run goes to the history,
 * the experiment being edited is saved shortly after each change, and on a fresh visit (no link
 * in the address) the last experiment comes back. Only subscribes to the playground's stores;
 * it changes nothing in how the playground runs.
 */
const SAVE_DELAY_MS = 400;

let started = false;

export const COMPARISON_KEY = 'comparison';

/** The comparison as a share-link payload: base, lanes and lesson (what its address bar holds). */
function comparisonLink(): string | null {
  const { base, lanes, lessonId } = useCompare.getState();
  if (lanes.length === 0) return null;
  return encodeLink({ ...emptyLinkState(base), lanes: lanes.map((lane) => lane.config), lesson: lessonId });
}

export function startAutosave(): void {
  if (started) return;
  started = true;
  const openedWithLink = useRoute.getState().payload !== '';
  const openedOn = useRoute.getState().page;
  let userChanged = false;
  // Everything below waits for the saved work to open, and none of it opens it: a visit that
  // opened a link needs nothing saved for its first screen, and src/ui/data/setup.ts opens it
  // once that screen has trained its first epoch. What happens before then is saved once it opens.
  const whenOpen = (task: (persistence: Persistence) => void) => void savedWorkOnceOpen().then(task);

  let lastComparison: string | null = null;
  whenOpen((persistence) => {
    // Restore only if nothing has been chosen since the page opened: a link or a slider move wins.
    const saved = persistence.loadExperiment();
    if (saved && !openedWithLink && !userChanged && saved.issues.length === 0) {
      replaceExperiment({
        config: saved.state.config,
        hidden: saved.state.hidden,
        locked: saved.state.locked,
      });
    }
    // Comparison lanes: a bare #compare (no link) reopens the last ones.
    const savedComparison = persistence.loadDocument(COMPARISON_KEY);
    if (
      openedOn === 'compare' &&
      !openedWithLink &&
      typeof savedComparison === 'string' &&
      useRoute.getState().payload === ''
    ) {
      replacePayload('compare', savedComparison);
    }
    if (typeof savedComparison === 'string') lastComparison = savedComparison;
  });

  const experimentNow = () => {
    const state = useExperiment.getState();
    return { ...emptyLinkState(state.config), hidden: state.hidden, locked: state.locked };
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  useExperiment.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(
      () => whenOpen((persistence) => persistence.saveExperiment(experimentNow())),
      SAVE_DELAY_MS,
    );
  });
  addEventListener('pagehide', () => {
    clearTimeout(timer);
    // Not open yet, a page closing cannot wait for it: its experiment is still in its link.
    savedWorkIfOpen()?.saveExperiment(experimentNow());
  });

  // Comparison lanes: saved as they change.
  let comparisonTimer: ReturnType<typeof setTimeout> | undefined;
  useCompare.subscribe((state, previous) => {
    // Metrics change the lanes every few milliseconds while training; only configs matter here.
    const sameConfigs =
      state.lanes.length === previous.lanes.length &&
      state.lanes.every((lane, i) => lane.config === previous.lanes[i]!.config);
    if (sameConfigs && state.base === previous.base && state.lessonId === previous.lessonId) return;
    clearTimeout(comparisonTimer);
    comparisonTimer = setTimeout(
      () =>
        whenOpen((persistence) => {
          const link = comparisonLink();
          if (link && link !== lastComparison) {
            lastComparison = link;
            persistence.saveDocument(COMPARISON_KEY, 'comparison', link);
          }
        }),
      SAVE_DELAY_MS,
    );
  });

  // A comparison whose every lane has ended goes to the history as one entry; lanes given more
  // epochs that end again update it. The lanes' first epochs identify "the same runs".
  let comparisonSaved: { firsts: readonly object[]; id: string } | null = null;
  const allEnded = (lanes: readonly LaneState[]) =>
    lanes.length > 0 &&
    lanes.every((lane) => ENDED_STATUSES.includes(lane.status)) &&
    lanes.some((lane) => lane.history.length > 0 && lane.status !== 'failed');
  useCompare.subscribe((state, previous) => {
    if (!allEnded(state.lanes) || allEnded(previous.lanes)) return;
    const language = useLanguage.getState().language;
    const lanes = state.lanes.map((lane) => ({
      name: lane.label[language] ?? lane.label.en,
      config: lane.config,
      status: lane.summary?.status ?? (lane.status === 'failed' ? 'cancelled' : 'completed'),
      summary: lane.summary,
      history: [...lane.history],
    })) as NonNullable<RunRecord['comparison']>['lanes'];
    const first = lanes.find((lane) => lane.history.length > 0)!;
    const results = {
      name: `${lanes.map((lane) => lane.name).join(' · ')}`,
      config: state.base,
      status: first.status,
      summary: first.summary,
      history: first.history,
      comparison: { lessonId: state.lessonId, lanes },
    };
    const firsts = state.lanes.map((lane) => lane.history[0] ?? lane);
    whenOpen((persistence) => {
      if (
        comparisonSaved &&
        comparisonSaved.firsts.length === firsts.length &&
        comparisonSaved.firsts.every((f, i) => f === firsts[i]) &&
        persistence.getRun(comparisonSaved.id)
      ) {
        // The user may have renamed the entry in History since: the name is theirs.
        const { name: _name, ...changes } = results;
        persistence.updateRun(comparisonSaved.id, changes);
      } else {
        comparisonSaved = { firsts, id: persistence.addRun(results).id };
      }
    });
  });

  // A run is one run from its first epoch on; a run that ends, is given more epochs and ends
  // again updates its entry instead of adding a second one.
  let savedFor: { first: object; id: string } | null = null;
  useRun.subscribe((run, previous) => {
    if (run.phase !== 'ended' || previous.phase === 'ended' || !run.summary || !run.first) return;
    const history = useMetrics.getState().history;
    if (history.length === 0) return;
    const config = useExperiment.getState().config;
    const results = { config, status: run.summary.status, summary: run.summary, history: [...history] };
    const first = run.first;
    const data = config.dataset === 'custom' ? dataNoteOf(useCustomData.getState().data) : null;
    whenOpen((persistence) => {
      if (savedFor && savedFor.first === first && persistence.getRun(savedFor.id)) {
        persistence.updateRun(savedFor.id, results);
      } else {
        savedFor = { first, id: persistence.addRun({ ...results, data }).id };
      }
    });
  });

  const stop = useExperiment.subscribe(() => {
    userChanged = true;
    stop();
  });
}
