export * from './voting-ensemble';
