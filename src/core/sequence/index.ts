/** Sequences: toy tasks, a tiny transformer and an LSTM, their trainer and lessons. */
export * from './tasks';
export * from './config';
export * from './model';
export * from './trainer';
export * from './lessons';
