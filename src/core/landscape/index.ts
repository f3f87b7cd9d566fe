/** The loss landscape around a network's weights, its optimizer's path, and the learning-rate range test. */
export * from './plane';
export * from './lr-range';
export * from './landscape';
