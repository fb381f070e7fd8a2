import { formatDateTime, formatRelativeTime } from '@/lib/format';

/** "3 days ago" in a <time> element whose tooltip and machine value give the exact moment. */
export function RelativeTime({ value, className }: { value: string | null | undefined; className?: string }) {
  if (!value) return <span className="text-muted-foreground">—</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)} className={className}>
      {formatRelativeTime(value)}
    </time>
  );
}
