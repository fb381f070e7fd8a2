import { describe, expect, it } from 'vitest';
import {
  consentLabel,
  erasureBlocker,
  formatRetention,
  formatShare,
  requestLabel,
  summaryLine,
} from './privacy-format';

describe('privacy formatting', () => {
  it('shows shares as percentages without rounding a few consents down to none', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.004)).toBe('<1%');
    expect(formatShare(0.456)).toBe('46%');
  });

  it('names consent types as people write them', () => {
    expect(consentLabel('sms_contact')).toBe('SMS contact');
    expect(consentLabel('ai_processing')).toBe('AI processing');
  });

  it('names requests by kind and ground', () => {
    expect(requestLabel({ kind: 'export', ground: null })).toBe('Export');
    expect(requestLabel({ kind: 'erasure', ground: 'retention' })).toBe('Erasure · End of retention');
  });

  it('summarises an erasure biggest first, with readable table names', () => {
    expect(summaryLine({ people: 1, engagement_events: 12, audit_log: 3, alerts: 0 })).toBe(
      'engagement events 12, audit entries 3, person record 1',
    );
    expect(summaryLine({})).toBe('—');
  });

  it('gives retention in years when it is whole years', () => {
    expect(formatRetention(2555)).toBe('7 years');
    expect(formatRetention(365)).toBe('1 year');
    expect(formatRetention(400)).toBe('400 days');
  });

  it('keeps the erase button disabled until a reason and the confirmation are given', () => {
    expect(erasureBlocker('short', 'ERASE', 'id-1')).toMatch(/reason/);
    expect(erasureBlocker('The person asked by e-mail', 'erase?', 'id-1')).toMatch(/Type ERASE/);
    expect(erasureBlocker('The person asked by e-mail', ' ERASE ', 'id-1')).toBeNull();
    expect(erasureBlocker('The person asked by e-mail', 'id-1', 'id-1')).toBeNull();
  });
});
