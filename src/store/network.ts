import { create } from 'zustand';
import type { NetworkSnapshot } from '../core/netview/view';

/**
 * What a network view draws: the worker's latest snapshot of one member, and where the reader's
 * attention is. The view's canvases and lines repaint from a subscription to this store, not from
 * React renders. The snapshot is only ever the worker's: the page edits through the worker.
 */
export interface NetworkState {
  snapshot: NetworkSnapshot | null;
  /** The node (an index over all nodes, inputs first) hovered or focused: its heatmap is enlarged. */
  focus: number | null;
  /** The node whose weights and bias are open for reading and editing. */
  selected: number | null;
  /** The flat-vector index of the weight hovered or focused. */
  weight: number | null;
}

export const createNetworkStore = () =>
  create<NetworkState>()(() => ({ snapshot: null, focus: null, selected: null, weight: null }));

export type NetworkStore = ReturnType<typeof createNetworkStore>;

/** The playground's network. */
export const useNetwork = createNetworkStore();

interface NetworkPanelState {
  /** The view is shown (hidden, the worker computes nothing for it). */
  shown: boolean;
  /** Parameters edited by hand in the current run: they are not in the link. */
  edits: number;
}

export const useNetworkPanel = create<NetworkPanelState>()(() => ({ shown: true, edits: 0 }));
