export * from './lead-signals';
export * from './rescore-people';
export * from './scoring-weights';
export * from './source-outcomes';
