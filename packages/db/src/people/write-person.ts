import {
  type EngagementType,
  type LifecycleStage,
  normalizePhone,
  type PersonCreate,
  type PersonUpdate,
  stageChangeTimestamps,
} from '@ivy/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { setsContactConsent, syncContactConsentRecords } from '../consent/consent-records';
import { type AuditContext, appendAudit } from '../identity/audit';
import type { PeopleScope } from '../identity/principal';
import { engagementEvents, people } from '../schema';
import { peopleScopeCondition } from './people-scope';
import { personInsertValues } from './person-values';

export async function createPerson(db: Tx, input: PersonCreate, audit: AuditContext): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(people).values(personInsertValues(input, audit.at)).returning({ id: people.id });
    if (!row) throw new Error('insert returned no row');
    if (setsContactConsent(input)) {
      await syncContactConsentRecords(tx, [row.id], { source: 'staff', recordedBy: audit.actor?.id, at: audit.at });
    }
    await appendAudit(tx, {
      ...audit,
      action: 'person.create',
      resourceType: 'lead_data',
      resourceId: row.id,
      outcome: 'success',
      details: { fields: Object.keys(input) },
    });
    return row.id;
  });
}

/** Applies a validated patch; returns false when the person does not exist or is outside the scope. */
export async function updatePerson(
  db: Tx,
  personId: string,
  patch: PersonUpdate,
  scope: PeopleScope,
  audit: AuditContext,
): Promise<boolean> {
  const now = audit.at;
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        lifecycle_stage: people.lifecycle_stage,
        applied_at: people.applied_at,
        offered_at: people.offered_at,
        accepted_at: people.accepted_at,
        enrolled_at: people.enrolled_at,
      })
      .from(people)
      .where(and(eq(people.id, personId), peopleScopeCondition(scope)))
      .for('update');
    if (!current) return false;

    const { enquired_at, ...fields } = patch;
    const values: Partial<typeof people.$inferInsert> = { ...fields, updated_at: now };
    if (enquired_at !== undefined) values.enquired_at = new Date(enquired_at);
    if (patch.phone !== undefined) values.phone_e164 = patch.phone ? normalizePhone(patch.phone) : null;
    const from = current.lifecycle_stage as LifecycleStage;
    const to = patch.lifecycle_stage;
    if (to && to !== from) {
      Object.assign(values, stageChangeTimestamps(from, to, current, now));
      if (to !== 'lost') values.lost_reason = null;
      values.last_activity_at = now;
    }
    await tx.update(people).set(values).where(eq(people.id, personId));
    if (setsContactConsent(patch)) {
      await syncContactConsentRecords(tx, [personId], { source: 'staff', recordedBy: audit.actor?.id, at: now });
    }
    await appendAudit(tx, {
      ...audit,
      action: 'person.update',
      resourceType: 'lead_data',
      resourceId: personId,
      outcome: 'success',
      details: { fields: Object.keys(patch), ...(to && to !== from ? { stage: { from, to } } : {}) },
    });
    return true;
  });
}

export type NewEngagementEvent = {
  type: EngagementType;
  occurred_at: Date;
  duration_seconds?: number | null;
  metadata?: Record<string, string | number | boolean | null>;
};

/** Records an engagement and moves the person's last activity forward; null when the person is not in scope. */
export async function addEngagementEvent(
  db: Tx,
  personId: string,
  event: NewEngagementEvent,
  scope: PeopleScope,
  audit: AuditContext,
) {
  return db.transaction(async (tx) => {
    const [touched] = await tx
      .update(people)
      .set({ last_activity_at: sql`greatest(${people.last_activity_at}, ${event.occurred_at})` })
      .where(and(eq(people.id, personId), peopleScopeCondition(scope)))
      .returning({ id: people.id });
    if (!touched) return null;
    const [created] = await tx
      .insert(engagementEvents)
      .values({ person_id: personId, ...event })
      .returning({
        id: engagementEvents.id,
        type: engagementEvents.type,
        occurred_at: engagementEvents.occurred_at,
        duration_seconds: engagementEvents.duration_seconds,
        metadata: engagementEvents.metadata,
      });
    await appendAudit(tx, {
      ...audit,
      action: 'person.event.create',
      resourceType: 'lead_data',
      resourceId: personId,
      outcome: 'success',
      details: { type: event.type },
    });
    return created ?? null;
  });
}
