// The charts load their library on first draw (lazy.tsx); their prop types come from the modules themselves.
export { LossChart, AccuracyChart, holdChartsUntil, lazyChart } from './lazy';
export type { LossChartProps, CurveLabels } from './LossChart';
export { BoundaryCanvas, type BoundaryCanvasProps } from './BoundaryCanvas';
export { settleThrottledStores, useThrottledStore } from './useThrottledStore';
export * from './series';
export * from './boundaryPaint';
