export * from './calibration-curve';
export * from './classification';
export * from './regression';
