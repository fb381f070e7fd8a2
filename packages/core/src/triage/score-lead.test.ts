import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGAGEMENT_TYPES, SOURCES } from '../crm/vocabulary';
import type { LeadSignals } from './lead-signals';
import {
  DEFAULT_FACTOR_WEIGHTS,
  type ScoringContext,
  scoreImprovements,
  scoreLead,
  scoringContext,
} from './score-lead';

const context: ScoringContext = scoringContext();

/** The seed's curl example: nothing known but an unknown source. */
const bare: LeadSignals = {
  email: { present: false, valid: false },
  phone: { present: false, valid: false },
  contact_consent: null,
  source: 'unknown',
  engagement: {},
  days_since_last_activity: null,
  course: null,
};

const strong: LeadSignals = {
  email: { present: true, valid: true },
  phone: { present: true, valid: true },
  contact_consent: true,
  source: 'referral',
  engagement: { email_open: 6, email_click: 3, web_visit: 5, event_attended: 1, portal_login: 2 },
  days_since_last_activity: 2,
  course: { capacity: 60, committed: 20 },
};

const signalsArbitrary: fc.Arbitrary<LeadSignals> = fc.record({
  email: fc.record({ present: fc.boolean(), valid: fc.boolean() }),
  phone: fc.record({ present: fc.boolean(), valid: fc.boolean() }),
  contact_consent: fc.constantFrom(true, false, null),
  source: fc.constantFrom(...SOURCES),
  engagement: fc.dictionary(fc.constantFrom(...ENGAGEMENT_TYPES), fc.nat(60)),
  days_since_last_activity: fc.option(fc.double({ min: 0, max: 800, noNaN: true })),
  course: fc.option(fc.record({ capacity: fc.option(fc.nat(300)), committed: fc.nat(400) })),
});

describe('scoreLead', () => {
  it('scores the seed’s bare lead low and asks for contact details first', () => {
    const result = scoreLead(bare, context);
    expect(result.score).toBeLessThan(10);
    expect(result.band).toBe('low');
    expect(result.action).toBe('verify_data');
    expect(result.confidence).toBe(0.3);
    expect(result.reasons).toContain('No e-mail, no phone, no consent recorded (lowers the score)');
  });

  it('puts an engaged, reachable referral with seats left in the high band to call now', () => {
    const result = scoreLead(strong, context);
    expect(result.band).toBe('high');
    expect(result.action).toBe('call_now');
    // Full-marks factors lead the reasons.
    expect(result.reasons.slice(0, 2)).toEqual([
      'Source "referral" enrols 30% (sector estimate, no outcomes yet)',
      'Valid e-mail, valid phone, consent to contact',
    ]);
    expect(result.factors.find((factor) => factor.factor === 'course_fit')?.reason).toBe(
      'Course chosen, 40 seats left of 60',
    );
  });

  it('is the weighted share of the points available, and the factor contributions add up to it', () => {
    const result = scoreLead(strong, context);
    const share = result.factors.reduce((sum, factor) => sum + factor.points, 0) / 125;
    expect(result.score).toBeCloseTo(100 * share, 0);
    const total = result.factors.reduce((sum, factor) => sum + factor.contribution, 0);
    expect(Math.abs(total - result.score)).toBeLessThan(0.3);
  });

  it('re-engages a low, silent lead rather than nurturing it', () => {
    const silent = { ...bare, email: { present: true, valid: true }, days_since_last_activity: 45 };
    expect(scoreLead(silent, context).action).toBe('re_engage');
    expect(scoreLead({ ...silent, days_since_last_activity: 5 }, context).action).toBe('nurture');
  });

  it('takes source quality from observed outcomes, shrunk towards the overall rate', () => {
    const outcomes = { referral: { leads: 10, enrolled: 10 }, paid_social: { leads: 990, enrolled: 90 } };
    const referral = scoreLead(strong, scoringContext(DEFAULT_FACTOR_WEIGHTS, outcomes)).factors.find(
      (factor) => factor.factor === 'source_quality',
    );
    // (10 + 30 × 0.3 prior) / (10 + 30) = 0.475: ten perfect leads do not make 100%.
    expect(referral?.reason).toBe('Source "referral" enrols 48% (observed over 10 leads)');
    expect(referral?.points).toBe(20);
    const paid = scoreLead({ ...strong, source: 'paid_social' }, scoringContext(DEFAULT_FACTOR_WEIGHTS, outcomes));
    // (90 + 30 × 0.06) / (990 + 30) = 0.09 of the 0.3 that earns full points.
    expect(paid.factors.find((factor) => factor.factor === 'source_quality')?.points).toBeCloseTo(6, 1);
    expect(paid.confidence).toBeGreaterThan(scoreLead(strong, context).confidence);
  });

  it('normalises the weights, and a factor with weight zero no longer counts', () => {
    const doubled = Object.fromEntries(Object.entries(DEFAULT_FACTOR_WEIGHTS).map(([k, w]) => [k, w * 2]));
    expect(scoreLead(strong, { ...context, weights: doubled as typeof DEFAULT_FACTOR_WEIGHTS }).score).toBe(
      scoreLead(strong, context).score,
    );
    const onlyContact = { engagement: 0, recency: 0, source_quality: 0, contactability: 1, course_fit: 0 };
    expect(scoreLead(strong, { ...context, weights: onlyContact }).score).toBe(100);
  });

  it('stays within 0–100 and never drops when the lead engages more', () => {
    fc.assert(
      fc.property(signalsArbitrary, fc.constantFrom(...ENGAGEMENT_TYPES), (signals, type) => {
        const before = scoreLead(signals, context);
        expect(before.score).toBeGreaterThanOrEqual(0);
        expect(before.score).toBeLessThanOrEqual(100);
        expect(before.confidence).toBeGreaterThanOrEqual(0.3);
        expect(before.confidence).toBeLessThanOrEqual(1);
        const more = { ...signals, engagement: { ...signals.engagement, [type]: (signals.engagement[type] ?? 0) + 1 } };
        expect(scoreLead(more, context).score).toBeGreaterThanOrEqual(before.score);
      }),
    );
  });
});

describe('scoreImprovements', () => {
  it('names the one or two changes that raise the score most, with their gains', () => {
    const noPhone = { ...strong, phone: { present: false, valid: false } };
    const [first, ...rest] = scoreImprovements(noPhone, context);
    // Contactability weighs 0.16; a valid phone is 8 of its 20 points: 0.16 × 8/20 × 100 = 6.4.
    expect(first).toEqual({ change: 'Get a valid phone number', score_gain: 6.4 });
    expect(rest).toHaveLength(1);
    expect(rest[0]?.score_gain).toBeLessThanOrEqual(6.4);
  });

  it('only ever suggests changes that raise the score', () => {
    fc.assert(
      fc.property(signalsArbitrary, (signals) => {
        const improvements = scoreImprovements(signals, context, 6);
        for (const improvement of improvements) expect(improvement.score_gain).toBeGreaterThan(0);
        const gains = improvements.map((improvement) => improvement.score_gain);
        expect(gains).toEqual([...gains].sort((a, b) => b - a));
      }),
    );
  });
});
