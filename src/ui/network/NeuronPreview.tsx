import { useEffect, useMemo, useRef } from 'react';
import type { NetworkStore } from '../../store/network';
import { useChoiceText } from '../playground/parameterText';
import { FULL } from './geometry';
import { useNetworkMessages } from './messages';
import { nodeName } from './names';
import { paintHeatmap } from './paint';
import { structureKey } from './structure';
import './network.css';

/**
 * The hovered or focused neuron's heatmap, enlarged over the decision boundary: what one piece of
 * the network draws beside (in place of) what the whole network draws. Repainted from the store.
 */
export function NeuronPreview({ store }: { store: NetworkStore }) {
  const t = useNetworkMessages();
  const choiceText = useChoiceText();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const focus = store((s) => (s.snapshot && s.snapshot.resolution > 0 ? s.focus : null));
  // The structure, not each snapshot: the name changes with a new run, the picture with every refresh.
  const key = store(structureKey);
  const structure = useMemo(() => (key ? (JSON.parse(key) as Parameters<typeof nodeName>[1]) : null), [key]);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || focus === null) return;
    let painted: unknown = null;
    const paint = () => {
      const snapshot = store.getState().snapshot;
      if (!snapshot || snapshot === painted) return;
      painted = snapshot;
      paintHeatmap(canvas, snapshot, focus);
    };
    paint();
    return store.subscribe(paint);
  }, [store, focus]);
  if (focus === null || !structure) return null;
  const name = nodeName(t, structure, focus, choiceText('activation', structure.activation), FULL.limit);
  return (
    <div className="neuron-preview">
      <canvas ref={canvasRef} role="img" aria-label={t.previewOf(name)} />
      <p>{name}</p>
    </div>
  );
}
