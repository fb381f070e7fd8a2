export * from './blockers';
export * from './explain-score';
export * from './factors';
export * from './forecast-lead';
export * from './lead-signals';
export * from './score-lead';
