import { alertDrafts, detectBlockers, forecastProbability, quickScore } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { type AuditContext, appendAudit } from '../identity/audit';
import { queryRows } from '../query-rows';
import { forEachSignalsPage, type StoredLeadSignals } from './lead-signals';
import { prepareTriageRun, type TriageRun } from './triage-run';

export type AlertSweepReport = { raised: number; updated: number; resolved: number; people: number };

/** Stages whose leads are still being worked; alerts of enrolled or lost people are resolved. */
const OPEN_STAGES = new Set(['enquirer', 'applicant', 'offer', 'accepted']);

/**
 * The alert sweep (seed phase 1.3): turns every open lead's blockers into alerts — raising new ones, updating those
 * whose severity, level or detail changed — and resolves alerts whose condition has cleared. Runs page by page like
 * rescoring; the level weighs severity by the lead's expected fee income (rules-forecast probability × fee).
 */
export async function sweepAlerts(
  db: Tx,
  { now, audit, pageSize = 2000 }: { now: Date; audit: AuditContext; pageSize?: number },
): Promise<AlertSweepReport> {
  const run = await prepareTriageRun(db);
  const report: AlertSweepReport = { raised: 0, updated: 0, resolved: 0, people: 0 };
  await forEachSignalsPage(db, { now, committed: run.committed, pageSize }, async (page) => {
    addToSweep(report, await syncLeadAlerts(db, page, run, now), page.length);
  });
  await auditSweep(db, audit, report);
  return report;
}

export function addToSweep(report: AlertSweepReport, counts: Omit<AlertSweepReport, 'people'>, people: number) {
  report.raised += counts.raised;
  report.updated += counts.updated;
  report.resolved += counts.resolved;
  report.people += people;
}

export async function auditSweep(db: Tx, audit: AuditContext, report: AlertSweepReport) {
  await appendAudit(db, {
    ...audit,
    action: 'alerts.sweep',
    resourceType: 'lead_data',
    outcome: 'success',
    details: report,
  });
}

/**
 * Brings the alerts of these leads in line with their blockers, in one transaction: two statements for the whole
 * batch, whatever its size.
 */
export async function syncLeadAlerts(
  db: Tx,
  leads: readonly StoredLeadSignals[],
  { context, forecastConfig }: TriageRun,
  now: Date,
): Promise<Omit<AlertSweepReport, 'people'>> {
  const drafts = leads.flatMap((lead) => {
    if (!OPEN_STAGES.has(lead.lifecycle_stage)) return [];
    const probability = forecastProbability(quickScore(lead.signals, context).points, forecastConfig);
    const value = probability * (lead.course_fee_gbp ?? 0);
    return alertDrafts(detectBlockers(lead.signals, context.sourceRates), value).map((draft) => ({
      ...draft,
      person_id: lead.id,
      owner_id: lead.owner_id,
      evidence: { expected_value_gbp: Math.round(value), probability: Math.round(probability * 1000) / 1000 },
    }));
  });
  const ids = leads.map((lead) => lead.id);
  const draftsJson = JSON.stringify(drafts);
  return db.transaction(async (tx) => {
    const [upserted] = await queryRows<{ raised: number; updated: number }>(
      tx,
      sql`with drafts as (
            select * from json_to_recordset(${draftsJson}::json) as t(
              person_id uuid, owner_id uuid, type text, severity text, level smallint, title text,
              description text, action_required text, evidence jsonb)
          ), written as (
            insert into alerts (person_id, owner_id, type, severity, level, title, description, action_required,
                                evidence, created_at, updated_at)
            select person_id, owner_id, type, severity, level, title, description, action_required, evidence,
                   ${now}, ${now}
            from drafts
            on conflict (person_id, type) where status <> 'resolved' do update set
              severity = excluded.severity, level = excluded.level, title = excluded.title,
              description = excluded.description, action_required = excluded.action_required,
              evidence = excluded.evidence, owner_id = excluded.owner_id, updated_at = excluded.updated_at
            where (alerts.severity, alerts.level, alerts.description, alerts.owner_id)
                  is distinct from (excluded.severity, excluded.level, excluded.description, excluded.owner_id)
            returning (xmax = 0) as inserted
          )
          select count(*) filter (where inserted)::int as raised, count(*) filter (where not inserted)::int as updated
          from written`,
    );
    const [resolved] = await queryRows<{ n: number }>(
      tx,
      sql`with cleared as (
            update alerts a set status = 'resolved', resolution = 'condition_cleared', resolved_at = ${now},
                                updated_at = ${now}
            where a.status <> 'resolved'
              and a.person_id in (select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))
              and not exists (
                select 1 from json_to_recordset(${draftsJson}::json) as d(person_id uuid, type text)
                where d.person_id = a.person_id and d.type = a.type)
            returning 1
          ) select count(*)::int as n from cleared`,
    );
    return { raised: upserted?.raised ?? 0, updated: upserted?.updated ?? 0, resolved: resolved?.n ?? 0 };
  });
}

/**
 * Escalation (seed phase 1.3): a level-3 alert still open — not acknowledged — after the SLA goes to a manager of
 * the owner's department, once. Each escalation is audited in the same transaction.
 */
export async function escalateOverdueAlerts(
  db: Tx,
  { now, slaHours, audit }: { now: Date; slaHours: number; audit: AuditContext },
): Promise<{ escalated: number }> {
  const due = new Date(now.getTime() - slaHours * 3_600_000);
  return db.transaction(async (tx) => {
    const escalated = await queryRows<{ id: string; person_id: string; escalated_to: string }>(
      tx,
      sql`with targets as (
            select a.id, (
              select m.id from users m join teams mt on mt.id = m.team_id
              where m.role = 'manager' and m.active and mt.department_id = ot.department_id
              order by m.full_name, m.id limit 1
            ) as manager_id
            from alerts a
            join users o on o.id = a.owner_id
            join teams ot on ot.id = o.team_id
            where a.status = 'open' and a.level = 3 and a.escalated_at is null and a.created_at <= ${due}
          )
          update alerts a set escalated_to = t.manager_id, escalated_at = ${now}, updated_at = ${now}
          from targets t where a.id = t.id and t.manager_id is not null
          returning a.id, a.person_id, a.escalated_to`,
    );
    for (const alert of escalated) {
      await appendAudit(tx, {
        ...audit,
        action: 'alert.escalate',
        resourceType: 'lead_data',
        resourceId: alert.id,
        outcome: 'success',
        details: { person_id: alert.person_id, escalated_to: alert.escalated_to, sla_hours: slaHours },
      });
    }
    return { escalated: escalated.length };
  });
}
