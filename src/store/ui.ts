import { create } from 'zustand';

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
}

export const useUi = create<UiState>()((set) => ({
  presentation: stored(),
  setPresentation(presentation) {
    try {
      globalThis.localStorage?.setItem(PRESENTATION_KEY, presentation ? '1' : '0');
    } catch {
      /* holds for this visit */
    }
    set({ presentation });
  },
}));
