import { describe, expect, it } from 'vitest';
import {
  describeDrivers,
  describeHealth,
  describeModel,
  featureLabel,
  formatInterval,
  predictionText,
} from './ml-format';
import type { LeadPrediction, MlHealth } from './types';

const open: LeadPrediction = {
  lead_id: 'a',
  prediction: 'will_not_convert',
  probability: 0.31,
  confidence: 0.7,
  confidence_label: 'medium',
  confidence_interval: { lower: 0.214, upper: 0.456, standard_error: 0.06 },
  top_drivers: [],
  stage: null,
};

const model = { id: 'm', algorithm: 'random_forest', cv_roc_auc: 0.7861, trained_at: '2026-03-01T10:00:00Z' };

describe('featureLabel', () => {
  it('names the features the way an admissions officer would', () => {
    expect(featureLabel('log_days_since_last_activity')).toBe('Days since last activity');
    expect(featureLabel('stage')).toBe('Stage');
    expect(featureLabel('month_cos')).toBe('Time of year');
    expect(featureLabel('month_sin')).toBe('Time of year');
    expect(featureLabel('attributes.lead_origin')).toBe('Lead origin');
  });

  it('humanises a feature it does not know, without the log prefix', () => {
    expect(featureLabel('log_open_days_attended')).toBe('Open days attended');
  });
});

describe('describeDrivers', () => {
  it('merges features with one label, orders by size of effect and says which way each pushes', () => {
    const drivers = describeDrivers([
      { feature: 'month_sin', contribution: 0.02 },
      { feature: 'log_days_since_last_activity', contribution: -0.12 },
      { feature: 'month_cos', contribution: 0.05 },
      { feature: 'stage', contribution: 0.2 },
      { feature: 'source', contribution: 0 },
    ]);
    expect(drivers.map(({ label, direction }) => [label, direction])).toEqual([
      ['Stage', 'raises'],
      ['Days since last activity', 'lowers'],
      ['Time of year', 'raises'],
    ]);
    expect(drivers[2]?.contribution).toBeCloseTo(0.07);
  });

  it('keeps only the largest few', () => {
    const many = ['a', 'b', 'c', 'd'].map((feature, i) => ({ feature, contribution: i + 1 }));
    expect(describeDrivers(many, 2).map((driver) => driver.label)).toEqual(['D', 'C']);
  });
});

describe('predictionText', () => {
  it('gives the verdict, or "Decided" for a lead whose outcome is known', () => {
    expect(predictionText({ ...open, prediction: 'will_convert' })).toBe('Will enrol');
    expect(predictionText(open)).toBe('Unlikely');
    expect(predictionText({ ...open, prediction: null, probability: null, stage: 'enrolled' })).toBe('Decided');
  });
});

describe('formatInterval', () => {
  it('shows the 95% interval as whole percentages', () => {
    expect(formatInterval({ lower: 0.214, upper: 0.456, standard_error: 0.06 })).toBe('95% interval: 21%–46%');
  });
});

describe('describeHealth', () => {
  it('names the active model with its cross-validated AUC', () => {
    expect(describeModel(model)).toBe('Random forest · CV ROC AUC 0.79');
    expect(describeHealth({ status: 'ready', active_model: model, training: null })).toBe(
      'Random forest · CV ROC AUC 0.79',
    );
  });

  it('reports training progress, or that there is no model', () => {
    const training: MlHealth = {
      status: 'training',
      active_model: null,
      training: { job_id: 'j', status: 'running', progress: 0.555, message: 'Fitting' },
    };
    expect(describeHealth(training)).toBe('Training a model… 56%');
    expect(describeHealth({ status: 'no_model', active_model: null, training: null })).toBe('No model yet');
  });
});
