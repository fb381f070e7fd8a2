import { BrainCircuit, ChartLine, Info, Users } from 'lucide-react';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableScroller } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { LoadError } from '@/features/ml-studio/studio-parts';
import { formatCount, humanize, pluralise } from '@/lib/format';
import { cn } from '@/lib/utils';
import { cohortTotals, formatExpected, formatRate, TIER_LABELS, TIER_TONE } from './forecasts-format';
import { Segmented } from './segmented';
import { type Cohort, type CohortAnalysis, GROUPING_LABELS, GROUPINGS, type Grouping } from './types';
import { useCohortAnalysis } from './use-forecasts';

const GROUPING_OPTIONS = GROUPINGS.map((value) => ({ value, label: GROUPING_LABELS[value] }));
const NUMBER = 'text-right tabular-nums';

/** Sources and levels come back as vocabulary keys; courses and campuses as names. */
function cohortLabel(cohort: Cohort, groupBy: Grouping): string {
  return groupBy === 'source' || groupBy === 'course_level' ? humanize(cohort.label) : cohort.label;
}

function NoModelCell({ rows }: { rows: number }) {
  return (
    <TableCell
      rowSpan={rows}
      className="max-w-56 border-l bg-muted/40 text-center align-middle text-xs whitespace-normal text-muted-foreground"
      data-testid="no-model"
    >
      <BrainCircuit className="mx-auto mb-1.5 size-4" aria-hidden="true" />
      No model is active, so there is nothing to expect from yet.{' '}
      <Link to="/ai/ml-studio?tab=models" className="font-medium text-primary-soft-foreground underline">
        Activate one in ML Studio
      </Link>
    </TableCell>
  );
}

