import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { isApiError } from '@/lib/api';
import { cn } from '@/lib/utils';
import { useHealth } from './use-health';

type HealthState = 'checking' | 'ok' | 'degraded' | 'down';

const STATE_TEXT: Record<HealthState, string> = {
  checking: 'Checking…',
  ok: 'All systems normal',
  degraded: 'Degraded',
  down: 'API unreachable',
};

const DOT_CLASS: Record<HealthState, string> = {
  checking: 'bg-chrome-muted',
  ok: 'bg-[#3fbf3f]',
  degraded: 'bg-[#f2a33a]',
  down: 'bg-[#ff4d5e]',
};

/** The API's health in the top bar; the popover shows the database and version. */
export function HealthIndicator() {
  const { data, error, isPending, dataUpdatedAt } = useHealth();
  // No answer at all is "down"; an answer that is an error (e.g. 503 while the database is away) is "degraded".
  const state: HealthState = isPending
    ? 'checking'
    : error
      ? isApiError(error) && error.status !== 0
        ? 'degraded'
        : 'down'
      : data?.status === 'ok' && data.database.reachable
        ? 'ok'
        : 'degraded';

  return (
    <Popover>
      <PopoverTrigger
        className="flex h-8 cursor-pointer items-center gap-2 rounded-full border border-white/15 bg-chrome-raised/60 px-3 text-xs font-medium text-chrome-foreground transition-colors hover:bg-chrome-raised focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
        aria-label={`System status: ${STATE_TEXT[state]}`}
      >
        <span className="relative flex size-2">
          {state === 'ok' ? (
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-[#3fbf3f] opacity-40 motion-reduce:hidden" />
          ) : null}
          <span className={cn('relative inline-flex size-2 rounded-full', DOT_CLASS[state])} />
        </span>
        <span aria-hidden="true">{STATE_TEXT[state]}</span>
      </PopoverTrigger>
      <PopoverContent>
        <h2 className="text-sm font-semibold text-foreground-strong">System status</h2>
        {data ? (
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-xs">
            <dt className="text-muted-foreground">API</dt>
            <dd className="font-medium">{data.status === 'ok' ? 'Healthy' : data.status}</dd>
            <dt className="text-muted-foreground">Database</dt>
            <dd className="font-medium">
              {data.database.kind === 'pglite' ? 'Embedded PostgreSQL (PGlite)' : 'PostgreSQL'}
              {data.database.reachable ? '' : ' — unreachable'}
            </dd>
            <dt className="text-muted-foreground">Migrations</dt>
            <dd className="font-medium">
              {data.database.migrations.applied} applied
              {data.database.migrations.latest ? (
                <span className="block truncate font-mono text-[11px] font-normal text-muted-foreground">
                  {data.database.migrations.latest}
                </span>
              ) : null}
            </dd>
            <dt className="text-muted-foreground">Version</dt>
            <dd className="font-mono font-medium">{data.version}</dd>
          </dl>
        ) : (
          <p className="mt-2 text-xs text-muted-foreground">
            {error ? error.message : 'Asking the server for its status…'}
          </p>
        )}
        {dataUpdatedAt ? (
          <p className="mt-3 border-t border-border pt-2 text-[11px] text-muted-foreground">
            Checked at {new Date(dataUpdatedAt).toLocaleTimeString('en-GB')} · refreshes every 30 s
          </p>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
