import { describe, expect, it } from 'vitest';
import { applyForecastConfigPatch, DEFAULT_FORECAST_CONFIG, forecastLead, forecastProbability } from './forecast-lead';
import type { LeadSignals } from './lead-signals';
import { scoreLead, scoringContext } from './score-lead';

const context = scoringContext();

const seedExample: LeadSignals = {
  email: { present: true, valid: true },
  phone: { present: true, valid: true },
  contact_consent: null,
  source: 'organic_search',
  engagement: {},
  days_since_last_activity: null,
  course: null,
};

describe('forecastLead', () => {
  it('is sigmoid(bias + Σ weight × points) with the seed’s defaults', () => {
    const score = scoreLead(seedExample, context);
    const points = Object.fromEntries(score.factors.map((factor) => [factor.factor, factor.points]));
    const margin =
      -3 +
      0.085 * (points.engagement ?? 0) +
      0.07 * (points.recency ?? 0) +
      0.06 * (points.source_quality ?? 0) +
      0.055 * (points.contactability ?? 0) +
      0.05 * (points.course_fit ?? 0);
    const forecast = forecastLead(score, DEFAULT_FORECAST_CONFIG);
    expect(forecast.probability).toBeCloseTo(1 / (1 + Math.exp(-margin)), 3);
    expect(
      forecastProbability(points as Parameters<typeof forecastProbability>[0], DEFAULT_FORECAST_CONFIG),
    ).toBeCloseTo(1 / (1 + Math.exp(-margin)), 12);
    expect(forecast.probability).toBeLessThan(0.25);
    expect(forecast.eta_days).toBeNull();
    expect(forecast.risks).toContain('No engagement in the last 90 days');
    expect(forecast.drivers).toContain('Valid e-mail, valid phone, no consent recorded');
  });

  it('gives an ETA that engagement shortens once the probability reaches 0.25', () => {
    const engaged = {
      ...seedExample,
      contact_consent: true,
      engagement: { event_attended: 3, email_click: 4, web_visit: 6 },
      days_since_last_activity: 1,
      course: { capacity: 60, committed: 10 },
    };
    const forecast = forecastLead(scoreLead(engaged, context), DEFAULT_FORECAST_CONFIG);
    expect(forecast.probability).toBeGreaterThan(0.9);
    const engagementShare = forecast.explanation.engagement;
    expect(forecast.eta_days).toBeLessThan(45);
    // Rounded to whole days from the unrounded share (explanation shows it to two decimals).
    expect(Math.abs((forecast.eta_days ?? 0) - (45 - 20 * engagementShare))).toBeLessThanOrEqual(0.6);
  });
});

describe('applyForecastConfigPatch', () => {
  it('merges a partial change, weights included', () => {
    const result = applyForecastConfigPatch(DEFAULT_FORECAST_CONFIG, { weights: { engagement_points: 0.1 } });
    expect(result.success && result.data.weights).toEqual({
      ...DEFAULT_FORECAST_CONFIG.weights,
      engagement_points: 0.1,
    });
  });

  it('refuses a change that makes the whole invalid, naming the field', () => {
    const result = applyForecastConfigPatch(DEFAULT_FORECAST_CONFIG, { eta_engagement_shortening_max: 60 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['eta_engagement_shortening_max']);
    const negative = applyForecastConfigPatch(DEFAULT_FORECAST_CONFIG, { min_probability_for_eta: 1.5 });
    expect(negative.error?.issues[0]?.path).toEqual(['min_probability_for_eta']);
  });
});
