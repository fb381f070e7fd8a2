import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGAGEMENT_TYPES, SOURCES } from '../crm/vocabulary';
import type { LeadSignals } from '../triage/lead-signals';
import { scoreImprovements, scoreLead, scoringContext } from '../triage/score-lead';

const context = scoringContext();

/** An engaged lead, silent for a week: high band, and a call today would raise the score. */
const hot: LeadSignals = {
  email: { present: true, valid: true },
  phone: { present: true, valid: true },
  contact_consent: true,
  source: 'referral',
  engagement: { email_open: 6, email_click: 3, web_visit: 5, event_attended: 1, portal_login: 2, call: 1 },
  days_since_last_activity: 3,
  course: { capacity: 60, committed: 20 },
};

describe('triage respects contact consent per channel', () => {
  it('suggests calling a hot lead only while they consent to phone contact', () => {
    const consenting = { ...hot, contact_channels: { email: true, sms: false, phone: true } };
    expect(scoreLead(consenting, context)).toMatchObject({ band: 'high', action: 'call_now' });
    expect(scoreImprovements(consenting, context, 10).map((i) => i.change)).toContain('Call them today');

    const withdrawn = { ...hot, contact_channels: { email: true, sms: false, phone: false } };
    expect(scoreLead(withdrawn, context)).toMatchObject({ band: 'high', action: 'nurture' });
    expect(scoreImprovements(withdrawn, context, 10).map((i) => i.change)).not.toContain('Call them today');
  });

  it('property: without phone consent, never call_now and never "Call them today"', () => {
    const signals = fc.record({
      email: fc.record({ present: fc.boolean(), valid: fc.boolean() }),
      phone: fc.record({ present: fc.boolean(), valid: fc.boolean() }),
      contact_consent: fc.constantFrom(true, false, null),
      contact_channels: fc.record({ email: fc.boolean(), sms: fc.boolean(), phone: fc.constant(false) }),
      source: fc.constantFrom(...SOURCES),
      engagement: fc.dictionary(fc.constantFrom(...ENGAGEMENT_TYPES), fc.nat(60)),
      days_since_last_activity: fc.option(fc.double({ min: 0, max: 800, noNaN: true })),
      course: fc.option(fc.record({ capacity: fc.option(fc.nat(300)), committed: fc.nat(400) })),
    });
    fc.assert(
      fc.property(signals, (lead) => {
        expect(scoreLead(lead, context).action).not.toBe('call_now');
        expect(scoreImprovements(lead, context, 10).map((i) => i.change)).not.toContain('Call them today');
      }),
    );
  });
});
