import { create } from 'zustand';
import { PRESENTATION_PACE, type Pace } from '../core/train/pace';

const PRESENTATION_KEY = 'tunelab.presentation';

function stored(): boolean {
  try {
    return globalThis.localStorage?.getItem(PRESENTATION_KEY) === '1';
  } catch {
    return false;
  }
}

interface UiState {
  /** Large text for projectors. */
  presentation: boolean;
  setPresentation(on: boolean): void;
  /** How fast runs train on screen, on every page that trains (a share link may set it). */
  pace: Pace;
  setPace(pace: Pace): void;
}

/** The pace a page starts at when its link does not say: one a teacher can talk over when presenting. */
export function defaultPace(presentation: boolean): Pace {
  return presentation ? PRESENTATION_PACE : 'fast';
}

export const useUi = create<UiState>()((set, get) => ({
  presentation: stored(),
  setPresentation(presentation) {
    try {
      globalThis.localStorage?.setItem(PRESENTATION_KEY, presentation ? '1' : '0');
    } catch {
      /* holds for this visit */
    }
    // Turning presentation on slows a run down to narrate it; a pace already chosen stays.
    const pace = presentation && get().pace === 'fast' ? PRESENTATION_PACE : get().pace;
    set({ presentation, pace });
  },
  pace: defaultPace(stored()),
  setPace(pace) {
    set({ pace });
  },
}));

/** The pace to keep in a share link: none at the default, so old and new default links stay alike. */
export function linkedPace(): Pace | undefined {
  const { pace, presentation } = useUi.getState();
  return pace === defaultPace(false) && !presentation ? undefined : pace;
}

/** Adopts a link's pace, or the default for this mode when the link does not say. */
export function adoptLinkedPace(pace: Pace | undefined): void {
  const state = useUi.getState();
  state.setPace(pace ?? defaultPace(state.presentation));
}
