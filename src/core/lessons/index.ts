/** Lessons: preset comparisons that each show what one hyperparameter does, and the lane helpers. */
export * from './names';
export * from './lessons';
export * from './lanes';
export * from './weights';
