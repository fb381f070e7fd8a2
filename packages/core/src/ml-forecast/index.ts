export * from './cohorts';
export * from './forecast-context';
export * from './lead-description';
