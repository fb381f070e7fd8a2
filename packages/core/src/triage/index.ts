export * from './blockers';
export * from './explain-score';
export * from './factors';
export * from './forecast-lead';
export * from './lead-signals';
export * from './optimise-weights';
export * from './score-lead';
export * from './vocabulary';
