import { useMemo } from 'react';
import { weightHistogram } from '../../core/lessons/weights';
import type { LaneState } from '../../store/compare';
import { useCompareMessages } from './messages';
import { useLaneWeights } from './session';

const WIDTH = 220;
const HEIGHT = 80;

/**
 * A lane's weights as bars around zero, read from its worker when the lane pauses or ends; L1's
 * pile at zero shows as one tall bar.
 */
export function WeightHistogramView({ lane, label }: { lane: LaneState; label: string }) {
  const t = useCompareMessages();
  const weights = useLaneWeights((state) => state[lane.id]);
  const histogram = useMemo(() => (weights ? weightHistogram(weights, 21) : null), [weights]);

  if (!histogram) {
    return (
      <div className="weight-histogram">
        <h4>{t.weights}</h4>
        <p className="hint">{t.weightsWhenEnded}</p>
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
