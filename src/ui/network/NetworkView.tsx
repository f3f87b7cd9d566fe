import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { nodeOffsets, parameterAt, visibleUnits, type NetworkSnapshot } from '../../core/netview/view';
import type { NetworkLayout } from '../../core/model/layout';
import type { NetworkStore } from '../../store/network';
import { useThrottledStore } from '../charts/useThrottledStore';
import { useChoiceText } from '../playground/parameterText';
import { COMPACT, FULL, placeNetwork, type Geometry, type PlacedLine, type PlacedNode } from './geometry';
import { useNetworkMessages, type NetworkMessages } from './messages';
import { createDiagramPainter } from './diagram';
import { asPixels, nodeDescription, nodeName } from './names';
import { formatValue, markDead } from './paint';
import { NetworkEditor } from './NetworkEditor';
import { structureKey, type Structure } from './structure';
import './network.css';

/** Which units each column shows when it cannot show all: its most active, re-chosen every few seconds. */
const rankingKey = (snapshot: NetworkSnapshot | null, limit: number): string => {
  if (!snapshot) return '';
  const { offsets } = nodeOffsets(snapshot.sizes);
  return snapshot.sizes
    .slice(0, -1)
    .map((size, layer) =>
      visibleUnits(snapshot.mean.subarray(offsets[layer]!, offsets[layer]! + size), limit).join(','),
    )
    .join('|');
};
const RANKING_INTERVAL_MS = 3000;

export interface NetworkViewProps {
  store: NetworkStore;
  /** The diagram's accessible name. */
  label: string;
  /** The small version in a comparison lane's card. */
  compact?: boolean;
  /** Parameters can be edited (while `canEdit`), through this function. */
  onEdit?: (index: number, value: number) => Promise<boolean>;
  canEdit?: boolean;
}

/**
 * The network as TensorFlow Playground draws it: each neuron a focusable element with its own
 * heatmap, weights as lines. React renders the structure (which neurons, where); every refresh
 * from the worker repaints canvases and lines straight from a store subscription.
 */
