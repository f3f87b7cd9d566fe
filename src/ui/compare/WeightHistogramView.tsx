import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import { weightHistogram, type ExperimentConfig, type WeightHistogram } from '../../core';
import { ENDED_STATUSES, type LaneState } from '../../store/compare';
import { useCompareMessages } from './messages';
import type { WeightsApi } from './weights.worker';

const cache = new Map<string, Promise<WeightHistogram>>();

export function histogramOf(config: ExperimentConfig, epochs: number): Promise<WeightHistogram> {
  const key = `${epochs}:${JSON.stringify(config)}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      const worker = new Worker(new URL('./weights.worker.ts', import.meta.url), {
        type: 'module',
        name: 'weights',
      });
      const api = Comlink.wrap<WeightsApi>(worker);
      try {
        return weightHistogram(await api.finalWeights(config, epochs), 21);
      } finally {
        api[Comlink.releaseProxy]();
        worker.terminate();
      }
    })();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

const WIDTH = 220;
const HEIGHT = 80;

/** A lane's weights as bars around zero, once the lane has ended; L1's pile at zero shows as one tall bar. */
export function WeightHistogramView({ lane, label }: { lane: LaneState; label: string }) {
  const t = useCompareMessages();
  const [histogram, setHistogram] = useState<WeightHistogram | null>(null);
  const ended = ENDED_STATUSES.includes(lane.status) && lane.status !== 'failed' && lane.history.length > 0;
  const epochs = lane.history.length;
  useEffect(() => {
    setHistogram(null);
    if (!ended) return;
    let live = true;
    histogramOf(lane.config, epochs).then(
      (result) => live && setHistogram(result),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ended, epochs, lane.config]);

  if (!histogram) {
    return (
      <div className="weight-histogram">
        <h4>{t.weights}</h4>
        <p className="hint">{ended ? t.loading : t.weightsWhenEnded}</p>
      </div>
    );
  }
  const total = histogram.counts.reduce((a, b) => a + b, 0);
  const tallest = Math.max(...histogram.counts, 1);
  const barWidth = WIDTH / histogram.counts.length;
  return (
    <figure className="weight-histogram" data-zeros={histogram.zeros}>
      <h4>{t.weights}</h4>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`${t.weightsOf(label)}: ${t.zeroWeights(histogram.zeros, total)}`}
      >
        {histogram.counts.map((count, i) => {
          const height = (count / tallest) * (HEIGHT - 4);
          const middle = i === (histogram.counts.length - 1) / 2;
          return (
            <rect
              key={i}
              x={i * barWidth + 1}
              y={HEIGHT - height}
              width={barWidth - 2}
              height={height}
              fill={middle ? '#d95f02' : '#1f3a5f'}
            />
          );
        })}
      </svg>
      <figcaption className="hint">
        {t.zeroWeights(histogram.zeros, total)} · ±
        {histogram.binStarts.length > 0 ? Math.abs(histogram.binStarts[0]!).toPrecision(2) : '0'}
      </figcaption>
    </figure>
  );
}
