import { useEffect, useId, useRef, useState } from 'react';
import { biasIndex, nodeOffsets } from '../../core/netview/view';
import type { NetworkStore } from '../../store/network';
import { useThrottledStore } from '../charts/useThrottledStore';
import type { Geometry } from './geometry';
import { useNetworkMessages } from './messages';
import { locate } from './names';
import { formatValue, paintWeightImage } from './paint';

interface Entry {
  index: number;
  label: string;
}

/**
 * The weights into the selected neuron and its bias, each a labelled number box. The values are
 * the worker's; typing one sends it to the worker (while paused), which applies it and sends the
 * network back: the page keeps no copy of its own.
 */
export function NetworkEditor({
  store,
  geometry,
  name,
  onEdit,
  canEdit,
  pixels,
}: {
  store: NetworkStore;
  geometry: Geometry;
  name: (node: number) => string;
  onEdit: (index: number, value: number) => Promise<boolean>;
  canEdit: boolean;
  pixels: boolean;
}) {
  const t = useNetworkMessages();
  const selected = store((s) => s.selected);
  // With no neuron open the editor draws nothing, and need not re-render for each refresh.
  const snapshot = useThrottledStore(store, (s) => (s.selected !== null ? s.snapshot : null), 300);
  const headingId = useId();
  const imageRef = useRef<HTMLCanvasElement>(null);
  const sizes = geometry.layout.sizes;
  const place = selected === null ? null : locate(sizes, selected);
  const valid =
    place !== null &&
    place.layer > 0 &&
    snapshot !== null &&
    snapshot.parameters.length === geometry.layout.parameterCount;

  useEffect(() => {
    if (valid && pixels && place.layer === 1 && imageRef.current && snapshot)
      paintWeightImage(imageRef.current, snapshot, geometry.layout, place.unit);
  });

  if (!valid || selected === null) return null;
  const last = sizes.length - 1;
  const output = place.layer === last;
  const { offsets } = nodeOffsets(sizes);
  const entries: Entry[] = [];
  for (const line of geometry.lines) {
    if (line.layer + 1 !== place.layer || (!output && line.to !== place.unit)) continue;
    const from = name(offsets[line.layer]! + line.from);
    entries.push({
      index: line.index,
      label:
        output && sizes[last]! > 1
          ? `${t.editWeight(from)} → ${t.editWeightClass(line.to + 1)}`
          : t.editWeight(from),
    });
  }
  const units = output ? Array.from({ length: sizes[last]! }, (_, k) => k) : [place.unit];
  for (const unit of units)
    entries.push({
      index: biasIndex(geometry.layout, place.layer - 1, unit),
      label: output && units.length > 1 ? t.biasClass(unit + 1) : t.bias,
    });

  return (
    <section className="network-editor" aria-labelledby={headingId}>
      <div className="network-editor-head">
        <h3 id={headingId}>{t.editTitle(name(selected))}</h3>
        <button
          type="button"
          className="button small"
          onClick={() => store.setState({ selected: null, weight: null })}
        >
          {t.close}
        </button>
      </div>
      {pixels && place.layer === 1 && (
        <figure className="network-weight-image">
          <canvas ref={imageRef} width={8} height={8} />
          <figcaption>{t.digitsImage}</figcaption>
        </figure>
      )}
      {!canEdit && <p className="note">{t.pauseToEdit}</p>}
      <div className="network-editor-fields">
        {entries.map((entry) => (
          <ParameterBox
            key={entry.index}
            store={store}
            label={entry.label}
            index={entry.index}
            value={snapshot.parameters[entry.index] ?? 0}
            disabled={!canEdit}
            onEdit={onEdit}
          />
        ))}
      </div>
    </section>
  );
}

function ParameterBox({
  store,
  label,
  index,
  value,
  disabled,
  onEdit,
}: {
  store: NetworkStore;
  label: string;
  index: number;
  value: number;
  disabled: boolean;
  onEdit: (index: number, value: number) => Promise<boolean>;
}) {
  const t = useNetworkMessages();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState(false);
  const focusedWeight = store((s) => s.weight === index);
  const commit = () => {
    if (draft === null) return;
    const parsed = Number(draft.trim().replace('−', '-'));
    if (draft.trim() === '' || !Number.isFinite(parsed)) {
      setProblem(true);
      return;
    }
    setProblem(false);
    void onEdit(index, parsed).finally(() => setDraft(null));
  };
  return (
    <label className={`control network-parameter${focusedWeight ? ' highlight' : ''}`}>
      <span>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={draft ?? formatValue(value)}
        disabled={disabled}
        aria-invalid={problem || undefined}
        onChange={(event) => setDraft(event.target.value)}
        onFocus={() => store.setState({ weight: index })}
        onBlur={() => {
          if (store.getState().weight === index) store.setState({ weight: null });
          commit();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') {
            setDraft(null);
            setProblem(false);
          }
        }}
      />
      {problem && (
        <span role="alert" className="control-problem">
          {t.badValue}
        </span>
      )}
    </label>
  );
}
