import { cva, type VariantProps } from 'class-variance-authority';
import type * as React from 'react';
import { cn } from '@/lib/utils';

export const badgeVariants = cva(
  'inline-flex w-fit shrink-0 items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium leading-4 [&_svg]:size-3 [&_svg]:shrink-0',
  {
    variants: {
      tone: {
        neutral: 'border-[#d5dce2] bg-muted text-secondary-foreground',
        info: 'border-[#c6d8f0] bg-info-soft text-info-soft-foreground',
        warning: 'border-[#f2d5a9] bg-warning-soft text-warning-soft-foreground',
        violet: 'border-[#d9cff3] bg-violet-soft text-violet-soft-foreground',
        success: 'border-[#bfe0bf] bg-success-soft text-success-soft-foreground',
        danger: 'border-[#f6c5cb] bg-primary-soft text-primary-soft-foreground',
        outline: 'border-border bg-card text-muted-foreground',
      },
    },
    defaultVariants: { tone: 'neutral' },
  },
);

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>['tone']>;

export function Badge({
  className,
  tone,
  ...props
}: React.ComponentProps<'span'> & VariantProps<typeof badgeVariants>) {
  return <span data-slot="badge" className={cn(badgeVariants({ tone }), className)} {...props} />;
}
