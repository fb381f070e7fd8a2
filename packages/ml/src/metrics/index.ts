export * from './calibration-curve';
export * from './classification';
export * from './regression';
export * from './roc-curve';
