export * from './cohort-analysis';
export * from './forecast-evidence';
export * from './ml-predictions';
export * from './model-analysis';
export * from './model-registry';
export * from './prediction-inputs';
export * from './training-jobs';
export * from './training-snapshots';
