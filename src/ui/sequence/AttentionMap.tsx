import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { tokenLabel } from '../../core/sequence/tasks';
import type { AttentionMaps } from '../../core/sequence/trainer';
import { useAnswerText, useSequenceMessages } from './messages';

/**
 * Cell size in pixels: large enough to read a token on each axis for the short sequences these
 * tasks make (a 10-token map is 280 px), down to 10 px for 64 tokens, where the map scrolls.
 */
export function cellSize(tokens: number): number {
  return Math.max(10, Math.min(40, Math.floor(280 / Math.max(1, tokens))));
}

/**
 * A weight's colour, white (0) to deep blue (1). Square root, so weak but real attention stays
 * visible beside a dominant key; the colour scale beside the maps uses the same function.
 */
export function attentionColour(weight: number): string {
  const w = Math.sqrt(Math.min(1, Math.max(0, Number.isFinite(weight) ? weight : 0)));
  const red = Math.round(255 - 225 * w);
  const green = Math.round(255 - 185 * w);
  const blue = Math.round(255 - 95 * w);
  return `rgb(${red}, ${green}, ${blue})`;
}

const SCALE_STOPS = [0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1];
const SCALE_GRADIENT = `linear-gradient(to right, ${SCALE_STOPS.map((w) => `${attentionColour(w)} ${w * 100}%`).join(', ')})`;

/** The colour scale of every map: weight 0 to 1, on the maps' own colour function. */
export function AttentionScale() {
  const t = useSequenceMessages();
  return (
    <figure className="attention-scale" aria-label={t.weightScale}>
      <figcaption>{t.weightScale}</figcaption>
      <div className="attention-scale-bar" style={{ background: SCALE_GRADIENT }} aria-hidden="true" />
      <div className="attention-scale-ticks" aria-hidden="true">
        <span>0</span>
        <span>0.25</span>
        <span>0.5</span>
        <span>0.75</span>
        <span>1</span>
      </div>
      <p className="control-note">{t.cellHint}</p>
    </figure>
  );
}

const formatWeight = (w: number) => (Number.isFinite(w) ? w.toFixed(2) : '–');

interface Cell {
  query: number;
  key: number;
}

/**
 * One head's T×T attention weights as a heatmap on a canvas (a grid of divs would be T² DOM
 * nodes per head, redrawn every epoch). Rows are queries, columns keys; tokens label both axes.
 * One tab stop per map: the arrow keys move over its cells (the mouse too), and the cell's weight
 * shows beside it and in a live line under the map.
 */