export function NetworkView({ store, label, compact = false, onEdit, canEdit = false }: NetworkViewProps) {
  const t = useNetworkMessages();
  const choiceText = useChoiceText();
  const sizing = compact ? COMPACT : FULL;
  const key = store(structureKey);
  const ranking = useThrottledStore(store, (s) => rankingKey(s.snapshot, sizing.limit), RANKING_INTERVAL_MS);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const structure = useMemo(() => (key ? (JSON.parse(key) as Structure) : null), [key]);
  const geometry = useMemo(() => {
    if (!structure) return null;
    const ranked = ranking.split('|').map((units) => (units === '' ? [] : units.split(',').map(Number)));
    const shown = structure.sizes.slice(0, -1).map((size, layer) => {
      const all = Array.from({ length: size }, (_, i) => i);
      if (expanded.has(layer) || size <= sizing.limit) return all;
      const chosen = (ranked[layer] ?? []).filter((unit) => unit < size);
      return chosen.length === sizing.limit ? chosen : all.slice(0, sizing.limit);
    });
    return placeNetwork(structure.sizes, shown, expanded, structure.resolution > 0, sizing);
  }, [structure, ranking, expanded, sizing]);
  const activationName = structure ? choiceText('activation', structure.activation) : '';
  const readoutId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  // The weight the keyboard is on (its flat index): one focusable element at a time, not one per line.
  const [keyWeight, setKeyWeight] = useState<number | null>(null);

  usePainter(store, containerRef, geometry, sizing.limit, compact);

  if (!structure || !geometry) return <p className="empty network-empty">{t.notYet}</p>;

  const name = (node: number) => nodeName(t, structure, node, activationName, sizing.limit);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = weightKey(event, geometry, keyWeight);
    if (next === undefined) return moveFocus(event, geometry);
    event.preventDefault();
    if (next === null) {
      setKeyWeight(null);
      const line = geometry.lines.find((l) => l.index === keyWeight);
      const target = line && targetOf(geometry, line);
      if (target) focusNode(event.currentTarget, target);
    } else setKeyWeight(next);
  };
  const keyLine = keyWeight === null ? undefined : geometry.lines.find((l) => l.index === keyWeight);
  const selectLine = (index: number | null) => {
    const line = geometry.lines.find((l) => l.index === index);
    const target = line && targetOf(geometry, line);
    if (target) store.setState({ selected: target.node, weight: index });
  };
  const toggle = (layer: number) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(layer)) next.delete(layer);
      else next.add(layer);
      return next;
    });

  return (
    <div className={`network-view${compact ? ' compact' : ''}`}>
      <div className="network-scroll">
        <div
          ref={containerRef}
          className="network-diagram"
          role="group"
          aria-label={label}
          style={{ width: geometry.width, height: geometry.height }}
          onKeyDown={onKeyDown}
        >
          <canvas
            role="img"
            aria-label={t.lines(geometry.lines.length)}
            data-lines={geometry.lines.length}
            className="network-lines"
            style={{ width: geometry.width, height: geometry.height }}
            onMouseMove={
              compact ? undefined : (event) => store.setState({ weight: nearestLine(event, geometry) })
            }
            onMouseLeave={compact ? undefined : () => store.setState({ weight: null })}
            onClick={compact || !onEdit ? undefined : (event) => selectLine(nearestLine(event, geometry))}
          />
          {geometry.nodes.map((placed) => (
            <NeuronButton
              key={placed.node}
              placed={placed}
              size={geometry.node}
              name={name(placed.node)}
              store={store}
              readoutId={readoutId}
              selectable={Boolean(onEdit) && placed.layer > 0}
            />
          ))}
          {keyLine && (
            <WeightButton
              key={keyLine.index}
              line={keyLine}
              store={store}
              t={t}
              activationName={activationName}
              geometry={geometry}
              limit={sizing.limit}
              onSelect={onEdit ? () => selectLine(keyLine.index) : undefined}
              onLeave={() => setKeyWeight((current) => (current === keyLine.index ? null : current))}
            />
          )}
          {geometry.more.map((more) => {
            const layerName = more.layer === 0 ? t.inputsName : t.layerName(more.layer);
            const hidden = structure.sizes[more.layer]! - sizing.limit;
            return (
              <button
                key={`more${more.layer}`}
                type="button"
                className="network-more"
                style={{
                  left: more.x - (compact ? 6 : 10),
                  top: more.y,
                  width: geometry.node + (compact ? 12 : 20),
                }}
                aria-expanded={more.expanded}
                aria-label={more.expanded ? `${t.fewer} (${layerName})` : t.moreLabel(more.hidden, layerName)}
                onClick={() => toggle(more.layer)}
              >
                {more.expanded ? (compact ? '−' : t.fewer) : compact ? `+${hidden}` : t.more(hidden)}
              </button>
            );
          })}
        </div>
      </div>
      <Readout
        store={store}
        id={readoutId}
        t={t}
        activationName={activationName}
        geometry={geometry}
        limit={sizing.limit}
        compact={compact}
      />
      {onEdit && (
        <NetworkEditor
          store={store}
          geometry={geometry}
          name={name}
          onEdit={onEdit}
          canEdit={canEdit}
          pixels={asPixels(structure, sizing.limit)}
        />
      )}
    </div>
  );
}

function NeuronButton({
  placed,
  size,
  name,
  store,
  readoutId,
  selectable,
}: {
  placed: PlacedNode;
  size: number;
  name: string;
  store: NetworkStore;
  readoutId: string;
  selectable: boolean;
}) {
  const focus = () => store.setState({ focus: placed.node });
  const blur = () => store.getState().focus === placed.node && store.setState({ focus: null });
  return (
    <button
      type="button"
      className={`neuron neuron-${placed.kind}`}
      data-node={placed.node}
      data-layer={placed.layer}
      data-column={placed.column}
      data-row={placed.row}
      aria-label={name}
      aria-describedby={readoutId}
      style={{ left: placed.x, top: placed.y, width: size, height: size }}
      onMouseEnter={focus}
      onMouseLeave={blur}
      onFocus={focus}
      onBlur={blur}
      onClick={selectable ? () => store.setState({ selected: placed.node }) : undefined}
    >
      {placed.kind === 'pixels' && <span className="pixels-glyph">8×8</span>}
    </button>
  );
}

/** The neuron a line feeds: the next column's unit, or the output element for every class. */
const targetOf = (geometry: Geometry, line: PlacedLine): PlacedNode | undefined =>
  geometry.nodes.find((n) => n.layer === line.layer + 1 && (n.kind === 'output' || n.unit === line.to));

/** The drawn lines into a neuron, top to bottom. */
const incomingLines = (geometry: Geometry, placed: PlacedNode): PlacedLine[] =>
  geometry.lines.filter((line) => targetOf(geometry, line) === placed);

/** The key that steps from a neuron to the weights into it, and back. */
export const WEIGHTS_KEY = 'w';

/**
 * Where a key takes the keyboard among the weights: W on a neuron goes to its first incoming
 * weight; on a weight, the arrows step through the weights into the same neuron and Escape or W
 * goes back to it (null). Undefined: the key is not about weights.
 */
