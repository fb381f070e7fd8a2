import { describe, expect, it } from 'vitest';
import { leadFeatures } from '../features/lead-features';
import { summariseCohorts } from './cohorts';
import { performanceTier, remainingTime, seasonalFactors } from './forecast-context';
import { snapshotFromDescription } from './lead-description';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('snapshotFromDescription', () => {
  it('maps the seed’s engagement_data and contact fields onto a snapshot', () => {
    const snapshot = snapshotFromDescription(
      {
        email: 'test@example.com',
        phone: '+44 7911 123456',
        source: 'organic_search',
        created_at: new Date('2026-11-13T12:00:00Z'),
        engagement_data: { email_opens: 8, email_clicks: 3, events_attended: 1, portal_logins: 2, web_visits: 6 },
      },
      { now: NOW, course: { level: 'undergraduate', demand_90d: 40, fill: 0.5 } },
    );
    expect(snapshot).toMatchObject({
      stage: 'enquirer',
      days_since_enquiry: 10,
      days_in_stage: 10,
      days_since_last_activity: null,
      touches_14d: 20,
      email_valid: true,
      phone_valid: true,
      course_level: 'undergraduate',
      course_demand_90d: 40,
    });
    expect(snapshot.engagement_90d).toEqual({
      email_open: 8,
      email_click: 3,
      web_visit: 6,
      portal_login: 2,
      event_attended: 1,
      call: 0,
      meeting: 0,
      form_submit: 0,
    });
    expect(leadFeatures(snapshot).log_email_open).toBeCloseTo(Math.log1p(8));
  });

  it('treats disposable e-mails and invalid phones as invalid, unknown courses and recency as missing', () => {
    const snapshot = snapshotFromDescription(
      { email: 'x@mailinator.com', phone: '12345', created_at: new Date('2026-09-01T00:00:00Z') },
      { now: NOW, course: null },
    );
    expect(snapshot).toMatchObject({ email_valid: false, phone_valid: false, source: 'unknown', touches_14d: 0 });
    const features = leadFeatures(snapshot);
    expect(features.log_course_demand_90d).toBeNaN();
    expect(features.log_days_since_last_activity).toBeNaN();
    expect(features.course_level).toBe('unknown');
  });
});

describe('remainingTime', () => {
  // 10 leads enrolled after each of 10, 20, …, 100 days in the stage.
  const durations = Array.from({ length: 10 }, (_, i) => ({ days: (i + 1) * 10, count: 10 }));

  it('conditions on the time already waited', () => {
    const fresh = remainingTime(durations, { daysInStage: 0, horizonDays: 30, modelHorizonDays: 365 });
    expect(fresh).toEqual({ share_within_horizon: 0.3, median_days: 50, sample_size: 100 });
    const waited = remainingTime(durations, { daysInStage: 55, horizonDays: 30, modelHorizonDays: 365 });
    // Left: 60…100 days, i.e. 5…45 more; within 30: 5, 15, 25.
    expect(waited).toEqual({ share_within_horizon: 0.6, median_days: 25, sample_size: 50 });
  });

  it('keeps only enrolments inside the model’s horizon, and says nothing from too few', () => {
    const capped = remainingTime(durations, { daysInStage: 0, horizonDays: 30, modelHorizonDays: 50 });
    expect(capped?.share_within_horizon).toBeCloseTo(0.6);
    expect(remainingTime(durations, { daysInStage: 95, horizonDays: 30, modelHorizonDays: 365 })).toBeNull();
  });
});

describe('performanceTier', () => {
  it('compares the lead with its cohort', () => {
    expect(performanceTier(0.833, 0.6)).toBe('high');
    expect(performanceTier(0.5, 0.55)).toBe('medium');
    expect(performanceTier(0.2, 0.5)).toBe('low');
  });
});

describe('seasonalFactors', () => {
  it('gives this month against an average month and the busiest month ahead', () => {
    const volumes = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, average: i + 1 === 1 ? 30 : 10 }));
    // Mean = (30 + 11 × 10) / 12 = 11.67; November is 10 / 11.67.
    expect(seasonalFactors(volumes, NOW)).toEqual({ current_month_factor: 10 / (140 / 12), next_peak_month: 1 });
    expect(seasonalFactors([], NOW)).toBeNull();
  });
});

describe('summariseCohorts', () => {
  const counts = [
    { key: 'ucas', label: 'ucas', size: 100, open: 20, enrolled: 48, lost: 32, median_days_to_enrol: 200 },
    { key: 'event', label: 'event', size: 50, open: 10, enrolled: 8, lost: 32, median_days_to_enrol: 150 },
    { key: 'agent', label: 'agent', size: 4, open: 1, enrolled: 3, lost: 0, median_days_to_enrol: null },
  ];

  it('gives each cohort its rate against the overall rate and the model’s expected enrolments', () => {
    const probabilities = new Map([['ucas', [0.5, 0.25, 0.75]]]);
    const { cohorts, overall_conversion_rate, suppressed } = summariseCohorts(counts, probabilities, 10);
    // Overall: 59 enrolled of 123 decided (the small cohort still counts towards it).
    expect(overall_conversion_rate).toBeCloseTo(59 / 123);
    expect(suppressed).toBe(1);
    expect(cohorts.map((c) => [c.key, c.conversion_rate, c.performance_tier])).toEqual([
      ['ucas', 0.6, 'high'],
      ['event', 0.2, 'low'],
    ]);
    expect(cohorts[0]).toMatchObject({ expected_enrolments: 1.5, mean_open_probability: 0.5 });
    expect(cohorts[1]).toMatchObject({ expected_enrolments: 0, mean_open_probability: null });
  });

  it('leaves expectations empty without a model', () => {
    expect(summariseCohorts(counts, null, 1).cohorts[0]).toMatchObject({
      expected_enrolments: null,
      mean_open_probability: null,
    });
  });
});
