// The charts' key, apart from the chart modules: a chart's place can show it before the chart
// library has loaded.

export interface CurveLabels {
  train: string;
  validation: string;
  gap?: string;
  x: string;
}

export const TRAIN_COLOR = '#1f3a5f';
export const VALIDATION_COLOR = '#e8590c';

/**
 * The key, in HTML beside the chart rather than recharts' <Legend>, which measures itself with
 * layout reads on every redraw (a measurable share of the main thread during training).
 */
export function CurveLegend({ labels }: { labels: CurveLabels }) {
  return (
    <p className="curve-legend">
      <span className="key-line" style={{ background: TRAIN_COLOR }} aria-hidden="true" /> {labels.train}
      <span className="key-line" style={{ background: VALIDATION_COLOR }} aria-hidden="true" />{' '}
      {labels.validation}
      {labels.gap && (
        <>
          <span className="key-band" aria-hidden="true" /> {labels.gap}
        </>
      )}
    </p>
  );
}
