import { Search, X } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { MultiSelect } from '@/components/multi-select';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectSeparator,
  SelectTrigger,
  SelectValue,
} from '@/components/ui/select';
import { type Course, useCampuses, useCourses } from '@/features/catalogue/use-catalogue';
import { formatIntake, humanize } from '@/lib/format';
import { LIFECYCLE_STAGES, SCORE_BANDS, SOURCES } from '@/lib/vocabulary';
import { clearLeadFilters, countActiveFilters, type LeadFilters } from './lead-filters';

const ALL = 'all';
const SEARCH_DEBOUNCE_MS = 300;

const STAGE_OPTIONS = LIFECYCLE_STAGES.map((value) => ({ value, label: humanize(value) }));
const SOURCE_OPTIONS = SOURCES.map((value) => ({ value, label: humanize(value) }));
const BAND_OPTIONS = SCORE_BANDS.map((value) => ({ value, label: humanize(value) }));

type FilterBarProps = {
  filters: LeadFilters;
  onChange: (next: LeadFilters, options?: { replace?: boolean }) => void;
};

/** Text search that waits for a pause in typing before it changes the filters. */
export function LeadSearchField({
  value,
  onCommit,
  label = 'Search leads',
  placeholder = 'Search name, e-mail or phone',
}: {
  value: string;
  onCommit: (q: string) => void;
  label?: string;
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const onCommitRef = useRef(onCommit);
  onCommitRef.current = onCommit;

  // Follow the URL when it changes from elsewhere (back button, "Clear filters").
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    const next = text.trim();
    if (next === committed.current) return;
    const timer = window.setTimeout(() => {
      committed.current = next;
      onCommitRef.current(next);
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  return (
    <search className="w-80 max-w-full">
      <Label htmlFor={id} className="sr-only">
        {label}
      </Label>
      <div className="relative">
        <Search
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden="true"
        />
        <Input
          id={id}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={placeholder}
          className="pl-8"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
    </search>
  );
}

function DateRangeField({
  from,
  to,
  onChange,
}: {
  from: string | null;
  to: string | null;
  onChange: (range: { from: string | null; to: string | null }) => void;
}) {
  const fromId = useId();
  const toId = useId();
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1.5 text-xs font-medium text-muted-foreground">Created</legend>
      <div className="flex items-center gap-1.5">
        <Label htmlFor={fromId} className="sr-only">
          Created from
        </Label>
        <Input
          id={fromId}
          type="date"
          value={from ?? ''}
          max={to ?? undefined}
          onChange={(event) => onChange({ from: event.target.value || null, to })}
          className="w-36 pr-2 tabular-nums"
        />
        <span aria-hidden="true" className="text-muted-foreground">
          –
        </span>
        <Label htmlFor={toId} className="sr-only">
          Created to
        </Label>
        <Input
          id={toId}
          type="date"
          value={to ?? ''}
          min={from ?? undefined}
          onChange={(event) => onChange({ from, to: event.target.value || null })}
          className="w-36 pr-2 tabular-nums"
        />
      </div>
    </fieldset>
  );
}

export function LeadsFilterBar({ filters, onChange }: FilterBarProps) {
  const courseId = useId();
  const campusId = useId();
  const campuses = useCampuses();
  const courses = useCourses();
  const activeCount = countActiveFilters(filters);

  // Courses grouped by intake, latest intake first, names A–Z inside each.
  const courseGroups = useMemo(() => {
    const list = (courses.data ?? []).filter((course) => !filters.campusId || course.campus.id === filters.campusId);
    const byIntake = new Map<string, Course[]>();
    for (const course of [...list].sort((a, b) => a.name.localeCompare(b.name))) {
      byIntake.set(course.intake, [...(byIntake.get(course.intake) ?? []), course]);
    }
    return [...byIntake.entries()].sort(([a], [b]) => b.localeCompare(a));
  }, [courses.data, filters.campusId]);
  const courseKnown = courseGroups.some(([, group]) => group.some((course) => course.id === filters.courseId));

  return (
    <fieldset className="flex flex-wrap items-end gap-x-2.5 gap-y-3">
      <legend className="sr-only">Filter leads</legend>
      <MultiSelect
        className="w-36"
        label="Stage"
        placeholder="All stages"
        options={STAGE_OPTIONS}
        value={filters.stages}
        onChange={(stages) => onChange({ ...filters, stages })}
      />
      <MultiSelect
        className="w-36"
        label="Source"
        placeholder="All sources"
        options={SOURCE_OPTIONS}
        value={filters.sources}
        onChange={(sources) => onChange({ ...filters, sources })}
      />
      <MultiSelect
        className="w-36"
        label="Score band"
        placeholder="All bands"
        options={BAND_OPTIONS}
        value={filters.bands}
        onChange={(bands) => onChange({ ...filters, bands })}
      />
      <div className="flex w-52 flex-col gap-1.5">
        <Label htmlFor={courseId}>Course</Label>
        <Select
          value={filters.courseId ?? ALL}
          onValueChange={(value) => onChange({ ...filters, courseId: value === ALL ? null : value })}
        >
          <SelectTrigger id={courseId} disabled={courses.isError}>
            <SelectValue placeholder="All courses" />
          </SelectTrigger>
          <SelectContent className="max-w-md">
            <SelectItem value={ALL}>All courses</SelectItem>
            <SelectSeparator />
            {courseGroups.map(([intake, group]) => (
              <SelectGroup key={intake}>
                <SelectLabel>{formatIntake(intake)} intake</SelectLabel>
                {group.map((course) => (
                  <SelectItem key={course.id} value={course.id}>
                    {course.name}
                    <span className="text-muted-foreground"> · {formatIntake(intake)}</span>
                  </SelectItem>
                ))}
              </SelectGroup>
            ))}
            {filters.courseId && !courseKnown ? (
              <SelectItem value={filters.courseId}>Selected course</SelectItem>
            ) : null}
          </SelectContent>
        </Select>
      </div>
      <div className="flex w-40 flex-col gap-1.5">
        <Label htmlFor={campusId}>Campus</Label>
        <Select
          value={filters.campusId ?? ALL}
          onValueChange={(value) => {
            const campus = value === ALL ? null : value;
            const course = courses.data?.find((c) => c.id === filters.courseId);
            // A course on another campus would leave nothing to show: drop it.
            const keepCourse = !campus || !course || course.campus.id === campus;
            onChange({ ...filters, campusId: campus, courseId: keepCourse ? filters.courseId : null });
          }}
        >
          <SelectTrigger id={campusId} disabled={campuses.isError}>
            <SelectValue placeholder="All campuses" />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All campuses</SelectItem>
            <SelectSeparator />
            {(campuses.data ?? []).map((campus) => (
              <SelectItem key={campus.id} value={campus.id}>
                {campus.name}
              </SelectItem>
            ))}
            {filters.campusId && !campuses.data?.some((campus) => campus.id === filters.campusId) ? (
              <SelectItem value={filters.campusId}>Selected campus</SelectItem>
            ) : null}
          </SelectContent>
        </Select>
      </div>
      <DateRangeField
        from={filters.createdFrom}
        to={filters.createdTo}
        onChange={({ from, to }) => onChange({ ...filters, createdFrom: from, createdTo: to })}
      />
      {activeCount > 0 ? (
        <Button variant="ghost" onClick={() => onChange(clearLeadFilters(filters))} className="text-muted-foreground">
          <X aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </fieldset>
  );
}
