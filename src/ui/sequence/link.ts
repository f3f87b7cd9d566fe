/**
 * Keeps the address bar holding the Sequences page's settings, and opens them from links, through
 * the same codec and versioning as the playground's links (src/core/link/codec.ts): a decoder that
 * never throws, so a hostile link loads the nearest valid settings and its issues go to an alert.
 *
 * `#sequences` is free play at the defaults, `#sequences/heads` opens a lesson, and
 * `#sequences/2.<data>` is free play at the linked settings and pace.
 */
import { decodeLink, emptyLinkState, encodeLink } from '../../core/link/codec';
import { DEFAULT_SEQUENCE_CONFIG } from '../../core/sequence/config';
import { SEQUENCE_LESSON_IDS, type SequenceLessonId } from '../../core/sequence/lessons';
import { replacePayload, useRoute } from '../../store/route';
import { chooseLesson, setSequenceConfig, useSequence, type SequenceState } from '../../store/sequence';
import { adoptLinkedPace, linkedPace, useUi } from '../../store/ui';

export const SEQUENCE_PAGE_ID = 'sequences';
/** The address bar follows the controls at most this often (replaceState is rate-limited by browsers). */
const WRITE_INTERVAL_MS = 250;

let lastPayload: string | null = null;

/** The payload for what is on screen: the lesson's name, or free play's settings and pace. */
export function sequencePayload(state: Pick<SequenceState, 'config' | 'lesson'>): string {
  if (state.lesson) return state.lesson;
  const pace = linkedPace();
  const isDefault = JSON.stringify(state.config) === JSON.stringify(DEFAULT_SEQUENCE_CONFIG);
  if (isDefault && !pace) return '';
  return encodeLink({ ...emptyLinkState(), sequence: state.config, ...(pace ? { pace } : {}) });
}

function decodedText(payload: string): string {
  // A link pasted through a chat app may arrive percent-encoded; a malformed escape is kept as typed.
  try {
    return decodeURIComponent(payload).trim();
  } catch {
    return payload;
  }
}

/** Opens what a payload describes; says in the page's alerts what was wrong with it. */
export function openSequencePayload(payload: string): void {
  if (payload === lastPayload) return;
  const text = decodedText(payload);
  useSequence.setState({ unknownLesson: null, linkIssues: [] });
  if (/^\d{1,3}\./.test(text)) {
    const decoded = decodeLink(text);
    chooseLesson(null);
    setSequenceConfig(decoded.state.sequence ?? { ...DEFAULT_SEQUENCE_CONFIG });
    adoptLinkedPace(decoded.state.pace);
    useSequence.setState({ linkIssues: decoded.problems });
  } else if (text === '') chooseLesson(null);
  else if ((SEQUENCE_LESSON_IDS as readonly string[]).includes(text)) chooseLesson(text as SequenceLessonId);
  else {
    chooseLesson(null);
    useSequence.setState({ unknownLesson: text.slice(0, 40) });
  }
  lastPayload = payload;
}

/** Follows the settings, lesson and pace into the address bar; returns the function that stops. */
export function startSequenceLinkSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const route = useRoute.getState();
    if (route.page !== SEQUENCE_PAGE_ID) return;
    // A link that has come into the address bar since (the page opens it in its next effect) is
    // not overwritten with the settings it replaces: under load that write landed first, and the
    // pasted link was lost.
    if (lastPayload !== null && route.payload !== lastPayload) return;
    const payload = sequencePayload(useSequence.getState());
    lastPayload = payload;
    replacePayload(SEQUENCE_PAGE_ID, payload);
  };
  const later = () => {
    timer ??= setTimeout(write, WRITE_INTERVAL_MS);
  };
  const stopSequence = useSequence.subscribe((state, previous) => {
    if (state.config !== previous.config || state.lesson !== previous.lesson) later();
  });
  const stopPace = useUi.subscribe((state, previous) => {
    if (state.pace !== previous.pace) later();
  });
  return () => {
    stopSequence();
    stopPace();
    if (timer !== null) clearTimeout(timer);
    // Coming back to the page opens whatever its address says then.
    lastPayload = null;
  };
}
