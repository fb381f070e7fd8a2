import type { LucideIcon } from 'lucide-react';
import type * as React from 'react';
import { cn } from '@/lib/utils';

type EmptyStateProps = {
  icon: LucideIcon;
  title: string;
  description?: React.ReactNode;
  tone?: 'neutral' | 'danger';
  children?: React.ReactNode;
  className?: string;
};

/** A centred message for "nothing here", "not yet built" and error states. */
export function EmptyState({ icon: Icon, title, description, tone = 'neutral', children, className }: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center justify-center px-6 py-14 text-center', className)}>
      <div
        className={cn(
          'mb-4 flex size-12 items-center justify-center rounded-full',
          tone === 'danger' ? 'bg-primary-soft text-primary-soft-foreground' : 'bg-muted text-muted-foreground',
        )}
      >
        <Icon className="size-6" aria-hidden="true" />
      </div>
      <h2 className="text-base font-semibold text-foreground-strong">{title}</h2>
      {description ? <div className="mt-1.5 max-w-md text-sm text-muted-foreground">{description}</div> : null}
      {children ? <div className="mt-5 flex flex-wrap items-center justify-center gap-2">{children}</div> : null}
    </div>
  );
}
