import { and, asc, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { appendAudit } from '../identity/audit';
import type { PeopleScope } from '../identity/principal';
import { peopleScopeCondition } from '../people/people-scope';
import {
  activities,
  alerts,
  applicationStatusHistory,
  applications,
  auditLog,
  consentRecords,
  courses,
  engagementEvents,
  gdprRequests,
  leadForecasts,
  leadScores,
  mlPredictions,
  people,
} from '../schema';
import type { GdprActor } from './erase-person';

/** Generated lookup columns repeat what the export already holds. */
const { email_normalized: _email, sort_name: _sort, search_text: _search, ...personColumns } = getTableColumns(people);

export type ExportOptions = { actor: GdprActor; now: Date; scope: PeopleScope };

/**
 * Everything Ivy holds about a person (UK GDPR art. 15) as one document, recorded as an export request and audited
 * in the same transaction; null when the person does not exist or is outside the scope.
 */
export async function exportPerson(db: Tx, personId: string, { actor, now, scope }: ExportOptions) {
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select(personColumns)
      .from(people)
      .where(and(eq(people.id, personId), peopleScopeCondition(scope)));
    if (!person) return null;

    const applicationRows = await tx
      .select({
        ...getTableColumns(applications),
        course: { code: courses.code, name: courses.name, intake: courses.intake },
      })
      .from(applications)
      .innerJoin(courses, eq(courses.id, applications.course_id))
      .where(eq(applications.person_id, personId))
      .orderBy(asc(applications.submitted_at));
    const history = applicationRows.length
      ? await tx
          .select()
          .from(applicationStatusHistory)
          .where(
            inArray(
              applicationStatusHistory.application_id,
              applicationRows.map((row) => row.id),
            ),
          )
          .orderBy(asc(applicationStatusHistory.changed_at), asc(applicationStatusHistory.id))
      : [];
    const [events, notes, alertRows, scores, forecasts, predictions, consents, requests, auditEntries] =
      await Promise.all([
        tx
          .select()
          .from(engagementEvents)
          .where(eq(engagementEvents.person_id, personId))
          .orderBy(asc(engagementEvents.occurred_at), asc(engagementEvents.id)),
        tx.select().from(activities).where(eq(activities.person_id, personId)).orderBy(asc(activities.occurred_at)),
        tx.select().from(alerts).where(eq(alerts.person_id, personId)).orderBy(asc(alerts.created_at)),
        tx.select().from(leadScores).where(eq(leadScores.person_id, personId)),
        tx.select().from(leadForecasts).where(eq(leadForecasts.person_id, personId)).orderBy(asc(leadForecasts.id)),
        tx.select().from(mlPredictions).where(eq(mlPredictions.person_id, personId)).orderBy(asc(mlPredictions.id)),
        tx
          .select()
          .from(consentRecords)
          .where(eq(consentRecords.person_id, personId))
          .orderBy(asc(consentRecords.recorded_at), asc(consentRecords.id)),
        tx
          .select()
          .from(gdprRequests)
          .where(eq(gdprRequests.person_id, personId))
          .orderBy(asc(gdprRequests.created_at)),
        tx
          .select({
            id: auditLog.id,
            occurred_at: auditLog.occurred_at,
            actor_label: auditLog.actor_label,
            action: auditLog.action,
            outcome: auditLog.outcome,
            details: auditLog.details,
          })
          .from(auditLog)
          .where(or(eq(auditLog.resource_id, personId), sql`${auditLog.details}->>'person_id' = ${personId}`))
          .orderBy(asc(auditLog.occurred_at), asc(auditLog.id)),
      ]);

    const [request] = await tx
      .insert(gdprRequests)
      .values({ kind: 'export', person_id: personId, requested_by: actor.id, created_at: now })
      .returning({ id: gdprRequests.id });
    await appendAudit(tx, {
      actor,
      action: 'person.export',
      resourceType: 'lead_data',
      resourceId: personId,
      outcome: 'success',
      details: { request_id: request?.id },
      at: now,
    });

    return {
      format: 'ivy.subject_access_export/1',
      exported_at: now.toISOString(),
      request_id: request?.id ?? null,
      person,
      applications: applicationRows.map((application) => ({
        ...application,
        status_history: history.filter((row) => row.application_id === application.id),
      })),
      engagement_events: events,
      activities: notes,
      alerts: alertRows,
      lead_score: scores[0] ?? null,
      lead_forecasts: forecasts,
      ml_predictions: predictions,
      consent_history: consents,
      gdpr_requests: requests,
      audit_entries: auditEntries,
    };
  });
}

export type PersonExport = NonNullable<Awaited<ReturnType<typeof exportPerson>>>;

/** Whether a person exists within a scope: what a route checks before acting on them. */
export async function personInScope(db: Tx, personId: string, scope: PeopleScope): Promise<boolean> {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), peopleScopeCondition(scope)));
  return row !== undefined;
}
