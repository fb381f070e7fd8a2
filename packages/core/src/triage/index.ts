export * from './blockers';
export * from './factors';
export * from './lead-signals';
export * from './score-lead';
