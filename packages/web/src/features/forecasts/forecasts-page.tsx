import { Lock } from 'lucide-react';
import { useRef } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/app/page-header';
import { useCurrentUser } from '@/app/require-auth';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { OutlookCard } from './outlook-table';
import { DEFAULT_HORIZON, GROUPINGS, type Grouping, HORIZONS, METRICS, type Metric } from './types';
import { WeeklyOutlookCard } from './weekly-outlook';

const oneOf = <T extends string | number>(values: readonly T[], raw: unknown, fallback: T): T =>
  values.includes(raw as T) ? (raw as T) : fallback;

/**
 * Forecasts: how many students each course can expect (conversion so far and the active model's expectation), and
 * each course's weekly enquiries and applications ahead. The grouping, course, horizon and counts shown live in the
 * URL, so a view can be shared.
 */
export function ForecastsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const weeklyRef = useRef<HTMLDivElement>(null);

  const groupBy = oneOf<Grouping>(GROUPINGS, params.get('group_by'), 'course');
  const horizon = oneOf<number>(HORIZONS, Number(params.get('horizon')), DEFAULT_HORIZON);
  const metric = oneOf<Metric>(METRICS, params.get('metric'), 'enquiries');
  const courseCode = params.get('course');

  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value !== undefined) next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );

  if (!me.permissions.includes('ai_analytics')) {
    return (
      <div className="flex flex-col gap-6 p-6">
        <title>Forecasts · Ivy</title>
        <PageHeader title="Forecasts" />
        <Card>
          <EmptyState
            icon={Lock}
            title="Forecasts are for managers and administrators"
            description="Looking at enrolment and enquiry forecasts needs the ai_analytics permission."
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5 p-6">
      <title>Forecasts · Ivy</title>
      <PageHeader
        title="Forecasts"
        description="Expected enrolments by course from the active model, and the weekly enquiries and applications ahead, with honest ranges."
      />
      <OutlookCard
        groupBy={groupBy}
        onGroupByChange={(value) => update({ group_by: value })}
        onCourseChosen={(code) => {
          update({ course: code });
          weeklyRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        }}
      />
      <div ref={weeklyRef} className="scroll-mt-4">
        <WeeklyOutlookCard
          courseCode={courseCode}
          horizon={horizon}
          metric={metric}
          onChange={(changes) => update(changes)}
        />
      </div>
    </div>
  );
}
