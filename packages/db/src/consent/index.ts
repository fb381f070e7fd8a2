export * from './consent-records';
export * from './seed-consent-records';
