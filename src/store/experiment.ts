import { create } from 'zustand';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../core/config/parameters';
import type { ControlKey } from '../core/link';
import { guardReplacement, isLockedForStudent, isStudent, markTeacher } from './classroom';

/** The playground's experiment: plain data, the single source the controls and the link read. */
export interface ExperimentState {
  config: ExperimentConfig;
  /** Classroom mode: controls not shown. */
  hidden: ControlKey[];
  /** Classroom mode: controls shown but not editable. */
  locked: ControlKey[];
}

export const initialExperiment = (): ExperimentState => ({
  config: {
    ...DEFAULT_CONFIG,
    features: [...DEFAULT_CONFIG.features],
    hiddenLayers: [...DEFAULT_CONFIG.hiddenLayers],
  },
  hidden: [],
  locked: [],
});

export const useExperiment = create<ExperimentState>()(initialExperiment);

export function setParameter<K extends keyof ExperimentConfig>(key: K, value: ExperimentConfig[K]): void {
  // Whatever calls this (a control, the data page), a student's locked control keeps its value.
  if (isLockedForStudent(key)) return;
  useExperiment.setState((state) =>
    state.config[key] === value ? state : { config: { ...state.config, [key]: value } },
  );
}

export function replaceExperiment(next: ExperimentState): void {
  useExperiment.setState(guardReplacement(next), true);
}

export function setClassroom(key: ControlKey, mode: 'shown' | 'hidden' | 'locked'): void {
  if (isStudent()) return;
  markTeacher();
  useExperiment.setState((state) => ({
    hidden: mode === 'hidden' ? [...new Set([...state.hidden, key])] : state.hidden.filter((k) => k !== key),
    locked: mode === 'locked' ? [...new Set([...state.locked, key])] : state.locked.filter((k) => k !== key),
  }));
}
