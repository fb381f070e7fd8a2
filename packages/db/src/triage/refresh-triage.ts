import type { Tx } from '../client';
import type { AuditContext } from '../identity/audit';
import { type RescoreReport, rescorePeople } from './rescore-people';
import { type AlertSweepReport, escalateOverdueAlerts, sweepAlerts } from './sync-alerts';

export type TriageRefreshReport = { scores: RescoreReport; alerts: AlertSweepReport; escalated: number };

/** Everything triage keeps up to date: every score, every alert, and escalations past the SLA — in that order. */
export async function refreshTriage(
  db: Tx,
  { now, audit, slaHours }: { now: Date; audit: AuditContext; slaHours: number },
): Promise<TriageRefreshReport> {
  const scores = await rescorePeople(db, { now });
  const alerts = await sweepAlerts(db, { now, audit });
  const { escalated } = await escalateOverdueAlerts(db, { now, slaHours, audit });
  return { scores, alerts, escalated };
}
