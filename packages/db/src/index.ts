export * from './client';
export * from './people/person-values';
export * from './query-rows';
export * as schema from './schema';
export * from './testing/test-databases';
