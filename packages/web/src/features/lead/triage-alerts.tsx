import { BellRing, Check, CheckCheck } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { humanize } from '@/lib/format';
import { activeAlerts, SEVERITY_TONE } from './triage-format';
import type { AlertSummary } from './triage-types';
import { useAlertTransition } from './use-triage';

function AlertItem({
  alert,
  busy,
  onTransition,
}: {
  alert: AlertSummary;
  busy: boolean;
  onTransition: (transition: 'acknowledge' | 'resolve') => void;
}) {
  return (
    <li className="rounded-md border border-border p-3" data-testid="triage-alert">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone={alert.level >= 3 ? 'danger' : alert.level === 2 ? 'warning' : 'neutral'}>
          Level {alert.level}
        </Badge>
        <Badge tone={SEVERITY_TONE[alert.severity]}>{humanize(alert.severity)}</Badge>
        <Badge tone={alert.status === 'open' ? 'outline' : 'info'} data-testid="alert-status">
          {humanize(alert.status)}
        </Badge>
      </div>
      <p className="mt-2 text-sm font-medium text-foreground-strong">{alert.title}</p>
      <p className="text-xs text-muted-foreground">{alert.description}</p>
      <p className="mt-1 text-xs">
        <span className="font-medium text-foreground-strong">Action: </span>
        {alert.action_required}
      </p>
      {alert.id ? (
        <div className="mt-2.5 flex gap-2">
          {alert.status === 'open' ? (
            <Button variant="outline" size="sm" disabled={busy} onClick={() => onTransition('acknowledge')}>
              <Check aria-hidden="true" />
              Acknowledge
            </Button>
          ) : null}
          <Button variant="ghost" size="sm" disabled={busy} onClick={() => onTransition('resolve')}>
            <CheckCheck aria-hidden="true" />
            Resolve
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/** The lead's unresolved alerts, which the officer can acknowledge (seen, working on it) or resolve. */
export function TriageAlerts({ leadId, alerts }: { leadId: string; alerts: AlertSummary[] }) {
  const transition = useAlertTransition(leadId);
  const active = activeAlerts(alerts);
  const busyId = transition.isPending ? transition.variables?.alertId : undefined;

  return (
    <section aria-labelledby="triage-alerts-title" className="flex flex-col gap-2">
      <h3 id="triage-alerts-title" className="flex items-center gap-1.5 text-sm font-semibold text-foreground-strong">
        <BellRing className="size-4 text-muted-foreground" aria-hidden="true" />
        Active alerts
      </h3>
      {transition.isError ? (
        <p role="alert" className="text-xs text-primary-soft-foreground">
          {transition.error.message}
        </p>
      ) : null}
      {active.length ? (
        <ul className="flex flex-col gap-2">
          {active.map((alert) => (
            <AlertItem
              key={alert.id ?? alert.type}
              alert={alert}
              busy={busyId === alert.id}
              onTransition={(next) => {
                if (alert.id) transition.mutate({ alertId: alert.id, transition: next });
              }}
            />
          ))}
        </ul>
      ) : (
        <p className="text-xs text-muted-foreground">No open alerts for this lead.</p>
      )}
    </section>
  );
}
