export * from './blockers';
export * from './factors';
export * from './forecast-lead';
export * from './lead-signals';
export * from './score-lead';
