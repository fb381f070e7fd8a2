import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_CONSENT_COLUMNS, CONTACT_CONSENT_TYPES, isContactConsentType } from './contact-consent';
import { type ConsentRecord, consentDecision, currentConsents } from './current-consent';
import { CONSENT_SOURCES, CONSENT_TYPES, DATA_CATEGORIES } from './vocabulary';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY);

function record(overrides: Partial<ConsentRecord>): ConsentRecord {
  return {
    consent_type: 'email_contact',
    granted: true,
    purpose: 'Course updates',
    data_categories: [],
    source: 'web_form',
    recorded_at: daysFromNow(-10),
    expires_at: null,
    ...overrides,
  };
}

describe('currentConsents', () => {
  it('reports every type, not recorded when it has no history', () => {
    const current = currentConsents([], NOW);
    expect(Object.keys(current).sort()).toEqual([...CONSENT_TYPES].sort());
    expect(current.marketing).toEqual({ granted: false, expired: false, state: 'not_recorded', record: null });
  });

  it('tells a withdrawal (after a grant) from a refusal (no grant before)', () => {
    const grant = record({ recorded_at: daysFromNow(-30) });
    const withdrawal = record({ granted: false, recorded_at: daysFromNow(-1), source: 'staff' });
    const smsRefusal = record({ consent_type: 'sms_contact', granted: false });
    const current = currentConsents([withdrawal, smsRefusal, grant], NOW);
    expect(current.email_contact).toMatchObject({ state: 'withdrawn', granted: false, record: withdrawal });
    expect(current.sms_contact).toMatchObject({ state: 'refused', granted: false, record: smsRefusal });
  });

  it('counts a grant past its expiry as not given, and a regrant after it as given', () => {
    const expiring = record({ expires_at: daysFromNow(-1) });
    expect(currentConsents([expiring], NOW).email_contact).toMatchObject({
      state: 'expired',
      expired: true,
      granted: false,
    });
    expect(currentConsents([record({ expires_at: NOW })], NOW).email_contact.state).toBe('expired');
    expect(currentConsents([record({ expires_at: daysFromNow(1) })], NOW).email_contact.state).toBe('granted');
    const regrant = record({ recorded_at: daysFromNow(-0.5), expires_at: daysFromNow(365) });
    expect(currentConsents([expiring, regrant], NOW).email_contact).toMatchObject({
      state: 'granted',
      record: regrant,
    });
  });

  const anyRecord = fc.record({
    consent_type: fc.constantFrom(...CONSENT_TYPES),
    granted: fc.boolean(),
    purpose: fc.string(),
    data_categories: fc.subarray([...DATA_CATEGORIES]),
    source: fc.constantFrom(...CONSENT_SOURCES),
    recorded_at: fc.integer({ min: -400, max: 0 }).map(daysFromNow),
    expires_at: fc.option(fc.integer({ min: -400, max: 400 }).map(daysFromNow)),
  });

  it('property: the latest record decides, whatever the order of the history', () => {
    fc.assert(
      fc.property(fc.array(anyRecord, { maxLength: 20 }), (records) => {
        const shuffled = [...records].reverse();
        for (const type of CONSENT_TYPES) {
          const ofType = records.filter((r) => r.consent_type === type);
          const latestTime = Math.max(...ofType.map((r) => r.recorded_at.getTime()));
          const current = currentConsents(shuffled, NOW)[type];
          if (ofType.length === 0) {
            expect(current.state).toBe('not_recorded');
            continue;
          }
          expect(current.record?.recorded_at.getTime()).toBe(latestTime);
          const latest = current.record as ConsentRecord;
          const unexpired = latest.expires_at === null || latest.expires_at > NOW;
          expect(current.granted).toBe(latest.granted && unexpired);
          expect(current.expired).toBe(latest.granted && !unexpired);
        }
      }),
    );
  });

  it('property: withdrawing after any history leaves the type withdrawn or refused, never granted', () => {
    fc.assert(
      fc.property(fc.array(anyRecord, { maxLength: 20 }), fc.constantFrom(...CONSENT_TYPES), (records, type) => {
        const withdrawal = record({ consent_type: type, granted: false, recorded_at: daysFromNow(0) });
        const current = currentConsents([...records, withdrawal], NOW)[type];
        const hadGrant = records.some((r) => r.consent_type === type && r.granted);
        expect(current.state).toBe(hadGrant ? 'withdrawn' : 'refused');
        expect(consentDecision([...records, withdrawal], { type, now: NOW }).allowed).toBe(false);
      }),
    );
  });
});

describe('consentDecision', () => {
  it('allows a current grant that lists the category, or lists none', () => {
    const all = record({});
    const some = record({ data_categories: ['contact_details', 'engagement'] });
    expect(consentDecision([all], { type: 'email_contact', dataCategory: 'financial', now: NOW })).toEqual({
      allowed: true,
      reason: 'granted',
      consent: all,
    });
    expect(consentDecision([some], { type: 'email_contact', dataCategory: 'engagement', now: NOW }).allowed).toBe(true);
    expect(consentDecision([some], { type: 'email_contact', dataCategory: 'financial', now: NOW })).toEqual({
      allowed: false,
      reason: 'category_not_covered',
      consent: some,
    });
    expect(consentDecision([some], { type: 'email_contact', now: NOW }).allowed).toBe(true);
  });

  it('gives the reason a use is not allowed', () => {
    const at = (d: number) => daysFromNow(d);
    expect(consentDecision([], { type: 'ai_processing', now: NOW }).reason).toBe('not_recorded');
    expect(consentDecision([record({ granted: false })], { type: 'email_contact', now: NOW }).reason).toBe('refused');
    expect(
      consentDecision([record({ recorded_at: at(-5) }), record({ granted: false, recorded_at: at(-1) })], {
        type: 'email_contact',
        now: NOW,
      }).reason,
    ).toBe('withdrawn');
    expect(consentDecision([record({ expires_at: at(-1) })], { type: 'email_contact', now: NOW }).reason).toBe(
      'expired',
    );
    expect(consentDecision([record({})], { type: 'sms_contact', now: NOW }).reason).toBe('not_recorded');
  });
});

describe('contact consent columns', () => {
  it('map exactly the three contact types onto the people columns', () => {
    expect(CONTACT_CONSENT_COLUMNS).toEqual({
      email_contact: 'consent_email',
      sms_contact: 'consent_sms',
      phone_contact: 'consent_phone',
    });
    expect(CONTACT_CONSENT_TYPES).toEqual(['email_contact', 'sms_contact', 'phone_contact']);
    expect(CONSENT_TYPES.filter(isContactConsentType)).toEqual(CONTACT_CONSENT_TYPES);
  });
});
