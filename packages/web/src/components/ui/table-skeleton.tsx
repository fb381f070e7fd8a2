import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils';

/**
 * Placeholder rows with a table's shape while its first page loads: one skeleton per column, sized by the
 * column's `cells` class (e.g. 'h-4 w-36', or 'h-5 w-20 rounded-full' for a badge).
 */
export function TableSkeleton({
  label,
  cells,
  rows = 10,
  rowClassName = 'h-[53px]',
}: {
  label: string;
  cells: string[];
  rows?: number;
  rowClassName?: string;
}) {
  return (
    <div className="flex-1 overflow-hidden" aria-busy="true">
      <span className="sr-only">{label}</span>
      <div className="h-10 border-b border-border bg-[#f8f9fb]" />
      {Array.from({ length: rows }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div key={row} className={cn('flex items-center gap-6 border-b border-border px-3', rowClassName)}>
          {cells.map((cell, column) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <Skeleton key={column} className={cell} />
          ))}
        </div>
      ))}
    </div>
  );
}