function CohortTable({
  analysis,
  onCourseChosen,
}: {
  analysis: CohortAnalysis;
  onCourseChosen: (code: string) => void;
}) {
  const { cohorts, group_by: groupBy, model_id: modelId } = analysis;
  const totals = cohortTotals(cohorts);
  const groupLabel = GROUPING_LABELS[groupBy];
  return (
    <TableScroller>
      <Table aria-label={`Enrolment outlook by ${groupLabel.toLowerCase()}`} data-testid="outlook-table">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">{groupLabel}</TableHead>
            <TableHead scope="col" className="text-right">
              Leads
            </TableHead>
            <TableHead scope="col" className="text-right">
              Open
            </TableHead>
            <TableHead scope="col" className="text-right">
              Enrolled
            </TableHead>
            <TableHead scope="col" className="text-right" title="Enrolled of those decided (enrolled or lost)">
              Conversion
            </TableHead>
            <TableHead
              scope="col"
              className="text-right"
              title={`The active model's probabilities of enrolling within ${analysis.horizon_days} days, added up over the open leads`}
            >
              Expected enrolments
            </TableHead>
            <TableHead scope="col" title="Conversion against the overall rate">
              Tier
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {cohorts.map((cohort, i) => {
            const label = cohortLabel(cohort, groupBy);
            return (
              <TableRow key={cohort.key} data-testid="outlook-row" data-key={cohort.key}>
                <TableHead
                  scope="row"
                  className="static h-auto bg-transparent py-2 text-sm font-medium text-foreground-strong"
                >
                  {groupBy === 'course' && cohort.key ? (
                    <button
                      type="button"
                      className="cursor-pointer text-left hover:underline"
                      title="Show this course's weekly outlook"
                      onClick={() => onCourseChosen(cohort.key)}
                    >
                      {label}
                    </button>
                  ) : (
                    label
                  )}
                </TableHead>
                <TableCell className={NUMBER} data-testid="cell-size">
                  {formatCount(cohort.size)}
                </TableCell>
                <TableCell className={NUMBER} data-testid="cell-open">
                  {formatCount(cohort.open)}
                </TableCell>
                <TableCell className={NUMBER} data-testid="cell-enrolled">
                  {formatCount(cohort.enrolled)}
                </TableCell>
                <TableCell className={NUMBER} data-testid="cell-conversion">
                  {formatRate(cohort.conversion_rate)}
                </TableCell>
                {modelId === null ? (
                  i === 0 ? (
                    <NoModelCell rows={cohorts.length + 1} />
                  ) : null
                ) : (
                  <TableCell className={cn(NUMBER, 'font-medium text-foreground-strong')} data-testid="cell-expected">
                    {cohort.expected_enrolments === null ? '—' : formatExpected(cohort.expected_enrolments)}
                  </TableCell>
                )}
                <TableCell>
                  {cohort.performance_tier ? (
                    <Badge tone={TIER_TONE[cohort.performance_tier]}>{TIER_LABELS[cohort.performance_tier]}</Badge>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
          <TableRow data-testid="outlook-totals" className="bg-[#f8f9fb] font-semibold text-foreground-strong">
            <TableHead scope="row" className="static h-auto bg-transparent py-2 text-sm text-foreground-strong">
              Total
            </TableHead>
            <TableCell className={NUMBER} data-testid="cell-size">
              {formatCount(totals.size)}
            </TableCell>
            <TableCell className={NUMBER} data-testid="cell-open">
              {formatCount(totals.open)}
            </TableCell>
            <TableCell className={NUMBER} data-testid="cell-enrolled">
              {formatCount(totals.enrolled)}
            </TableCell>
            <TableCell className={NUMBER} data-testid="cell-conversion">
              {formatRate(totals.conversion_rate)}
            </TableCell>
            {modelId === null ? null : (
              <TableCell className={NUMBER} data-testid="cell-expected">
                {totals.expected_enrolments === null ? '—' : formatExpected(totals.expected_enrolments)}
              </TableCell>
            )}
            <TableCell />
          </TableRow>
        </TableBody>
      </Table>
    </TableScroller>
  );
}

function Footnote({ analysis }: { analysis: CohortAnalysis }) {
  return (
    <div className="flex flex-wrap items-start gap-x-5 gap-y-1.5 border-t border-border px-5 py-3 text-xs text-muted-foreground">
      <p className="flex items-start gap-1.5" data-testid="suppressed-note">
        <Info className="mt-px size-3.5 shrink-0" aria-hidden="true" />
        {analysis.suppressed > 0
          ? `${pluralise(analysis.suppressed, 'group')} under 10 people ${analysis.suppressed === 1 ? 'is' : 'are'} hidden so no one can be singled out, and left out of the totals.`
          : 'Groups under 10 people are hidden so no one can be singled out; none are hidden here.'}
      </p>
      {analysis.model_id ? (
        <p className="flex items-start gap-1.5" data-testid="model-note">
          <BrainCircuit className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          <span>
            Expected enrolments come from the active model (
            <Link
              to={`/ai/ml-studio?tab=models&model=${analysis.model_id}`}
              className="font-medium text-primary-soft-foreground underline"
              data-testid="model-link"
            >
              see it in ML Studio
            </Link>
            ): its chances of each open lead enrolling within {analysis.horizon_days} days, added up.
          </span>
        </p>
      ) : null}
    </div>
  );
}

/** Part 1 of the page: conversion so far and the model's expected enrolments, by course or another grouping. */
export function OutlookCard({
  groupBy,
  onGroupByChange,
  onCourseChosen,
}: {
  groupBy: Grouping;
  onGroupByChange: (groupBy: Grouping) => void;
  onCourseChosen: (code: string) => void;
}) {
  const { data, error, isPending, refetch } = useCohortAnalysis(groupBy);
  return (
    <Card data-testid="outlook-card">
      <CardHeader className="flex-wrap items-center">
        <div>
          <CardTitle>Enrolment outlook</CardTitle>
          <CardDescription>
            Leads in your scope: how they have converted so far, and how many of the open ones the model expects to
            enrol.
          </CardDescription>
        </div>
        <Segmented legend="Group by" options={GROUPING_OPTIONS} value={groupBy} onChange={onGroupByChange} />
      </CardHeader>
      {isPending ? (
        <TableSkeleton
          label="Loading the outlook…"
          rows={5}
          rowClassName="h-[41px]"
          cells={['h-4 w-56', 'h-4 w-12', 'h-4 w-12', 'h-4 w-12', 'h-4 w-12', 'h-4 w-16', 'h-5 w-16 rounded-full']}
        />
      ) : error ? (
        <LoadError title="Could not load the outlook" error={error} onRetry={() => refetch()} />
      ) : data.cohorts.length === 0 ? (
        <EmptyState
          icon={data.suppressed > 0 ? Users : ChartLine}
          title="Nothing to show yet"
          description={
            data.suppressed > 0
              ? `Every group has fewer than 10 people (${pluralise(data.suppressed, 'group')} hidden), so none is shown.`
              : 'There are no leads in your scope yet.'
          }
        />
      ) : (
        <>
          <CohortTable analysis={data} onCourseChosen={onCourseChosen} />
          <Footnote analysis={data} />
        </>
      )}
    </Card>
  );
}
