import type { Tx } from '../client';
import { type ExpiredConsentSweep, sweepExpiredContactConsents } from '../consent/consent-records';
import type { AuditContext } from '../identity/audit';
import { forEachSignalsPage } from './lead-signals';
import { type RescoreReport, scorePage } from './rescore-people';
import { type AlertSweepReport, addToSweep, auditSweep, escalateOverdueAlerts, syncLeadAlerts } from './sync-alerts';
import { prepareTriageRun } from './triage-run';

export type TriageRefreshReport = {
  scores: RescoreReport;
  alerts: AlertSweepReport;
  escalated: number;
  expired_consents: ExpiredConsentSweep;
};

/**
 * Everything triage keeps up to date — every score, every alert, then escalations past the SLA — in one pass over
 * the people: each page of signals is read once and used for both its scores and its alerts.
 */
export async function refreshTriage(
  db: Tx,
  { now, audit, slaHours, pageSize = 2000 }: { now: Date; audit: AuditContext; slaHours: number; pageSize?: number },
): Promise<TriageRefreshReport> {
  // First, so that consents which lapsed since the last run stop counting in this run's scores and actions.
  const expired_consents = await sweepExpiredContactConsents(db, { ...audit, at: now });
  const run = await prepareTriageRun(db);
  const scores: RescoreReport = { scored: 0, weights_version: run.weightsVersion, seconds: 0 };
  const alerts: AlertSweepReport = { raised: 0, updated: 0, resolved: 0, people: 0 };
  await forEachSignalsPage(db, { now, committed: run.committed, pageSize }, async (page) => {
    const started = performance.now();
    await scorePage(db, page, run, now);
    scores.scored += page.length;
    scores.seconds += (performance.now() - started) / 1000;
    addToSweep(alerts, await syncLeadAlerts(db, page, run, now), page.length);
  });
  await auditSweep(db, audit, alerts);
  const { escalated } = await escalateOverdueAlerts(db, { now, slaHours, audit });
  return { scores, alerts, escalated, expired_consents };
}
