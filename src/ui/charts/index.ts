// The charts load their library on first draw (lazy.tsx); their prop types come from the modules themselves.
export { LossChart, AccuracyChart, ChartPlace, holdChartsUntil, lazyChart, preloadCharts } from './lazy';
export type { LossChartProps } from './LossChart';
export type { CurveLabels } from './legend';
export { BoundaryCanvas, type BoundaryCanvasProps } from './BoundaryCanvas';
export { settleThrottledStores, useThrottledStore } from './useThrottledStore';
export * from './series';
export * from './boundaryPaint';
