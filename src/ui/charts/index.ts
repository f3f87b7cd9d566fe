export { LossChart, type LossChartProps, type CurveLabels } from './LossChart';
export { AccuracyChart } from './AccuracyChart';
export { BoundaryCanvas, type BoundaryCanvasProps } from './BoundaryCanvas';
export { settleThrottledStores, useThrottledStore } from './useThrottledStore';
export * from './series';
export * from './boundaryPaint';
