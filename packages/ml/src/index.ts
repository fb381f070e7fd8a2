export * from './baseline/prior-classifier';
export * from './errors';
export * from './estimator';
export * from './matrix';
export * from './random';
export * from './serialization';
export * from './tree/bin-mapper';
export * from './tree/tree';
