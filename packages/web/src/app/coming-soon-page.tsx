import { CircleDashed, Hourglass } from 'lucide-react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { NavItem } from './navigation';
import { PageHeader } from './page-header';

/** An honest placeholder for an area that is planned but not built: no made-up numbers. */
export function ComingSoonPage({ item }: { item: NavItem }) {
  const info = item.comingSoon;
  const Icon = item.icon;
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6 p-6">
      <title>{`${info?.title ?? item.label} · Ivy`}</title>
      <PageHeader title={info?.title ?? item.label} description={info?.description} />
      <Card className="flex flex-col items-center px-6 py-14 text-center">
        <div className="relative mb-5">
          <div className="flex size-14 items-center justify-center rounded-2xl bg-muted text-muted-foreground">
            <Icon className="size-7" aria-hidden="true" />
          </div>
          <span className="absolute -right-2 -bottom-2 flex size-7 items-center justify-center rounded-full border-2 border-card bg-primary-soft text-primary-soft-foreground">
            <Hourglass className="size-3.5" aria-hidden="true" />
          </span>
        </div>
        <h2 className="text-lg font-semibold text-foreground-strong">Coming in a later release</h2>
        <p className="mt-1.5 max-w-md text-sm text-muted-foreground">
          {info?.title ?? item.label} is not available yet. When it ships it will work from your real admissions data;
          until then this page shows nothing rather than made-up figures.
        </p>
        {info?.capabilities.length ? (
          <div className="mt-6 w-full max-w-md rounded-lg border border-border bg-[#fafbfc] p-4 text-left">
            <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Planned</h3>
            <ul className="mt-2 flex flex-col gap-2">
              {info.capabilities.map((capability) => (
                <li key={capability} className="flex items-start gap-2 text-sm">
                  <CircleDashed className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                  <span>{capability}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Button asChild variant="outline" className="mt-6">
          <Link to="/leads">Go to leads</Link>
        </Button>
      </Card>
    </div>
  );
}
