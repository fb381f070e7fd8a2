import type { LifecycleStage } from '@/lib/vocabulary';

export type MlConfidenceLabel = 'very_high' | 'high' | 'medium' | 'low';

/** One lead's answer from POST /ai/leads/predict-batch; `prediction` is null for a lead already enrolled or lost. */
export type LeadPrediction = {
  lead_id: string;
  prediction: 'will_convert' | 'will_not_convert' | null;
  probability: number | null;
  confidence: number | null;
  confidence_label: MlConfidenceLabel | null;
  confidence_interval: { lower: number; upper: number; standard_error: number } | null;
  top_drivers: { feature: string; contribution: number }[];
  stage: LifecycleStage | null;
};

export type PredictionBatch = { model_id: string; horizon_days: number; predictions: LeadPrediction[] };

/** GET /ai/advanced-ml/health. */
export type MlHealth = {
  status: 'ready' | 'training' | 'no_model';
  active_model: { id: string; algorithm: string; cv_roc_auc: number; trained_at: string } | null;
  training: { job_id: string; status: string; progress: number; message: string | null } | null;
};
