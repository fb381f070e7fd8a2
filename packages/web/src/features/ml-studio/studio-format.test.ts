import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAINING_FORM,
  importanceBars,
  importanceSummary,
  jobStatusText,
  rocSummary,
  trainerLabel,
  trainingBody,
} from './studio-format';

describe('trainingBody', () => {
  it('sends a blank limit as null (every snapshot) and numbers as typed', () => {
    expect(trainingBody(DEFAULT_TRAINING_FORM)).toEqual({
      config: { model_type: 'gradient_boosting', feature_selection: true, cross_validation_folds: 5 },
      training_data_limit: null,
      save_model: true,
    });
    const typed = trainingBody({
      ...DEFAULT_TRAINING_FORM,
      cross_validation_folds: ' 3 ',
      training_data_limit: '2000',
    });
    expect(typed.config.cross_validation_folds).toBe(3);
    expect(typed.training_data_limit).toBe(2000);
  });

  it('leaves unreadable numbers for the server to name, rather than guessing', () => {
    const body = trainingBody({ ...DEFAULT_TRAINING_FORM, cross_validation_folds: '', training_data_limit: 'lots' });
    expect(body.config.cross_validation_folds).toBeNaN();
    expect(body.training_data_limit).toBeNaN();
    // JSON turns NaN into null, which the API reports as the field's error.
    expect(JSON.parse(JSON.stringify(body)).config.cross_validation_folds).toBeNull();
  });
});

describe('importanceBars', () => {
  it('adds up features that share a label, largest first, and folds the tail into "Other features"', () => {
    const bars = importanceBars(
      [
        { feature: 'stage', importance: 0.3 },
        { feature: 'month_sin', importance: 0.2 },
        { feature: 'month_cos', importance: 0.15 },
        { feature: 'source', importance: 0.2 },
        { feature: 'log_call', importance: 0.1 },
        { feature: 'log_meeting', importance: 0.05 },
      ],
      4,
    );
    expect(bars.map((bar) => bar.label)).toEqual(['Time of year', 'Stage', 'Source', 'Other features']);
    expect(bars[0]?.importance).toBeCloseTo(0.35);
    expect(bars[3]?.importance).toBeCloseTo(0.15);
    expect(importanceSummary(bars)).toBe('Most influential: Time of year (35%), Stage (30%), Source (20%).');
  });
});

describe('labels', () => {
  it('says who trained a model and how a job is doing', () => {
    expect(trainerLabel({ trained_by: null }, 'me')).toBe('Automatic (start-up)');
    expect(trainerLabel({ trained_by: 'me' }, 'me')).toBe('You');
    expect(trainerLabel({ trained_by: 'other' }, 'me')).toBe('An administrator');
    expect(jobStatusText({ status: 'running', progress: 0.426 })).toBe('Running · 43%');
    expect(jobStatusText({ status: 'completed', progress: 1 })).toBe('Completed');
  });

  it('summarises the ROC curve with the cross-validated AUC', () => {
    const metrics = { cv_roc_auc: 0.9512, cv_roc_auc_std: 0.0123, folds: 5 } as Parameters<typeof rocSummary>[0];
    expect(rocSummary(metrics)).toMatch(/^CV ROC AUC 0\.95 ± 0\.01 over 5 folds/);
  });
});
