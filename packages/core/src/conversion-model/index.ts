export * from './config';
export { INTERACTION_LEAD_FEATURES } from './features';
export {
  type ConversionPrediction,
  type LoadedConversionModel,
  loadConversionModel,
  type PredictOptions,
} from './model';
export {
  MIN_TRAINING_ROWS,
  type ProgressCallback,
  type TrainedConversionModel,
  type TrainingRow,
  trainConversionModel,
} from './train';
