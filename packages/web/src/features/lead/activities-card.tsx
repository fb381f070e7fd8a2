import { MessageSquare } from 'lucide-react';
import { RelativeTime } from '@/components/relative-time';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { humanize, pluralise } from '@/lib/format';
import { ACTIVITY_ICON } from './event-icons';
import type { Activity } from './types';

export function ActivitiesCard({ activities }: { activities: Activity[] }) {
  const sorted = [...activities].sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at));
  return (
    <Card aria-labelledby="activities-title">
      <CardHeader>
        <div>
          <CardTitle id="activities-title">Notes & calls</CardTitle>
          <CardDescription>{pluralise(activities.length, 'activity', 'activities')} by staff</CardDescription>
        </div>
      </CardHeader>
      {sorted.length ? (
        <ul className="divide-y divide-border">
          {sorted.map((activity) => {
            const Icon = ACTIVITY_ICON[activity.type] ?? MessageSquare;
            return (
              <li key={activity.id} className="flex gap-3 px-5 py-3">
                <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-muted text-secondary-foreground">
                  <Icon className="size-3.5" aria-hidden="true" />
                </span>
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <p className="text-sm font-medium text-foreground-strong">{activity.subject}</p>
                    <RelativeTime value={activity.occurred_at} className="text-xs text-muted-foreground" />
                  </div>
                  <p className="text-xs text-muted-foreground">
                    {humanize(activity.type)} · {activity.user?.full_name ?? 'System'}
                  </p>
                  {activity.body ? (
                    <p className="mt-1.5 text-sm whitespace-pre-line text-foreground">{activity.body}</p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <EmptyState
          className="py-8"
          icon={MessageSquare}
          title="No notes or calls yet"
          description="Notes, calls and meetings logged by staff will appear here."
        />
      )}
    </Card>
  );
}
