import { Activity as ActivityIcon } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCount, formatDayHeading, formatDuration, formatTime, humanize, pluralise } from '@/lib/format';
import { cn } from '@/lib/utils';
import { ENGAGEMENT_TYPES, type EngagementType } from '@/lib/vocabulary';
import { describeMetadata, groupEventsByDay } from './engagement';
import { EVENT_STYLE } from './event-icons';
import type { EngagementEvent } from './types';

const INITIAL_EVENTS = 25;

function CountsSummary({ counts }: { counts: Partial<Record<EngagementType, number>> }) {
  const present = ENGAGEMENT_TYPES.filter((type) => (counts[type] ?? 0) > 0);
  if (!present.length) return null;
  return (
    <ul className="flex flex-wrap gap-2 border-b border-border px-5 py-3" aria-label="Engagement by type">
      {present.map((type) => {
        const style = EVENT_STYLE[type];
        return (
          <li
            key={type}
            className="flex items-center gap-2 rounded-md border border-border bg-card py-1 pr-2.5 pl-1 text-xs"
          >
            <span className={cn('flex size-6 items-center justify-center rounded', style.className)}>
              <style.icon className="size-3.5" aria-hidden="true" />
            </span>
            <span className="text-muted-foreground">{humanize(type)}</span>
            <span className="font-semibold text-foreground-strong tabular-nums">{formatCount(counts[type] ?? 0)}</span>
          </li>
        );
      })}
    </ul>
  );
}

function EventRow({ event }: { event: EngagementEvent }) {
  const style = EVENT_STYLE[event.type] ?? EVENT_STYLE.web_visit;
  const duration = formatDuration(event.duration_seconds);
  const details = describeMetadata(event.metadata);
  return (
    <li className="flex items-start gap-3 py-2">
      <span className={cn('mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full', style.className)}>
        <style.icon className="size-3.5" aria-hidden="true" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-3">
          <span className="text-sm font-medium text-foreground-strong">{humanize(event.type)}</span>
          <time dateTime={event.occurred_at} className="shrink-0 text-xs text-muted-foreground tabular-nums">
            {formatTime(event.occurred_at)}
          </time>
        </div>
        {duration || details.length ? (
          <p className="truncate text-xs text-muted-foreground" title={details.join(' · ')}>
            {[duration ? `Duration ${duration}` : null, ...details].filter(Boolean).join(' · ')}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** Recent engagement grouped by day, with a count per type over the lead's whole history. */
export function EngagementCard({
  events,
  counts,
}: {
  events: EngagementEvent[];
  counts: Partial<Record<EngagementType, number>>;
}) {
  const [showAll, setShowAll] = useState(false);
  const visible = showAll ? events : events.slice(0, INITIAL_EVENTS);
  const days = useMemo(() => groupEventsByDay(visible), [visible]);
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);

  return (
    <Card aria-labelledby="engagement-title">
      <CardHeader>
        <div>
          <CardTitle id="engagement-title">Engagement</CardTitle>
          <CardDescription>
            {total ? `${pluralise(total, 'interaction')} in total` : 'No interactions recorded'}
            {events.length ? ` · showing the latest ${formatCount(visible.length)}` : ''}
          </CardDescription>
        </div>
      </CardHeader>
      <CountsSummary counts={counts} />
      {days.length ? (
        <div className="px-5 py-3">
          <ol className="flex flex-col gap-3">
            {days.map((group) => (
              <li key={group.day}>
                <h3 className="py-1 text-xs font-semibold text-muted-foreground">{formatDayHeading(group.day)}</h3>
                <ul className="ml-1 divide-y divide-border/70 border-l border-border pl-4">
                  {group.events.map((event) => (
                    <EventRow key={event.id} event={event} />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {events.length > INITIAL_EVENTS ? (
            <div className="mt-3 flex justify-center">
              <Button variant="outline" size="sm" onClick={() => setShowAll((value) => !value)}>
                {showAll ? 'Show fewer' : `Show all ${formatCount(events.length)} recent events`}
              </Button>
            </div>
          ) : null}
        </div>
      ) : (
        <EmptyState
          className="py-8"
          icon={ActivityIcon}
          title="No engagement yet"
          description="E-mail opens, web visits, portal logins, events and calls will appear here."
        />
      )}
    </Card>
  );
}
