import { featureLabel } from '@/features/ml/ml-format';
import { humanize } from '@/lib/format';
import type { FeatureAnalysis, ModelMetrics, ModelSummary, ModelType, TrainingBody, TrainingJob } from './types';

export const ALGORITHM_LABELS: Record<ModelType, string> = {
  random_forest: 'Random forest',
  gradient_boosting: 'Gradient boosting',
  logistic_regression: 'Logistic regression',
  ensemble: 'Ensemble',
};

export const ALGORITHM_HINTS: Record<ModelType, string> = {
  random_forest: 'Many decision trees voting; robust with little tuning.',
  gradient_boosting: 'Trees built one after another, each fixing the last; usually the most accurate.',
  logistic_regression: 'A weighted sum of the features; fast and easy to explain.',
  ensemble: 'The three above averaged; steadier, slower to train.',
};

export function algorithmLabel(algorithm: string): string {
  return ALGORITHM_LABELS[algorithm as ModelType] ?? humanize(algorithm);
}

const fixed = (digits: number) =>
  new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const three = fixed(3);
const two = fixed(2);

/** "0.812 ± 0.014": the mean over the folds and its spread. */
export function formatAuc(mean: number, std?: number): string {
  return std === undefined ? three.format(mean) : `${three.format(mean)} ± ${three.format(std)}`;
}

export type ComparedMetric = {
  key: 'cv_roc_auc' | 'pr_auc' | 'brier' | 'ece' | 'log_loss' | 'rows';
  label: string;
  /** Which way is better; null for counts that only describe the training set. */
  better: 'higher' | 'lower' | null;
  hint: string;
};

export const COMPARED_METRICS: ComparedMetric[] = [
  { key: 'cv_roc_auc', label: 'CV ROC AUC', better: 'higher', hint: 'How well it ranks enrolments above the rest' },
  { key: 'pr_auc', label: 'PR AUC', better: 'higher', hint: 'Precision over recall: finding enrolments' },
  { key: 'brier', label: 'Brier score', better: 'lower', hint: 'Mean squared error of the probabilities' },
  { key: 'ece', label: 'Calibration error (ECE)', better: 'lower', hint: 'Gap between predicted and observed' },
  { key: 'log_loss', label: 'Log loss', better: 'lower', hint: 'Penalises confident mistakes' },
  { key: 'rows', label: 'Training snapshots', better: null, hint: 'Lead snapshots with a known outcome' },
];

export function formatMetric(metrics: ModelMetrics, key: ComparedMetric['key']): string {
  if (key === 'cv_roc_auc') return formatAuc(metrics.cv_roc_auc, metrics.cv_roc_auc_std);
  if (key === 'rows') return new Intl.NumberFormat('en-GB').format(metrics.rows);
  return three.format(metrics[key]);
}

export type ComparisonRow = ComparedMetric & { cells: { text: string; best: boolean }[] };

/**
 * The models' metrics side by side, one row per metric, with the best value of each row marked (ties all marked);
 * rows whose metric has no better direction mark nothing.
 */
export function compareModels(models: readonly ModelSummary[]): ComparisonRow[] {
  return COMPARED_METRICS.map((metric) => {
    const values = models.map((model) => model.metrics[metric.key]);
    const best = metric.better === null ? null : metric.better === 'higher' ? Math.max(...values) : Math.min(...values);
    return {
      ...metric,
      cells: models.map((model, i) => ({
        text: formatMetric(model.metrics, metric.key),
        best: best !== null && models.length > 1 && values[i] === best,
      })),
    };
  });
}

/** Who trained a model, as the signed-in user reads it; a model without a trainer came from start-up. */
export function trainerLabel(model: Pick<ModelSummary, 'trained_by'>, meId: string): string {
  if (model.trained_by === null) return 'Automatic (start-up)';
  return model.trained_by === meId ? 'You' : 'An administrator';
}

export type TrainingForm = {
  model_type: ModelType;
  feature_selection: boolean;
  cross_validation_folds: string;
  training_data_limit: string;
  save_model: boolean;
};

export const DEFAULT_TRAINING_FORM: TrainingForm = {
  model_type: 'gradient_boosting',
  feature_selection: true,
  cross_validation_folds: '5',
  training_data_limit: '',
  save_model: true,
};

/**
 * The request body for the form as typed: a blank limit means "every snapshot"; anything else is sent as the number
 * it reads as (NaN becomes null in JSON) so the server's validation, not a guess here, names what is wrong.
 */
export function trainingBody(form: TrainingForm): TrainingBody {
  const limit = form.training_data_limit.trim();
  const folds = form.cross_validation_folds.trim();
  return {
    config: {
      model_type: form.model_type,
      feature_selection: form.feature_selection,
      cross_validation_folds: folds === '' ? Number.NaN : Number(folds),
    },
    training_data_limit: limit === '' ? null : Number(limit),
    save_model: form.save_model,
  };
}

/** "Queued", "Running · 40%", "Completed", "Failed". */
export function jobStatusText(job: Pick<TrainingJob, 'status' | 'progress'>): string {
  if (job.status === 'running') return `Running · ${Math.round(job.progress * 100)}%`;
  return humanize(job.status);
}

export type ImportanceBar = { label: string; importance: number };

/**
 * Importance by the names readers know, largest first: features sharing a label (the two halves of "Time of year")
 * are added together, and the tail beyond `limit` becomes one "Other features" bar.
 */
export function importanceBars(importance: FeatureAnalysis['feature_importance'], limit = 12): ImportanceBar[] {
  const byLabel = new Map<string, number>();
  for (const { feature, importance: share } of importance) {
    const label = featureLabel(feature);
    byLabel.set(label, (byLabel.get(label) ?? 0) + share);
  }
  const bars = [...byLabel].map(([label, share]) => ({ label, importance: share }));
  bars.sort((a, b) => b.importance - a.importance);
  if (bars.length <= limit) return bars;
  const rest = bars.slice(limit - 1).reduce((sum, bar) => sum + bar.importance, 0);
  return [...bars.slice(0, limit - 1), { label: 'Other features', importance: rest }];
}

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

/** The charts' text equivalents: what a sighted reader takes from each at a glance. */
export function importanceSummary(bars: readonly ImportanceBar[]): string {
  const top = bars.slice(0, 3).map((bar) => `${bar.label} (${percent.format(bar.importance)})`);
  return top.length === 0 ? 'No feature importance was recorded.' : `Most influential: ${top.join(', ')}.`;
}

export function rocSummary(metrics: FeatureAnalysis['metrics']): string {
  return (
    `CV ROC AUC ${two.format(metrics.cv_roc_auc)} ± ${two.format(metrics.cv_roc_auc_std)} over ${metrics.folds} ` +
    'folds: 0.5 is chance, 1 ranks every enrolment above every other lead.'
  );
}

export function calibrationSummary(metrics: FeatureAnalysis['metrics']): string {
  return (
    `Calibration error ${three.format(metrics.ece)}: on average a predicted probability is ` +
    `${Math.round(metrics.ece * 100)} percentage points from the share that enrolled.`
  );
}
