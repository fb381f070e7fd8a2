import { flexRender, getCoreRowModel, type Header, type SortingState, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ChevronsUpDown, LoaderCircle } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { PINNED_COLUMN, TableScroller } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { formatCount } from '@/lib/format';
import { cn } from '@/lib/utils';
import { type LeadSort, sortingToSort, sortToSorting } from './lead-filters';
import { leadColumns } from './leads-columns';
import { MlCellContext, type MlCellState, mlColumns } from './ml-columns';
import type { LeadSummary } from './types';

const ROW_HEIGHT = 53;
/** Start fetching the next page this many rows before the end is reached. */
const PREFETCH_ROWS = 15;

type LeadsTableProps = {
  leads: LeadSummary[];
  total: number;
  sort: LeadSort;
  onSortChange: (sort: LeadSort) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** False while the rows are still the previous filter's, so scrolling must not load more of them. */
  canLoadMore: boolean;
  onLoadMore: () => void;
  /** Changes whenever the filters do, to scroll back to the top. */
  resetKey: string;
  /** The conversion model's predictions; null hides their columns (no forecasting permission). */
  ml: MlCellState | null;
};

const NO_ML: MlCellState = { byId: new Map(), loading: false, unavailable: null };
const SCORE_INDEX = leadColumns.findIndex((column) => column.id === 'score');
const columnsWithMl = [...leadColumns.slice(0, SCORE_INDEX + 1), ...mlColumns, ...leadColumns.slice(SCORE_INDEX + 1)];

function SortIcon({ direction }: { direction: false | 'asc' | 'desc' }) {
  if (direction === 'asc') return <ArrowUp className="size-3.5 text-primary" aria-hidden="true" />;
  if (direction === 'desc') return <ArrowDown className="size-3.5 text-primary" aria-hidden="true" />;
  return <ChevronsUpDown className="size-3.5 opacity-50" aria-hidden="true" />;
}

function HeaderCell({ header }: { header: Header<LeadSummary, unknown> }) {
  const column = header.column;
  const label = flexRender(column.columnDef.header, header.getContext());
  const sorted = column.getIsSorted();
  const sticky = column.id === 'name';
  return (
    <th
      scope="col"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
      className={cn(
        'sticky top-0 z-10 h-10 border-b border-border bg-[#f8f9fb] px-3 text-left align-middle text-xs font-semibold whitespace-nowrap text-muted-foreground',
        sticky && cn(PINNED_COLUMN, 'z-20'),
      )}
    >
      {column.getCanSort() ? (
        <button
          type="button"
          onClick={column.getToggleSortingHandler()}
          className={cn(
            '-mx-1.5 inline-flex cursor-pointer items-center gap-1 rounded px-1.5 py-1 hover:bg-muted hover:text-foreground-strong',
            sorted && 'text-foreground-strong',
          )}
        >
          {label}
          <SortIcon direction={sorted} />
          <span className="sr-only">
            {sorted === 'asc' ? ', sorted ascending' : sorted === 'desc' ? ', sorted descending' : ', sortable'}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

/** Server-sorted, cursor-paginated leads in a fixed-height, virtualised scroll area. */
export function LeadsTable({
  leads,
  total,
  sort,
  onSortChange,
  hasNextPage,
  isFetchingNextPage,
  canLoadMore,
  onLoadMore,
  resetKey,
  ml,
}: LeadsTableProps) {
  const sorting = useMemo(() => sortToSorting(sort), [sort]);
  const table = useReactTable({
    data: leads,
    columns: ml ? columnsWithMl : leadColumns,
    state: { sorting },
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const next: SortingState = typeof updater === 'function' ? updater(sorting) : updater;
      onSortChange(sortingToSort(next));
    },
    getCoreRowModel: getCoreRowModel(),
    getRowId: (lead) => lead.id,
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger, not a value read here.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (
      rows.length > 0 &&
      lastVisible >= rows.length - PREFETCH_ROWS &&
      hasNextPage &&
      canLoadMore &&
      !isFetchingNextPage
    ) {
      onLoadMore();
    }
  }, [lastVisible, rows.length, hasNextPage, canLoadMore, isFetchingNextPage, onLoadMore]);

  const paddingTop = virtualRows[0]?.start ?? 0;
  const paddingBottom = virtualRows.length ? virtualizer.getTotalSize() - (virtualRows.at(-1)?.end ?? 0) : 0;
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <MlCellContext value={ml ?? NO_ML}>
        <TableScroller ref={scrollRef} data-testid="leads-scroll">
          <table
            className="w-full table-fixed border-separate border-spacing-0 text-sm"
            style={{ minWidth: table.getTotalSize() }}
            aria-label="Leads"
            aria-rowcount={total + 1}
          >
            <colgroup>
              {table.getVisibleLeafColumns().map((column) => (
                <col key={column.id} style={{ width: column.getSize() }} />
              ))}
            </colgroup>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} aria-rowindex={1}>
                  {group.headers.map((header) => (
                    <HeaderCell key={header.id} header={header} />
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {paddingTop > 0 ? (
                <tr>
                  <td colSpan={columnCount} style={{ height: paddingTop, padding: 0, border: 0 }} />
                </tr>
              ) : null}
              {virtualRows.map((virtualRow) => {
                const row = rows[virtualRow.index];
                if (!row) return null;
                return (
                  <tr
                    key={row.id}
                    ref={virtualizer.measureElement}
                    data-index={virtualRow.index}
                    aria-rowindex={virtualRow.index + 2}
                    className="group"
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td
                        key={cell.id}
                        className={cn(
                          'h-[53px] overflow-hidden border-b border-border bg-card px-3 py-1.5 align-middle whitespace-nowrap text-foreground transition-colors group-hover:bg-[#f5f7f9]',
                          cell.column.id === 'name' && cn(PINNED_COLUMN, 'z-[1]'),
                        )}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {paddingBottom > 0 ? (
                <tr>
                  <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0, border: 0 }} />
                </tr>
              ) : null}
            </tbody>
          </table>
        </TableScroller>
      </MlCellContext>
      <div className="flex h-12 shrink-0 items-center justify-between gap-3 border-t border-border bg-[#fafbfc] px-4 text-xs text-muted-foreground">
        <p aria-live="polite" data-testid="leads-loaded">
          Showing <span className="font-medium text-foreground-strong">{formatCount(leads.length)}</span> of{' '}
          <span className="font-medium text-foreground-strong">{formatCount(total)}</span>
        </p>
        {hasNextPage ? (
          <Button variant="outline" size="sm" onClick={onLoadMore} disabled={isFetchingNextPage || !canLoadMore}>
            {isFetchingNextPage ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
            {isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        ) : leads.length > 0 ? (
          <span>End of list</span>
        ) : null}
      </div>
    </div>
  );
}

/** Placeholder rows with the table's shape while the first page loads. */
export function LeadsTableSkeleton() {
  return (
    <TableSkeleton
      label="Loading leads…"
      cells={['h-4 w-36', 'h-4 w-48', 'h-4 w-28', 'h-5 w-20 rounded-full', 'h-4 w-24', 'h-4 w-52', 'h-4 w-24']}
    />
  );
}
