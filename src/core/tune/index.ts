/** Tuning studies: search spaces, the Gaussian process, acquisition functions, tuners, objectives and exports. */
export * from './space';
export * from './gp';
export * from './acquisition';
export * from './quasi';
export * from './tuners';
export * from './objectives';
export * from './network';
export * from './study';
export * from './export';
export * from './explain';
export * from './journal';
export * from './importance';
export * from './continue';
