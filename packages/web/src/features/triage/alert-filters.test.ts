import { describe, expect, it } from 'vitest';
import {
  afterTransition,
  alertFiltersToSearchParams,
  alertsApiPath,
  DEFAULT_ALERT_FILTERS,
  escalatedFirst,
  hasAlertFilters,
  parseAlertFilters,
  teamViewLabel,
} from './alert-filters';
import type { InboxAlert } from './types';

function alert(id: string, escalated_at: string | null = null): InboxAlert {
  return {
    id,
    person_id: `person-${id}`,
    person_name: `Lead ${id}`,
    type: 'engagement_stall',
    severity: 'high',
    level: 2,
    status: 'open',
    title: 'Lead has gone quiet',
    description: 'No activity for 31 days',
    action_required: 'Re-engage',
    evidence: {},
    owner_id: null,
    escalated_to: null,
    escalated_at,
    created_at: '2026-03-01T09:00:00.000Z',
    acknowledged_at: null,
    resolved_at: null,
    resolution: null,
  };
}

describe('alert filters', () => {
  it('round-trips through the URL with the API’s parameter names', () => {
    const params = new URLSearchParams('view=team&status=resolved&type=source_quality&min_level=2');
    const filters = parseAlertFilters(params);
    expect(filters).toEqual({ view: 'team', status: 'resolved', type: 'source_quality', minLevel: 2 });
    expect(alertFiltersToSearchParams(filters).toString()).toBe(params.toString());
  });

  it('falls back to the defaults for malformed or default values, and keeps them out of the URL', () => {
    expect(parseAlertFilters(new URLSearchParams('view=everyone&status=closed&type=gossip&min_level=9'))).toEqual(
      DEFAULT_ALERT_FILTERS,
    );
    // Level 1 is every alert: it narrows nothing.
    expect(parseAlertFilters(new URLSearchParams('min_level=1')).minLevel).toBeNull();
    expect(parseAlertFilters(new URLSearchParams('status=open,acknowledged')).status).toBe('active');
    expect(parseAlertFilters(new URLSearchParams('status=open,acknowledged,resolved')).status).toBe('any');
    expect(alertFiltersToSearchParams(DEFAULT_ALERT_FILTERS).toString()).toBe('');
    expect(hasAlertFilters({ ...DEFAULT_ALERT_FILTERS, view: 'team' })).toBe(false);
    expect(hasAlertFilters({ ...DEFAULT_ALERT_FILTERS, minLevel: 3 })).toBe(true);
  });

  it('always names the view in the API path, and leaves the status to the API’s default', () => {
    expect(alertsApiPath(DEFAULT_ALERT_FILTERS)).toBe('/ai/alerts?view=mine');
    expect(alertsApiPath({ view: 'team', status: 'any', type: 'course_capacity', minLevel: 3 })).toBe(
      '/ai/alerts?view=team&status=open%2Cacknowledged%2Cresolved&type=course_capacity&min_level=3',
    );
  });
});

describe('teamViewLabel', () => {
  it('describes the wider view by data scope, and offers none to a user who only sees their own', () => {
    expect(teamViewLabel('own')).toBeNull();
    expect(teamViewLabel('team')).toBe('leads in your team');
    expect(teamViewLabel('department')).toBe('leads in your department');
    expect(teamViewLabel('all')).toBe('every lead');
  });
});

describe('escalatedFirst', () => {
  it('puts escalated alerts first and otherwise keeps the API’s order', () => {
    const list = [
      alert('a'),
      alert('b', '2026-03-02T09:00:00.000Z'),
      alert('c'),
      alert('d', '2026-03-01T09:00:00.000Z'),
    ];
    expect(escalatedFirst(list).map((item) => item.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(list.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('afterTransition', () => {
  it('marks the alert acknowledged or resolved at the given moment', () => {
    const at = new Date('2026-03-05T10:00:00.000Z');
    expect(afterTransition(alert('a'), 'acknowledge', at)).toMatchObject({
      status: 'acknowledged',
      acknowledged_at: at.toISOString(),
      resolved_at: null,
    });
    expect(afterTransition(alert('a'), 'resolve', at)).toMatchObject({
      status: 'resolved',
      resolved_at: at.toISOString(),
    });
  });
});
