import { createColumnHelper } from '@tanstack/react-table';
import { TriangleAlert } from 'lucide-react';
import { Link } from 'react-router';
import { RelativeTime } from '@/components/relative-time';
import { StageBadge } from '@/components/stage-badge';
import { badgeVariants } from '@/components/ui/badge';
import { BAND_TONE, formatScore } from '@/features/lead/triage-format';
import { formatDate, formatDateTime, formatIntake, humanize, personName } from '@/lib/format';
import type { LeadSummary } from './types';

const column = createColumnHelper<LeadSummary>();

function Missing({ children = 'Missing' }: { children?: string }) {
  return <span className="text-muted-foreground italic">{children}</span>;
}

/** Column sizes are in pixels; `enableSorting` marks the columns the API can sort by. */
export const leadColumns = [
  column.accessor((lead) => personName(lead), {
    id: 'name',
    header: 'Name',
    size: 190,
    enableSorting: true,
    sortDescFirst: false,
    cell: ({ row }) => {
      const lead = row.original;
      const named = Boolean(lead.first_name || lead.last_name);
      return (
        <Link
          to={`/leads/${lead.id}`}
          className={
            named
              ? 'block truncate font-medium text-foreground-strong underline-offset-2 hover:text-primary hover:underline'
              : 'block truncate text-muted-foreground italic underline-offset-2 hover:underline'
          }
        >
          {personName(lead)}
        </Link>
      );
    },
  }),
  column.accessor((lead) => lead.score?.score ?? null, {
    id: 'score',
    header: 'Score',
    size: 124,
    enableSorting: true,
    sortDescFirst: true,
    cell: ({ row }) => {
      const { score } = row.original;
      if (!score) {
        return (
          <span className="text-muted-foreground" title="Not scored yet">
            —<span className="sr-only">Not scored yet</span>
          </span>
        );
      }
      return (
        <span className="flex items-center gap-2" data-testid="lead-score-cell">
          <span className="w-8 text-right font-semibold text-foreground-strong tabular-nums">
            {formatScore(score.score)}
          </span>
          {/* Styled as a badge but not one: the table's badges are its stages. */}
          <span className={badgeVariants({ tone: BAND_TONE[score.band] })}>{humanize(score.band)}</span>
        </span>
      );
    },
  }),
  column.accessor('email', {
    header: 'E-mail',
    size: 210,
    enableSorting: false,
    cell: ({ getValue }) => {
      const email = getValue();
      return email ? (
        <span className="block truncate" title={email}>
          {email}
        </span>
      ) : (
        <Missing />
      );
    },
  }),
  column.accessor('phone', {
    header: 'Phone',
    size: 172,
    enableSorting: false,
    cell: ({ row }) => {
      const { phone, phone_valid } = row.original;
      if (!phone) return <Missing />;
      if (phone_valid) return <span className="tabular-nums">{phone}</span>;
      return (
        <span
          className="flex items-center gap-1.5 text-warning-soft-foreground"
          title="This number does not look valid"
        >
          <TriangleAlert className="size-3.5 shrink-0" aria-hidden="true" />
          <span className="truncate tabular-nums">{phone}</span>
          <span className="sr-only">(invalid)</span>
        </span>
      );
    },
  }),
  column.accessor('lifecycle_stage', {
    id: 'stage',
    header: 'Stage',
    size: 116,
    enableSorting: false,
    cell: ({ getValue }) => <StageBadge stage={getValue()} />,
  }),
  column.accessor('source', {
    header: 'Source',
    size: 120,
    enableSorting: false,
    cell: ({ getValue }) => humanize(getValue()),
  }),
  column.accessor('course', {
    header: 'Course',
    size: 220,
    enableSorting: false,
    cell: ({ getValue }) => {
      const course = getValue();
      if (!course) return <Missing>No course yet</Missing>;
      return (
        <div className="min-w-0 leading-tight">
          <div className="truncate text-foreground-strong" title={course.name}>
            {course.name}
          </div>
          <div className="truncate text-xs text-muted-foreground">{formatIntake(course.intake)} intake</div>
        </div>
      );
    },
  }),
  column.accessor('campus', {
    header: 'Campus',
    size: 140,
    enableSorting: false,
    cell: ({ getValue }) => {
      const campus = getValue();
      return campus ? <span className="block truncate">{campus.name}</span> : <Missing>—</Missing>;
    },
  }),
  column.accessor('owner', {
    header: 'Owner',
    size: 150,
    enableSorting: false,
    cell: ({ getValue }) => {
      const owner = getValue();
      return owner ? <span className="block truncate">{owner.full_name}</span> : <Missing>Unassigned</Missing>;
    },
  }),
  column.accessor('created_at', {
    header: 'Created',
    size: 116,
    enableSorting: true,
    sortDescFirst: true,
    cell: ({ getValue }) => (
      <time dateTime={getValue()} title={formatDateTime(getValue())} className="tabular-nums">
        {formatDate(getValue())}
      </time>
    ),
  }),
  column.accessor('last_activity_at', {
    header: 'Last activity',
    size: 136,
    enableSorting: true,
    sortDescFirst: true,
    cell: ({ getValue }) => <RelativeTime value={getValue()} />,
  }),
];
