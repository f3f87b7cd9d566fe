/**
 * Keeps the address bar holding the current experiment, and opens experiments from links. Every
 * link goes through the codec's one decoder, which never throws: a hostile link loads the
 * nearest valid experiment and its issues go to an alert.
 */
import { decodeLink, emptyLinkState, encodeLink } from '../../core/link';
import { replaceExperiment, useExperiment, type ExperimentState } from '../../store/experiment';
import { useLinkIssues } from '../../store/link-issues';
import { replacePayload, useRoute } from '../../store/route';
import { useCustomData } from '../../store/persistence/custom-data';
import { adoptLinkedPace, linkedPace, useUi } from '../../store/ui';
import { adoptLinkedData, packedCustomData } from '../data/linked-data';

export const PAGE_ID = 'playground';
/** The address bar follows the controls at most this often (replaceState is rate-limited by browsers). */
const WRITE_INTERVAL_MS = 250;

let lastPayload: string | null = null;

export function payloadOf(state: ExperimentState): string {
  // An experiment on the user's CSV carries the file: embedded when small, else named for the
  // recipient to load (the page then asks for it).
  const data = state.config.dataset === 'custom' ? packedCustomData() : undefined;
  const pace = linkedPace();
  return encodeLink({
    ...emptyLinkState(state.config),
    hidden: state.hidden,
    locked: state.locked,
    ...(data ? { data } : {}),
    ...(pace ? { pace } : {}),
  });
}

/** Loads the experiment a payload describes; reports what was wrong with it. */
export function openPayload(payload: string): void {
  if (payload === lastPayload) return;
  const decoded = decodeLink(safeDecodeURIComponent(payload));
  useLinkIssues.setState({ issues: decoded.problems });
  void adoptLinkedData(decoded.state.data);
  adoptLinkedPace(decoded.state.pace);
  replaceExperiment({
    config: decoded.state.config,
    hidden: decoded.state.hidden,
    locked: decoded.state.locked,
  });
  lastPayload = payloadOf(useExperiment.getState());
}

function safeDecodeURIComponent(text: string): string {
  // lz-string's URI alphabet needs no decoding, but a link pasted through a chat app may arrive
  // percent-encoded; a malformed escape is left for the decoder to report.
  try {
    return /%[0-9a-f]{2}/i.test(text) ? decodeURIComponent(text) : text;
  } catch {
    return text;
  }
}

/** Writes the experiment into the address bar now (while the playground is the page shown). */
export function writeLink(): void {
  if (useRoute.getState().page !== PAGE_ID && useRoute.getState().page !== '') return;
  const payload = payloadOf(useExperiment.getState());
  lastPayload = payload;
  replacePayload(PAGE_ID, payload);
}

/**
 * Writes the experiment into the address bar once the page is idle (a second at most), for the page's
 * first write. Made as the page mounted, it took 20-25 ms of the first screen's task on a 2-core
 * machine (history.replaceState waits for the browser process, and the new route re-renders its
 * readers): a blocking task on Lighthouse's slowed phone, for an address nobody can copy yet.
 * Returns the cancel function; a later change of the experiment writes the link as usual.
 */
export function writeLinkWhenIdle(): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(writeLink, 250);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(() => writeLink(), { timeout: 1_000 });
  return () => cancelIdleCallback(handle);
}

/**
 * Starts following the experiment into the address bar and the address bar into the experiment.
 * The address bar is first written by the page, with `writeLinkWhenIdle`, once it has mounted:
 * written while its code starts, the new route re-rendered the app at once, and React, whose transition
 * was about to mount the page in slices, mounted all of it in that one synchronous render (a
 * 2.2 s task on Lighthouse's slowed phone, traced).
 */
export function startLinkSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    writeLink();
  };
  const stopExperiment = useExperiment.subscribe(() => {
    timer ??= setTimeout(write, WRITE_INTERVAL_MS);
  });
  // A newly loaded CSV changes what a link to a custom-data experiment carries.
  const stopData = useCustomData.subscribe(() => {
    timer ??= setTimeout(write, WRITE_INTERVAL_MS);
  });
  const stopPace = useUi.subscribe((state, previous) => {
    if (state.pace !== previous.pace) timer ??= setTimeout(write, WRITE_INTERVAL_MS);
  });
  const stopRoute = useRoute.subscribe((route) => {
    // A link pasted into the address bar of an open page.
    if (route.page === PAGE_ID && route.payload && route.payload !== lastPayload) openPayload(route.payload);
  });
  return () => {
    stopExperiment();
    stopData();
    stopPace();
    stopRoute();
    if (timer !== null) {
      clearTimeout(timer);
      write();
    }
  };
}

/** The link to the current experiment, to copy. */
export function currentLink(): string {
  const url = new URL(location.href);
  url.hash = `#${PAGE_ID}/${payloadOf(useExperiment.getState())}`;
  return url.toString();
}
