export * from './random-forest';
