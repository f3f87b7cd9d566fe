import type { NetworkSnapshot } from '../../core/netview/view';
import type { NetworkState } from '../../store/network';

/**
 * The shape of the network, which changes only with a new run: React renders the diagram for it.
 * Its own module, so the enlarged preview on the boundary (drawn with the playground's first
 * screen) does not pull the whole diagram's code in with it.
 */
export interface Structure {
  sizes: number[];
  task: NetworkSnapshot['task'];
  activation: NetworkSnapshot['activation'];
  inputNames: string[];
  resolution: number;
}

export const structureKey = (s: NetworkState): string => {
  const snapshot = s.snapshot;
  if (!snapshot) return '';
  const { sizes, task, activation, inputNames, resolution } = snapshot;
  return JSON.stringify({ sizes, task, activation, inputNames, resolution } satisfies Structure);
};