function Heatmap({
  weights,
  tokens,
  label,
  aria,
}: {
  weights: Float32Array;
  tokens: string[];
  label: string;
  aria: string;
}) {
  const t = useSequenceMessages();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [active, setActive] = useState<Cell | null>(null);
  const size = tokens.length;
  const CELL = cellSize(size);
  const side = size * CELL;
  // A new example can be shorter than the cell last pointed at.
  const cell = active && active.query < size && active.key < size ? active : null;
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, side, side);
    for (let query = 0; query < size; query++) {
      for (let key = 0; key < size; key++) {
        context.fillStyle = attentionColour(weights[query * size + key] ?? 0);
        context.fillRect(key * CELL, query * CELL, CELL, CELL);
      }
    }
    if (cell) {
      context.strokeStyle = '#e8590c';
      context.lineWidth = 2;
      context.strokeRect(cell.key * CELL + 1, cell.query * CELL + 1, CELL - 2, CELL - 2);
    }
  }, [weights, size, CELL, side, cell]);

  const cellAt = (event: MouseEvent<HTMLCanvasElement>): Cell | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const key = Math.floor(((event.clientX - box.left) / box.width) * size);
    const query = Math.floor(((event.clientY - box.top) / box.height) * size);
    return key >= 0 && key < size && query >= 0 && query < size ? { query, key } : null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const from = cell ?? { query: 0, key: 0 };
    const moves: Record<string, Cell> = {
      ArrowUp: { ...from, query: Math.max(0, from.query - 1) },
      ArrowDown: { ...from, query: Math.min(size - 1, from.query + 1) },
      ArrowLeft: { ...from, key: Math.max(0, from.key - 1) },
      ArrowRight: { ...from, key: Math.min(size - 1, from.key + 1) },
      Home: { ...from, key: 0 },
      End: { ...from, key: size - 1 },
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    setActive(next);
  };
  const weight = cell ? (weights[cell.query * size + cell.key] ?? NaN) : NaN;
  const readout = cell
    ? t.cellWeight(cell.query + 1, tokens[cell.query]!, cell.key + 1, tokens[cell.key]!, formatWeight(weight))
    : '';
  return (
    <figure className="attention-map" style={{ fontSize: Math.min(13, Math.max(8, CELL - 4)) }}>
      <figcaption>{label}</figcaption>
      <div className="attention-scroll">
        <div className="attention-grid" style={{ gridTemplateColumns: `auto auto ${side}px` }}>
          <span className="attention-axis-title attention-key-title" style={{ gridColumn: 3 }}>
            {t.keyAxis}
          </span>
          <div className="attention-keys" aria-hidden="true" style={{ gridColumn: 3, width: side }}>
            {tokens.map((token, i) => (
              <span key={i} style={{ width: CELL }} className={cell?.key === i ? 'is-active' : undefined}>
                {token}
              </span>
            ))}
          </div>
          <span className="attention-axis-title attention-query-title">{t.queryAxis}</span>
          <div className="attention-queries" aria-hidden="true">
            {tokens.map((token, i) => (
              <span key={i} style={{ height: CELL }} className={cell?.query === i ? 'is-active' : undefined}>
                {token}
              </span>
            ))}
          </div>
          <div className="attention-canvas">
            <canvas
              ref={canvas}
              width={side}
              height={side}
              role="img"
              aria-label={aria}
              tabIndex={0}
              onMouseMove={(event) => {
                const next = cellAt(event);
                if (next?.query !== cell?.query || next?.key !== cell?.key) setActive(next);
              }}
              onMouseLeave={() => setActive(null)}
              onFocus={() => setActive((current) => current ?? { query: 0, key: 0 })}
              onBlur={() => setActive(null)}
              onKeyDown={onKeyDown}
            />
            {cell && (
              <span
                className="attention-tip"
                aria-hidden="true"
                style={{
                  left: Math.min(cell.key * CELL + CELL / 2, side - 20),
                  top: cell.query * CELL,
                }}
              >
                {formatWeight(weight)}
              </span>
            )}
          </div>
        </div>
      </div>
      <p className="attention-readout" aria-live="polite">
        {readout}
      </p>
    </figure>
  );
}

/** Every head of every layer for one example, with the model's answer beside the right one. */
export function AttentionMapsView({
  maps,
  classLabels,
}: {
  maps: AttentionMaps;
  classLabels: readonly string[];
}) {
  const t = useSequenceMessages();
  const answerText = useAnswerText();
  const tokens = maps.tokens.map(tokenLabel);
  const answer = (labels: readonly number[]) =>
    labels.map((l) => answerText(classLabels[l] ?? String(l))).join(' ');
  return (
    <div className="attention">
      <AttentionScale />
      <p className="attention-answer">
        {t.answer}: <strong>{answer(maps.labels)}</strong> · {t.prediction}:{' '}
        <strong>{answer(maps.prediction)}</strong>
      </p>
      {maps.tokens.length < maps.originalLength && (
        <p className="control-note">{t.truncated(maps.tokens.length, maps.originalLength)}</p>
      )}
      {maps.weights.map((heads, layer) => (
        <div className="attention-layer" key={layer}>
          {heads.map((weights, head) => (
            <Heatmap
              key={head}
              weights={weights}
              tokens={tokens}
              label={t.mapLabel(layer + 1, head + 1)}
              aria={t.mapAria(layer + 1, head + 1, tokens.join(' '))}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