function weightKey(
  event: KeyboardEvent<HTMLDivElement>,
  geometry: Geometry,
  current: number | null,
): number | null | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const target = event.target as HTMLElement;
  const key = event.key.toLowerCase();
  if (target.classList.contains('neuron')) {
    if (key !== WEIGHTS_KEY) return undefined;
    const placed = geometry.nodes.find((n) => n.node === Number(target.dataset.node));
    return placed ? (incomingLines(geometry, placed)[0]?.index ?? undefined) : undefined;
  }
  if (!target.classList.contains('network-weight') || current === null) return undefined;
  if (key === 'escape' || key === WEIGHTS_KEY) return null;
  const step = { arrowup: -1, arrowleft: -1, arrowdown: 1, arrowright: 1 }[key];
  if (step === undefined) return undefined;
  const line = geometry.lines.find((l) => l.index === current);
  const into = line && targetOf(geometry, line);
  if (!into) return null;
  const siblings = incomingLines(geometry, into);
  const at = siblings.findIndex((l) => l.index === current);
  return siblings[(at + step + siblings.length) % siblings.length]!.index;
}

function focusNode(container: HTMLElement, placed: PlacedNode): void {
  container
    .querySelector<HTMLElement>(`.neuron[data-column="${placed.column}"][data-row="${placed.row}"]`)
    ?.focus();
}

/**
 * The weight the keyboard is on: a ring at its line's middle that takes focus as it appears, named
 * for the weight and its value, and highlights the line. Each step mounts a new one, so a screen
 * reader announces each weight as focus lands on it.
 */
function WeightButton({
  line,
  store,
  t,
  activationName,
  geometry,
  limit,
  onSelect,
  onLeave,
}: {
  line: PlacedLine;
  store: NetworkStore;
  t: NetworkMessages;
  activationName: string;
  geometry: Geometry;
  limit: number;
  onSelect?: () => void;
  onLeave: () => void;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  const snapshot = useThrottledStore(store, (s) => s.snapshot, 300);
  useEffect(() => ref.current?.focus(), []);
  const name =
    snapshot && sameShape(snapshot, geometry.layout)
      ? weightDescription(t, snapshot, geometry.layout, line.index, activationName, limit)
      : '';
  const leave = () => {
    if (store.getState().weight === line.index) store.setState({ weight: null });
    // Focus moving on to the next weight is not leaving: that one mounts and takes it.
    setTimeout(() => {
      if (!document.activeElement?.classList.contains('network-weight')) onLeave();
    });
  };
  return (
    <button
      ref={ref}
      type="button"
      className="network-weight"
      data-weight={line.index}
      tabIndex={-1}
      aria-label={name}
      style={{ left: (line.x1 + line.x2) / 2, top: (line.y1 + line.y2) / 2 }}
      onFocus={() => store.setState({ weight: line.index })}
      onBlur={leave}
      onClick={onSelect}
    />
  );
}

/** Lines this close to the pointer (in pixels) count as under it. */
const HIT_DISTANCE = 5;

/**
 * The weight whose line is nearest the pointer, within a few pixels, or null: one handler for the
 * whole picture instead of a wide invisible twin for each of hundreds of lines.
 */
function nearestLine(event: React.MouseEvent<HTMLElement>, geometry: Geometry): number | null {
  const box = event.currentTarget.getBoundingClientRect();
  const x = event.clientX - box.left;
  const y = event.clientY - box.top;
  let best: number | null = null;
  let bestDistance = HIT_DISTANCE;
  for (const line of geometry.lines) {
    const dx = line.x2 - line.x1;
    const dy = line.y2 - line.y1;
    const along = Math.max(
      0,
      Math.min(1, ((x - line.x1) * dx + (y - line.y1) * dy) / (dx * dx + dy * dy || 1)),
    );
    const distance = Math.hypot(x - (line.x1 + along * dx), y - (line.y1 + along * dy));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = line.index;
    }
  }
  return best;
}

/** Arrow keys walk the diagram: up and down within a column, left and right to the next one. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>, geometry: Geometry): void {
  const target = event.target as HTMLElement;
  if (!target.classList.contains('neuron')) return;
  const column = Number(target.dataset.column);
  const row = Number(target.dataset.row);
  let next: PlacedNode | undefined;
  const inColumn = (c: number) => geometry.nodes.filter((n) => n.column === c);
  if (event.key === 'ArrowUp') next = inColumn(column).find((n) => n.row === row - 1);
  else if (event.key === 'ArrowDown') next = inColumn(column).find((n) => n.row === row + 1);
  else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    const candidates = inColumn(column + (event.key === 'ArrowLeft' ? -1 : 1));
    const y = geometry.nodes.find((n) => n.column === column && n.row === row)?.y ?? 0;
    next = candidates.sort((a, b) => Math.abs(a.y - y) - Math.abs(b.y - y))[0];
  } else return;
  event.preventDefault();
  if (next) focusNode(event.currentTarget, next);
}

/**
 * Repaints the diagram's canvas when the worker's snapshot changes (once per animation frame at
 * most, and only if a picture or a line changed), and highlights the weight under the pointer or in
 * focus. The neurons' dead marks are attributes on their buttons.
 */
