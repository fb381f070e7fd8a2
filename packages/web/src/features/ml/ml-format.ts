import type { BadgeTone } from '@/components/ui/badge';
import { formatPercent } from '@/features/lead/triage-format';
import { humanize } from '@/lib/format';
import type { LeadPrediction, MlConfidenceLabel, MlHealth } from './types';

/** Names for the model's features that an admissions officer recognises; the log scaling is an implementation detail. */
const FEATURE_LABELS: Record<string, string> = {
  log_email_open: 'E-mails opened',
  log_email_click: 'E-mail links clicked',
  log_web_visit: 'Website visits',
  log_portal_login: 'Portal logins',
  log_event_attended: 'Events attended',
  log_call: 'Calls',
  log_meeting: 'Meetings',
  log_form_submit: 'Forms submitted',
  log_touches_90d: 'Touchpoints in 90 days',
  click_rate: 'E-mail click rate',
  engagement_composite: 'Overall engagement',
  touches_14d_share: 'Recent engagement share',
  log_days_since_last_activity: 'Days since last activity',
  log_days_since_enquiry: 'Days since enquiry',
  log_days_in_stage: 'Days in stage',
  email_valid: 'Valid e-mail',
  phone_valid: 'Valid phone',
  contact_consent: 'Contact consent',
  log_course_demand_90d: 'Course demand',
  course_fill: 'Course fill',
  month_sin: 'Time of year',
  month_cos: 'Time of year',
  academic_week: 'Week of the academic year',
  phase_peak: 'Peak season',
  phase_clearing: 'Clearing',
  phase_holiday: 'Holiday period',
  engagement_x_recency: 'Recent engagement',
  source: 'Source',
  stage: 'Stage',
  course_level: 'Course level',
};

/**
 * "log_days_since_last_activity" → "Days since last activity"; an imported attribute ("attributes.lead_origin") or an
 * unknown feature is humanised as it stands.
 */
export function featureLabel(feature: string): string {
  return FEATURE_LABELS[feature] ?? humanize(feature.replace(/^attributes\./, '').replace(/^log_/, ''));
}

export type Driver = { label: string; contribution: number; direction: 'raises' | 'lowers' };

/**
 * The drivers as a reader sees them: features sharing a label (month_sin and month_cos are both "Time of year") are
 * summed, zero contributions dropped, largest effect first.
 */
export function describeDrivers(drivers: LeadPrediction['top_drivers'], limit = 5): Driver[] {
  const byLabel = new Map<string, number>();
  for (const { feature, contribution } of drivers) {
    const label = featureLabel(feature);
    byLabel.set(label, (byLabel.get(label) ?? 0) + contribution);
  }
  return [...byLabel]
    .filter(([, contribution]) => contribution !== 0)
    .sort(([, a], [, b]) => Math.abs(b) - Math.abs(a))
    .slice(0, limit)
    .map(([label, contribution]) => ({ label, contribution, direction: contribution > 0 ? 'raises' : 'lowers' }));
}

/** The table's short verdict: "Will enrol", "Unlikely", or "Decided" once the lead has enrolled or been lost. */
export function predictionText(prediction: LeadPrediction): string {
  if (prediction.prediction === 'will_convert') return 'Will enrol';
  if (prediction.prediction === 'will_not_convert') return 'Unlikely';
  return 'Decided';
}

export const PREDICTION_TONE: Record<NonNullable<LeadPrediction['prediction']>, BadgeTone> = {
  will_convert: 'success',
  will_not_convert: 'neutral',
};

export const ML_CONFIDENCE_TEXT: Record<MlConfidenceLabel, string> = {
  very_high: 'Very high',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const ML_CONFIDENCE_TONE: Record<MlConfidenceLabel, BadgeTone> = {
  very_high: 'info',
  high: 'info',
  medium: 'outline',
  low: 'warning',
};

/** "95% interval: 41%–63%". */
export function formatInterval(interval: NonNullable<LeadPrediction['confidence_interval']>): string {
  return `95% interval: ${formatPercent(interval.lower)}–${formatPercent(interval.upper)}`;
}

const ALGORITHM_LABELS: Record<string, string> = {
  random_forest: 'Random forest',
  gradient_boosting: 'Gradient boosting',
  logistic_regression: 'Logistic regression',
  ensemble: 'Ensemble',
};

/** "Gradient boosting · CV ROC AUC 0.81". */
export function describeModel(model: NonNullable<MlHealth['active_model']>): string {
  return `${ALGORITHM_LABELS[model.algorithm] ?? humanize(model.algorithm)} · CV ROC AUC ${model.cv_roc_auc.toFixed(2)}`;
}

/** What the toolbar says about the model: "Training a model… 40%", "No model yet", or the active model. */
export function describeHealth(health: MlHealth): string {
  if (health.status === 'ready' && health.active_model) return describeModel(health.active_model);
  if (health.status === 'training') {
    return `Training a model… ${formatPercent(health.training?.progress ?? 0)}`;
  }
  return 'No model yet';
}
