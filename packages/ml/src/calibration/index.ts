export * from './isotonic-calibration';
export * from './platt-scaling';
export { scoresAsMatrix } from './scores';
