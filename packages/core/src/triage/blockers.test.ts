import { describe, expect, it } from 'vitest';
import { alertDrafts, alertLevel, detectBlockers } from './blockers';
import { sourceRatesFrom } from './factors';
import type { LeadSignals } from './lead-signals';

const rates = sourceRatesFrom(null);

const complete: LeadSignals = {
  email: { present: true, valid: true },
  phone: { present: true, valid: true },
  contact_consent: true,
  source: 'referral',
  engagement: { email_open: 3, web_visit: 2 },
  days_since_last_activity: 3,
  course: { capacity: 60, committed: 10 },
};

describe('detectBlockers', () => {
  it('finds nothing wrong with a complete, active lead', () => {
    expect(detectBlockers(complete, rates)).toEqual([]);
  });

  it('flags the seed’s bare lead: no way to contact it is critical, and comes first', () => {
    const bare: LeadSignals = {
      ...complete,
      email: { present: false, valid: false },
      phone: { present: false, valid: false },
      contact_consent: null,
      source: 'unknown',
      engagement: {},
      days_since_last_activity: null,
      course: null,
    };
    const blockers = detectBlockers(bare, rates);
    expect(blockers[0]).toEqual({
      type: 'data_completeness',
      severity: 'critical',
      description: 'No valid e-mail address or phone number',
      action_required: 'Find a working e-mail address or phone number',
    });
    expect(blockers.map((blocker) => blocker.type)).toEqual([
      'data_completeness',
      'data_completeness',
      'engagement_stall',
      'source_quality',
      'data_completeness',
    ]);
    expect(blockers.map((blocker) => blocker.severity)).toEqual(['critical', 'high', 'high', 'medium', 'low']);
  });

  it('asks for a missing phone number as the seed’s example does', () => {
    const blockers = detectBlockers({ ...complete, phone: { present: false, valid: false } }, rates);
    expect(blockers).toEqual([
      {
        type: 'data_completeness',
        severity: 'medium',
        description: 'Phone number missing',
        action_required: 'Request phone number',
      },
    ]);
  });

  it('treats refused or missing GDPR consent as a high blocker', () => {
    expect(detectBlockers({ ...complete, contact_consent: false }, rates)[0]?.description).toBe(
      'Consent to contact refused',
    );
    expect(detectBlockers({ ...complete, contact_consent: null }, rates)[0]?.severity).toBe('high');
  });

  it('raises an engagement stall from 14 days of silence, high from 30', () => {
    const stall = (days: number) =>
      detectBlockers({ ...complete, days_since_last_activity: days }, rates).find(
        (blocker) => blocker.type === 'engagement_stall',
      );
    expect(stall(13)).toBeUndefined();
    expect(stall(14)).toMatchObject({ severity: 'medium', description: 'No activity for 14 days' });
    expect(stall(30)?.severity).toBe('high');
  });

  it('flags a source that rarely enrols, by observed outcomes', () => {
    const outcomes = { paid_social: { leads: 2000, enrolled: 60 }, referral: { leads: 500, enrolled: 150 } };
    const blockers = detectBlockers({ ...complete, source: 'paid_social' }, sourceRatesFrom(outcomes));
    expect(blockers).toEqual([expect.objectContaining({ type: 'source_quality', severity: 'low' })]);
    expect(detectBlockers(complete, sourceRatesFrom(outcomes))).toEqual([]);
  });

  it('warns when the course is nearly full and blocks when it is full', () => {
    const nearly = detectBlockers({ ...complete, course: { capacity: 40, committed: 37 } }, rates);
    expect(nearly).toEqual([
      expect.objectContaining({ severity: 'medium', description: 'Course nearly full: 3 of 40 seats left' }),
    ]);
    const full = detectBlockers({ ...complete, course: { capacity: 40, committed: 41 } }, rates);
    expect(full).toEqual([expect.objectContaining({ severity: 'high', description: 'Course is full' })]);
  });
});

describe('alertLevel', () => {
  it('escalates by severity, and one level more for a valuable lead', () => {
    expect(alertLevel('low', 500)).toBe(1);
    expect(alertLevel('medium', 500)).toBe(1);
    expect(alertLevel('high', 500)).toBe(2);
    expect(alertLevel('critical', 500)).toBe(3);
    expect(alertLevel('medium', 0.4 * 9535)).toBe(2);
    expect(alertLevel('high', 0.4 * 9535)).toBe(3);
    expect(alertLevel('critical', 0.4 * 9535)).toBe(3);
  });
});

describe('alertDrafts', () => {
  it('makes one alert per blocker type, led by its most severe blocker', () => {
    const blockers = detectBlockers(
      {
        ...complete,
        phone: { present: true, valid: false },
        contact_consent: null,
        days_since_last_activity: 40,
      },
      rates,
    );
    const drafts = alertDrafts(blockers, 500);
    expect(drafts.map((draft) => [draft.type, draft.severity, draft.level])).toEqual([
      ['data_completeness', 'high', 2],
      ['engagement_stall', 'high', 2],
    ]);
    expect(drafts[0]?.description).toBe('Phone number is invalid; No consent to contact recorded (GDPR)');
    expect(drafts[0]?.title).toBe('Contact details incomplete');
    expect(alertDrafts(blockers, 5000).map((draft) => draft.level)).toEqual([3, 3]);
  });
});
