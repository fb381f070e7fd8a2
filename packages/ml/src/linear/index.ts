export * from './class-weight';
export * from './logistic-regression';