function usePainter(
  store: NetworkStore,
  containerRef: React.RefObject<HTMLDivElement | null>,
  geometry: Geometry | null,
  limit: number,
  compact: boolean,
): void {
  useEffect(() => {
    const container = containerRef.current;
    const canvas = container?.querySelector<HTMLCanvasElement>('canvas.network-lines');
    if (!container || !canvas || !geometry) return;
    const painter = createDiagramPainter(canvas, geometry, compact ? 2.5 : 5);
    if (!painter) return;
    const buttons = [...container.querySelectorAll<HTMLElement>('.neuron')].map((element) => ({
      element,
      node: Number(element.dataset.node),
      layer: Number(element.dataset.layer),
    }));
    let painted: NetworkSnapshot | null = null;
    let highlighted: number | null = null;
    let drawn = false;
    let refreshes = 0;
    let frame = 0;
    const paint = () => {
      frame = 0;
      const { snapshot, weight } = store.getState();
      let changed = false;
      if (snapshot && snapshot !== painted && sameShape(snapshot, geometry.layout)) {
        painted = snapshot;
        const pixels = asPixels(snapshot, limit);
        for (const { element, node, layer } of buttons) {
          markDead(element, snapshot, node);
          if (pixels && layer === 1 && layer < snapshot.sizes.length - 1) element.dataset.image = '8x8';
        }
        changed = painter.update(snapshot, limit);
        refreshes += 1;
        container.dataset.refreshes = String(refreshes);
        container.dataset.epoch = String(snapshot.epoch);
      }
      if (painted && (changed || weight !== highlighted || !drawn)) {
        painter.draw(weight);
        drawn = true;
        highlighted = weight;
        if (weight === null) delete canvas.dataset.highlight;
        else canvas.dataset.highlight = String(weight);
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(paint);
    };
    paint();
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store, containerRef, geometry, limit, compact]);
}

const sameShape = (snapshot: NetworkSnapshot, layout: NetworkLayout): boolean =>
  snapshot.sizes.length === layout.sizes.length &&
  snapshot.sizes.every((size, i) => size === layout.sizes[i]);

/** What the hovered or focused neuron or weight is, in words, under the diagram. */
function Readout({
  store,
  id,
  t,
  activationName,
  geometry,
  limit,
  compact,
}: {
  store: NetworkStore;
  id: string;
  compact: boolean;
  t: NetworkMessages;
  activationName: string;
  geometry: Geometry;
  limit: number;
}) {
  // Nothing to describe, nothing to follow: the readout does not re-render for each refresh.
  const snapshot = useThrottledStore(
    store,
    (s) => (s.focus !== null || s.weight !== null ? s.snapshot : null),
    300,
  );
  const focus = store((s) => s.focus);
  const weight = store((s) => s.weight);
  let text = '';
  if (snapshot && weight !== null && sameShape(snapshot, geometry.layout)) {
    text = weightDescription(t, snapshot, geometry.layout, weight, activationName, limit);
  } else if (snapshot && focus !== null && sameShape(snapshot, geometry.layout)) {
    text = nodeDescription(t, snapshot, focus, activationName, limit);
  }
  return (
    <p id={id} className="network-readout" data-empty={text === '' || undefined}>
      {text || (compact ? t.hintCompact : t.hint)}
    </p>
  );
}

export function weightDescription(
  t: NetworkMessages,
  snapshot: NetworkSnapshot,
  layout: NetworkLayout,
  index: number,
  activationName: string,
  limit: number,
): string {
  const place = parameterAt(layout, index);
  const value = formatValue(snapshot.parameters[index] ?? 0);
  if (!place) return '';
  const { offsets } = nodeOffsets(snapshot.sizes);
  const nameOf = (layer: number, unit: number) =>
    nodeName(t, snapshot, offsets[layer]! + unit, activationName, limit);
  if (place.kind === 'bias') return `${t.bias}, ${nameOf(place.layer + 1, place.unit)}: ${value}`;
  const from = nameOf(place.layer, place.from);
  if (place.layer + 1 === snapshot.sizes.length - 1 && snapshot.sizes.at(-1)! > 1)
    return t.weightFromClass(from, place.to + 1, value);
  return t.weightFrom(from, nameOf(place.layer + 1, place.to), value);
}
