export * from './encode-target';
export * from './one-hot-encoder';
export * from './simple-imputer';
export * from './standard-scaler';
export { type Table, tableColumn } from './table';
export * from './table-encoder';
