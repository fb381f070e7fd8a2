import { localDayKey } from '@/lib/format';
import type { EngagementEvent } from './types';

export type EventDay = { day: string; events: EngagementEvent[] };

/** Events (newest first) grouped by local calendar day, newest day first, order inside each day kept. */
export function groupEventsByDay(events: readonly EngagementEvent[]): EventDay[] {
  const sorted = [...events].sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at));
  const days: EventDay[] = [];
  for (const event of sorted) {
    const day = localDayKey(event.occurred_at);
    const last = days.at(-1);
    if (last && last.day === day) last.events.push(event);
    else days.push({ day, events: [event] });
  }
  return days;
}

/** Up to `limit` readable "key: value" pairs from an event's free-form metadata (text and numbers only). */
export function describeMetadata(metadata: Record<string, unknown> | null, limit = 3): string[] {
  if (!metadata) return [];
  const parts: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (parts.length >= limit) break;
    if (typeof value === 'string' && value.trim()) parts.push(`${key.replace(/_/g, ' ')}: ${value.trim()}`);
    else if (typeof value === 'number' || typeof value === 'boolean') parts.push(`${key.replace(/_/g, ' ')}: ${value}`);
  }
  return parts;
}
