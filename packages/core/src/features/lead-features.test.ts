import { describe, expect, it } from 'vitest';
import { academicPhase, academicWeek, cycleStart, monthCycle } from './academic-calendar';
import { CATEGORICAL_LEAD_FEATURES, type LeadSnapshot, leadFeatures, NUMERIC_LEAD_FEATURES } from './lead-features';

const quiet: LeadSnapshot = {
  as_of: new Date('2026-01-10T09:00:00Z'),
  source: 'referral',
  stage: 'applicant',
  days_in_stage: 12,
  days_since_enquiry: 40,
  days_since_last_activity: null,
  engagement_90d: {
    email_open: 0,
    email_click: 0,
    web_visit: 0,
    portal_login: 0,
    event_attended: 0,
    call: 0,
    meeting: 0,
    form_submit: 0,
  },
  touches_14d: 0,
  email_valid: true,
  phone_valid: false,
  contact_consent: true,
  course_level: null,
  course_demand_90d: null,
  course_fill: null,
};

describe('the admissions calendar', () => {
  it('starts the cycle on 1 September and counts its weeks from there', () => {
    expect(cycleStart(new Date('2026-08-31T23:00:00Z')).toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(cycleStart(new Date('2026-09-01T00:00:00Z')).toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(academicWeek(new Date('2026-09-01T00:00:00Z'))).toBe(1);
    expect(academicWeek(new Date('2026-09-08T00:00:00Z'))).toBe(2);
    expect(academicWeek(new Date('2027-08-31T00:00:00Z'))).toBe(53);
  });

  it('marks the peak, Clearing and the Christmas lull', () => {
    expect(academicPhase(new Date('2026-10-15T00:00:00Z'))).toEqual({ peak: true, clearing: false, holiday: false });
    expect(academicPhase(new Date('2026-08-13T00:00:00Z'))).toEqual({ peak: false, clearing: true, holiday: false });
    expect(academicPhase(new Date('2026-07-04T00:00:00Z')).clearing).toBe(false);
    expect(academicPhase(new Date('2026-12-27T00:00:00Z'))).toEqual({ peak: true, clearing: false, holiday: true });
    expect(academicPhase(new Date('2026-04-10T00:00:00Z'))).toEqual({ peak: false, clearing: false, holiday: false });
  });

  it('puts December next to January on the month circle', () => {
    const december = monthCycle(new Date('2026-12-15T00:00:00Z'));
    const january = monthCycle(new Date('2027-01-15T00:00:00Z'));
    const june = monthCycle(new Date('2027-06-15T00:00:00Z'));
    const distance = (a: typeof june, b: typeof june) =>
      Math.hypot(a.month_sin - b.month_sin, a.month_cos - b.month_cos);
    expect(distance(december, january)).toBeLessThan(distance(december, june));
  });
});

describe('leadFeatures', () => {
  it('gives every named feature, numeric ones as numbers with NaN for missing', () => {
    const features = leadFeatures(quiet);
    for (const name of NUMERIC_LEAD_FEATURES) expect(typeof features[name]).toBe('number');
    for (const name of CATEGORICAL_LEAD_FEATURES) expect(typeof features[name]).toBe('string');
    expect(features.log_days_since_last_activity).toBeNaN();
    expect(features.course_fill).toBeNaN();
    expect(features.course_level).toBe('unknown');
    expect(features).toMatchObject({ log_touches_90d: 0, click_rate: 0, phase_peak: 1, phase_holiday: 0 });
  });

  it('rewards recent, rich engagement over the same engagement gone quiet', () => {
    const engagement = { ...quiet.engagement_90d, email_open: 6, email_click: 3, event_attended: 1 };
    const recent = leadFeatures({ ...quiet, engagement_90d: engagement, days_since_last_activity: 1, touches_14d: 8 });
    const stale = leadFeatures({ ...quiet, engagement_90d: engagement, days_since_last_activity: 60, touches_14d: 0 });
    expect(recent.click_rate).toBeCloseTo(3 / 7);
    expect(recent.log_touches_90d).toBeCloseTo(Math.log1p(10));
    expect(recent.touches_14d_share).toBeCloseTo(0.8);
    expect(recent.engagement_x_recency).toBeGreaterThan(stale.engagement_x_recency);
    expect(recent.engagement_composite).toBe(stale.engagement_composite);
  });
});
