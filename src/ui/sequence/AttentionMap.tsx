import { useEffect, useRef } from 'react';
import { tokenLabel } from '../../core/sequence/tasks';
import type { AttentionMaps } from '../../core/sequence/trainer';
import { useAnswerText, useSequenceMessages } from './messages';

/** Cell size in pixels: 18 for short sequences, smaller for long ones so a map fits a lane. */
function cellSize(tokens: number): number {
  return Math.max(7, Math.min(18, Math.floor(280 / Math.max(1, tokens))));
}

/**
 * One head's T×T attention weights as a heatmap on a canvas (a grid of divs would be T² DOM
 * nodes per head, redrawn every epoch). Rows are queries, columns keys; tokens label both axes.
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
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = tokens.length;
  const CELL = cellSize(size);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, size * CELL, size * CELL);
    for (let query = 0; query < size; query++) {
      for (let key = 0; key < size; key++) {
        const w = weights[query * size + key] ?? 0;
        // Square root so weak but real attention stays visible beside a dominant key.
        const shade = Math.round(255 * (1 - Math.sqrt(Math.min(1, Math.max(0, w)))));
        context.fillStyle = `rgb(${shade}, ${Math.round(shade * 0.9 + 20)}, 255)`;
        context.fillRect(key * CELL, query * CELL, CELL, CELL);
      }
    }
  }, [weights, size, CELL]);
  return (
    <figure className="attention-map" style={{ fontSize: Math.min(10, CELL - 1) }}>
      <figcaption>{label}</figcaption>
      <div className="attention-grid" style={{ gridTemplateColumns: `auto ${size * CELL}px` }}>
        <span />
        <div className="attention-keys" aria-hidden="true" style={{ width: size * CELL }}>
          {tokens.map((token, i) => (
            <span key={i} style={{ width: CELL }}>
              {token}
            </span>
          ))}
        </div>
        <div className="attention-queries" aria-hidden="true">
          {tokens.map((token, i) => (
            <span key={i} style={{ height: CELL }}>
              {token}
            </span>
          ))}
        </div>
        <canvas ref={canvas} width={size * CELL} height={size * CELL} role="img" aria-label={aria} />
      </div>
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
