export * from './forecast-config';
export * from './forecasts';
export * from './lead-signals';
export * from './rescore-people';
export * from './scoring-weights';
export * from './source-outcomes';
export * from './sync-alerts';
export * from './triage-people';
