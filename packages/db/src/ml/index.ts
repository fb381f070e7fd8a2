export * from './model-registry';
export * from './prediction-inputs';
export * from './training-jobs';
export * from './training-snapshots';
