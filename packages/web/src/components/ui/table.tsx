import type * as React from 'react';
import { useState } from 'react';
import { cn } from '@/lib/utils';

/** The first column stays put when a wide table scrolls sideways, casting a shadow once it has content beneath it. */
export const PINNED_COLUMN =
  'sticky left-0 border-r group-data-[scrolled-x]/scroll:shadow-[4px_0_8px_-4px_rgba(31,42,49,0.18)]';

/** The scroll area around a table: marks itself `data-scrolled-x` while scrolled sideways, for PINNED_COLUMN. */
export function TableScroller({ className, onScroll, ...props }: React.ComponentProps<'div'>) {
  const [scrolledSideways, setScrolledSideways] = useState(false);
  return (
    <div
      className={cn('group/scroll min-h-0 flex-1 overflow-auto', className)}
      data-scrolled-x={scrolledSideways || undefined}
      onScroll={(event) => {
        const sideways = event.currentTarget.scrollLeft > 0;
        if (sideways !== scrolledSideways) setScrolledSideways(sideways);
        onScroll?.(event);
      }}
      {...props}
    />
  );
}

export function Table({ className, ...props }: React.ComponentProps<'table'>) {
  return (
    <table
      data-slot="table"
      className={cn('w-full caption-bottom border-separate border-spacing-0 text-sm', className)}
      {...props}
    />
  );
}

export function TableHeader({ className, ...props }: React.ComponentProps<'thead'>) {
  return <thead data-slot="table-header" className={cn('[&_tr]:border-b', className)} {...props} />;
}

export function TableBody({ className, ...props }: React.ComponentProps<'tbody'>) {
  return <tbody data-slot="table-body" className={cn(className)} {...props} />;
}

export function TableRow({ className, ...props }: React.ComponentProps<'tr'>) {
  return (
    <tr
      data-slot="table-row"
      className={cn('group transition-colors hover:bg-[#f3f5f7] data-[state=selected]:bg-muted', className)}
      {...props}
    />
  );
}

export function TableHead({ className, pinned, ...props }: React.ComponentProps<'th'> & { pinned?: boolean }) {
  return (
    <th
      data-slot="table-head"
      className={cn(
        'sticky top-0 z-10 h-10 border-b border-border bg-[#f8f9fb] px-3 text-left align-middle text-xs font-semibold whitespace-nowrap text-muted-foreground',
        pinned && cn(PINNED_COLUMN, 'z-20'),
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, pinned, ...props }: React.ComponentProps<'td'> & { pinned?: boolean }) {
  return (
    <td
      data-slot="table-cell"
      className={cn(
        'border-b border-border px-3 py-2 align-middle whitespace-nowrap',
        pinned && cn(PINNED_COLUMN, 'z-[1] bg-card transition-colors group-hover:bg-[#f3f5f7]'),
        className,
      )}
      {...props}
    />
  );
}

export function TableCaption({ className, ...props }: React.ComponentProps<'caption'>) {
  return (
    <caption data-slot="table-caption" className={cn('mt-4 text-sm text-muted-foreground', className)} {...props} />
  );
}
