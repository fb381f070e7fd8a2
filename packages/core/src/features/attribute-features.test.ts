import { describe, expect, it } from 'vitest';
import { attributeFeature, attributeFeatureValues, attributeKey, isAttributeFeature } from './attribute-features';
import { type LeadSnapshot, leadFeatures } from './lead-features';

describe('attribute features', () => {
  it('reads numbers as numbers, yes/no as 1/0 and text as a category, leaving unanswered values out', () => {
    expect(
      attributeFeatureValues({
        visits: 3,
        seconds: 0,
        agreed: true,
        declined: false,
        city: 'Mumbai',
        blank: '  ',
        unanswered: null,
        broken: Number.NaN,
      }),
    ).toEqual({ visits: 3, seconds: 0, agreed: 1, declined: 0, city: 'Mumbai' });
    expect(attributeFeatureValues(null)).toEqual({});
  });

  it('keeps only the given keys when asked', () => {
    expect(attributeFeatureValues({ visits: 3, tags: 'Will revert' }, new Set(['visits']))).toEqual({ visits: 3 });
  });

  it('names an attribute feature attributes.<key> and reads the key back', () => {
    const name = attributeFeature('lead_origin');
    expect(name).toBe('attributes.lead_origin');
    expect(isAttributeFeature(name)).toBe(true);
    expect(attributeKey(name)).toBe('lead_origin');
    expect(isAttributeFeature('log_web_visit')).toBe(false);
    expect(isAttributeFeature('attributes.')).toBe(false);
  });

  it('are part of a snapshot’s features, and a snapshot of unknown stage says so', () => {
    const snapshot: LeadSnapshot = {
      as_of: new Date('2026-03-01T00:00:00Z'),
      source: 'direct',
      stage: null,
      days_in_stage: 0,
      days_since_enquiry: 0,
      days_since_last_activity: null,
      engagement_90d: {
        email_open: 1,
        email_click: 0,
        web_visit: 4,
        portal_login: 0,
        event_attended: 0,
        call: 0,
        meeting: 0,
        form_submit: 0,
      },
      touches_14d: 5,
      email_valid: false,
      phone_valid: false,
      contact_consent: true,
      course_level: null,
      course_demand_90d: null,
      course_fill: null,
      attributes: { lead_origin: 'API', total_visits: 4, saw_ad_search: false, city: null },
    };
    const features = leadFeatures(snapshot);
    expect(features.stage).toBe('unknown');
    expect(features.attributes).toEqual({ lead_origin: 'API', total_visits: 4, saw_ad_search: 0 });
    const { attributes: _attributes, ...withoutAttributes } = snapshot;
    expect(leadFeatures(withoutAttributes)).not.toHaveProperty('attributes');
  });
});
