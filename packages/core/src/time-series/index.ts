export * from './count-quantiles';
export * from './weekly-forecast';
