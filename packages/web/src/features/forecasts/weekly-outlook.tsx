import { CalendarClock, ChartLine, Gauge, TrendingUp } from 'lucide-react';
import { useId } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { LoadError } from '@/features/ml-studio/studio-parts';
import { isApiError } from '@/lib/api';
import {
  backtestSentence,
  busiestCourse,
  chartPoints,
  chartSummary,
  expectedSentence,
  METRIC_LABELS,
  peakSentence,
  seriesOf,
} from './forecasts-format';
import { Segmented } from './segmented';
import { type CourseForecast, HORIZONS, METRICS, type Metric, type WeeklyForecasts } from './types';
import { useWeeklyForecasts } from './use-forecasts';
import { WeeklyChart } from './weekly-chart';

const METRIC_OPTIONS = METRICS.map((value) => ({ value, label: METRIC_LABELS[value] }));

const courseLabel = (course: CourseForecast) => `${course.course_code} ${course.course_name}`;

function Controls({
  courses,
  course,
  horizon,
  onCourseChange,
  onHorizonChange,
}: {
  courses: CourseForecast[] | undefined;
  course: CourseForecast | undefined;
  horizon: number;
  onCourseChange: (code: string) => void;
  onHorizonChange: (weeks: number) => void;
}) {
  const ids = { course: useId(), horizon: useId() };
  const sorted = [...(courses ?? [])].sort((a, b) => a.course_code.localeCompare(b.course_code));
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="flex w-80 flex-col gap-1.5">
        <Label htmlFor={ids.course}>Course</Label>
        <Select value={course?.course_code ?? ''} onValueChange={onCourseChange} disabled={!courses}>
          <SelectTrigger id={ids.course}>
            <SelectValue placeholder="Loading courses…" />
          </SelectTrigger>
          <SelectContent>
            {sorted.map((option) => (
              <SelectItem key={option.course_code} value={option.course_code}>
                {courseLabel(option)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="flex w-36 flex-col gap-1.5">
        <Label htmlFor={ids.horizon}>Weeks ahead</Label>
        <Select value={String(horizon)} onValueChange={(value) => onHorizonChange(Number(value))}>
          <SelectTrigger id={ids.horizon}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {HORIZONS.map((weeks) => (
              <SelectItem key={weeks} value={String(weeks)}>
                {`${weeks} weeks`}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
    </div>
  );
}

function SeriesView({ course, metric }: { course: CourseForecast; metric: Metric }) {
  const series = seriesOf(course, metric);
  if (!series) return null;
  if (series.status === 'insufficient_history') {
    return (
      <EmptyState
        icon={CalendarClock}
        title={`Not enough history to forecast ${metric} for ${course.course_code}`}
        description={series.detail}
        className="py-10"
      />
    );
  }
  const peaks = peakSentence(series);
  return (
    <div className="flex flex-col gap-4" data-testid="weekly-series" data-metric={metric}>
      <WeeklyChart
        points={chartPoints(series)}
        firstForecastWeek={series.forecast[0]?.week_start}
        summary={chartSummary(series, courseLabel(course))}
      />
      <ul className="grid gap-2 text-sm text-foreground lg:grid-cols-3">
        <li className="flex items-start gap-2 rounded-md border border-border px-3 py-2.5">
          <TrendingUp className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          <span data-testid="expected-sentence">{expectedSentence(series)}</span>
        </li>
        {peaks ? (
          <li className="flex items-start gap-2 rounded-md border border-border px-3 py-2.5">
            <CalendarClock className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <span data-testid="peak-sentence">{peaks}</span>
          </li>
        ) : null}
        <li className="flex items-start gap-2 rounded-md border border-border px-3 py-2.5">
          <Gauge className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
          <span data-testid="backtest-sentence">{backtestSentence(series.backtest, metric)}</span>
        </li>
      </ul>
    </div>
  );
}

function WeeklySkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <span className="sr-only" role="status">
        Loading the weekly forecast…
      </span>
      <Skeleton className="h-80" />
      <div className="grid gap-2 lg:grid-cols-3">
        <Skeleton className="h-16" />
        <Skeleton className="h-16" />
        <Skeleton className="h-16" />
      </div>
    </div>
  );
}

function pickCourse(data: WeeklyForecasts | undefined, code: string | null): CourseForecast | undefined {
  if (!data) return undefined;
  return data.courses.find((course) => course.course_code === code) ?? busiestCourse(data.courses);
}

/** Part 2 of the page: one course's weekly enquiries or applications, the last year and the weeks ahead. */
export function WeeklyOutlookCard({
  courseCode,
  horizon,
  metric,
  onChange,
}: {
  courseCode: string | null;
  horizon: number;
  metric: Metric;
  onChange: (changes: { course?: string; horizon?: number; metric?: Metric }) => void;
}) {
  const { data, error, isPending, refetch } = useWeeklyForecasts(horizon);
  const course = pickCourse(data, courseCode);
  // 409: no course in scope has a year of history; that is a fact about the data, not a failure to retry.
  const tooLittle = isApiError(error) && error.status === 409;
  return (
    <Card data-testid="weekly-card">
      <CardHeader>
        <div>
          <CardTitle>Weekly outlook</CardTitle>
          <CardDescription>
            The last 52 weeks and the next {horizon}, all intakes of the course together. Seasonality comes from past
            admissions years; the band is each week&apos;s 80% range.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <Controls
            courses={data?.courses}
            course={course}
            horizon={horizon}
            onCourseChange={(code) => onChange({ course: code })}
            onHorizonChange={(weeks) => onChange({ horizon: weeks })}
          />
          <Segmented
            legend="Which counts"
            options={METRIC_OPTIONS}
            value={metric}
            onChange={(value) => onChange({ metric: value })}
          />
        </div>
        {isPending ? (
          <WeeklySkeleton />
        ) : tooLittle ? (
          <EmptyState icon={ChartLine} title="Not enough history to forecast yet" description={error.message} />
        ) : error ? (
          <LoadError title="Could not load the weekly forecast" error={error} onRetry={() => refetch()} />
        ) : course ? (
          <SeriesView course={course} metric={metric} />
        ) : (
          <EmptyState icon={ChartLine} title="No course has enquiries in your scope yet" />
        )}
      </CardContent>
    </Card>
  );
}
