export * from './cross-validate';
export type { Fold } from './folds';
export * from './group-k-fold';
export * from './k-fold';
export * from './search';
export * from './time-series-split';
export * from './train-test-split';
