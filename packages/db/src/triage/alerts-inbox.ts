import type { AlertStatus, BlockerType } from '@ivy/core';
import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { type AuditContext, appendAudit } from '../identity/audit';
import type { PeopleScope } from '../identity/principal';
import { peopleScopeCondition } from '../people/people-scope';
import { alerts, people } from '../schema';

export const ALERT_VIEWS = ['mine', 'team'] as const;
export type AlertView = (typeof ALERT_VIEWS)[number];

export type AlertFilters = {
  view: AlertView;
  statuses?: AlertStatus[];
  types?: BlockerType[];
  minLevel?: number;
};

const alertColumns = {
  id: alerts.id,
  person_id: alerts.person_id,
  type: alerts.type,
  severity: alerts.severity,
  level: alerts.level,
  status: alerts.status,
  title: alerts.title,
  description: alerts.description,
  action_required: alerts.action_required,
  evidence: alerts.evidence,
  owner_id: alerts.owner_id,
  escalated_to: alerts.escalated_to,
  escalated_at: alerts.escalated_at,
  created_at: alerts.created_at,
  acknowledged_at: alerts.acknowledged_at,
  resolved_at: alerts.resolved_at,
  resolution: alerts.resolution,
  person_name: sql<string>`coalesce(nullif(trim(coalesce(${people.first_name}, '') || ' ' || coalesce(${people.last_name}, '')), ''), ${people.email}, 'Unnamed lead')`,
};

export type AlertRow = Awaited<ReturnType<typeof listAlerts>>[number];

/**
 * An inbox of alerts: "mine" is what I own or what was escalated to me; "team" is everything in my data scope.
 * Escalated alerts come first, then by level and age — the order someone working the list needs.
 */
export async function listAlerts(
  db: Tx,
  {
    userId,
    scope,
    filters,
    limit = 200,
  }: { userId: string; scope: PeopleScope; filters: AlertFilters; limit?: number },
) {
  const conditions: (SQL | undefined)[] = [peopleScopeCondition(scope)];
  if (filters.view === 'mine') conditions.push(or(eq(alerts.owner_id, userId), eq(alerts.escalated_to, userId)));
  conditions.push(inArray(alerts.status, filters.statuses?.length ? filters.statuses : ['open', 'acknowledged']));
  if (filters.types?.length) conditions.push(inArray(alerts.type, filters.types));
  if (filters.minLevel) conditions.push(sql`${alerts.level} >= ${filters.minLevel}`);
  return db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(people, eq(people.id, alerts.person_id))
    .where(and(...conditions))
    .orderBy(sql`${alerts.escalated_at} is null`, desc(alerts.level), desc(alerts.created_at), desc(alerts.id))
    .limit(limit);
}

export type AlertTransition = 'acknowledge' | 'resolve';

/**
 * Acknowledges or resolves an alert in the caller's scope, audited in the same transaction. Returns null when the
 * alert does not exist or is outside the scope (answer 404), and "conflict" when it is already resolved.
 */
export async function transitionAlert(
  db: Tx,
  {
    id,
    transition,
    scope,
    audit,
  }: { id: string; transition: AlertTransition; scope: PeopleScope; audit: AuditContext },
): Promise<AlertRow | 'conflict' | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: alerts.status, person_id: alerts.person_id })
      .from(alerts)
      .innerJoin(people, eq(people.id, alerts.person_id))
      .where(and(eq(alerts.id, id), peopleScopeCondition(scope)));
    if (!current) return null;
    if (current.status === 'resolved' || (transition === 'acknowledge' && current.status === 'acknowledged')) {
      return 'conflict';
    }
    const actorId = audit.actor?.id ?? null;
    await tx
      .update(alerts)
      .set(
        transition === 'acknowledge'
          ? { status: 'acknowledged', acknowledged_at: audit.at, acknowledged_by: actorId, updated_at: audit.at }
          : {
              status: 'resolved',
              resolved_at: audit.at,
              resolved_by: actorId,
              resolution: 'manual',
              updated_at: audit.at,
            },
      )
      .where(eq(alerts.id, id));
    await appendAudit(tx, {
      ...audit,
      action: `alert.${transition}`,
      resourceType: 'lead_data',
      resourceId: id,
      outcome: 'success',
      details: { person_id: current.person_id, from: current.status },
    });
    const [row] = await tx
      .select(alertColumns)
      .from(alerts)
      .innerJoin(people, eq(people.id, alerts.person_id))
      .where(eq(alerts.id, id));
    return row ?? null;
  });
}
