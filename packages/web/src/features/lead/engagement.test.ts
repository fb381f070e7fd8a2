import { describe, expect, it } from 'vitest';
import { describeMetadata, groupEventsByDay } from './engagement';
import type { EngagementEvent } from './types';

function event(id: string, occurredAt: Date, type: EngagementEvent['type'] = 'web_visit'): EngagementEvent {
  return { id, type, occurred_at: occurredAt.toISOString(), duration_seconds: null, metadata: {} };
}

describe('groupEventsByDay', () => {
  it('groups by local calendar day, newest day and newest event first', () => {
    // Local times, so the test means the same in every time zone.
    const events = [
      event('a', new Date(2026, 2, 14, 9, 0)),
      event('b', new Date(2026, 2, 15, 8, 30)),
      event('c', new Date(2026, 2, 15, 17, 45)),
      event('d', new Date(2026, 2, 12, 23, 59)),
    ];
    const days = groupEventsByDay(events);
    expect(days.map((day) => day.day)).toEqual(['2026-03-15', '2026-03-14', '2026-03-12']);
    expect(days[0]?.events.map((e) => e.id)).toEqual(['c', 'b']);
  });

  it('returns nothing for no events', () => {
    expect(groupEventsByDay([])).toEqual([]);
  });
});

describe('describeMetadata', () => {
  it('lists text and numbers, skipping empty and nested values', () => {
    expect(
      describeMetadata({ page: '/courses/law', nested: { a: 1 }, blank: ' ', pages_viewed: 4, campaign_id: 'spring' }),
    ).toEqual(['page: /courses/law', 'pages viewed: 4', 'campaign id: spring']);
  });

  it('stops at the limit', () => {
    expect(describeMetadata({ a: '1', b: '2', c: '3' }, 2)).toHaveLength(2);
  });
});
