import type { LifecycleStage } from '@/lib/vocabulary';
import type { ModelType } from '../../../../core/src/conversion-model/config';

/** The stages a forecast can start from: enrolled and lost leads are decided. */
export const OPEN_STAGES = ['enquirer', 'applicant', 'offer', 'accepted'] as const satisfies readonly LifecycleStage[];
export type OpenStage = (typeof OPEN_STAGES)[number];

export { MODEL_TYPES, type ModelType } from '../../../../core/src/conversion-model/config';

export type CalibrationBin = { predicted: number; observed: number; count: number };
export type RocPoint = { fpr: number; tpr: number };

/** The stored metrics of a model; `roc_curve` is missing from models trained before it was measured. */
export type ModelMetrics = {
  cv_roc_auc: number;
  cv_roc_auc_std: number;
  pr_auc: number;
  brier: number;
  ece: number;
  log_loss: number;
  rows: number;
  positives: number;
  folds: number;
  calibration_curve?: CalibrationBin[];
  roc_curve?: RocPoint[];
};

/** One entry of GET /ai/advanced-ml/models. */
export type ModelSummary = {
  id: string;
  algorithm: ModelType;
  input_features: string[];
  row_count: number;
  metrics: ModelMetrics;
  feature_importance: { feature: string; importance: number }[];
  trained_by: string | null;
  training_job_id: string | null;
  active: boolean;
  created_at: string;
  activated_at: string | null;
};

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';

/** GET /ai/advanced-ml/jobs/{id}, and the 202 answer of POST /ai/advanced-ml/train. */
export type TrainingJob = {
  id: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  result: { metrics?: Partial<ModelMetrics> } | null;
  model_id: string | null;
};

/** The body of POST /ai/advanced-ml/train (the seed's shape). */
export type TrainingBody = {
  config: { model_type: ModelType; feature_selection: boolean; cross_validation_folds: number };
  training_data_limit: number | null;
  save_model: boolean;
};

/** GET /ai/advanced-ml/feature-analysis. */
export type FeatureAnalysis = {
  model_id: string;
  algorithm: ModelType;
  trained_at: string;
  input_features: string[];
  feature_importance: { feature: string; importance: number }[];
  metrics: Omit<ModelMetrics, 'calibration_curve' | 'roc_curve'>;
  roc_curve: RocPoint[] | null;
  calibration_curve: CalibrationBin[];
};

export const ENGAGEMENT_FIELDS = [
  'email_opens',
  'email_clicks',
  'web_visits',
  'portal_logins',
  'events_attended',
  'calls',
  'meetings',
  'form_submits',
] as const;
export type EngagementField = (typeof ENGAGEMENT_FIELDS)[number];

/** The body of POST /ai/ml-models/forecast: a stored lead, or features typed in. */
export type ForecastRequest =
  | { lead_id: string }
  | {
      lead_features: {
        email?: string;
        phone?: string;
        source?: string;
        course_declared?: string;
        stage?: OpenStage;
        engagement_data?: Partial<Record<EngagementField, number>>;
      };
    };
