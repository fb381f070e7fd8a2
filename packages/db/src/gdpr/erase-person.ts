import type { ErasureGround } from '@ivy/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { appendAudit } from '../identity/audit';
import { queryRows } from '../query-rows';
import {
  activities,
  alerts,
  applicationStatusHistory,
  applications,
  auditLog,
  consentRecords,
  engagementEvents,
  gdprRequests,
  leadForecasts,
  leadScores,
  llmCalls,
  loginAttempts,
  mlPredictions,
  people,
  users,
} from '../schema';
import { ERASED, escapeRegExp, scrubJson, scrubText, strongIdentifiers } from './scrub';

export type GdprActor = { id: string | null; label: string };

export type ErasureRequest = {
  personId: string;
  ground: ErasureGround;
  reason: string;
  actor: GdprActor;
  now: Date;
};

export type ErasureResult =
  | { status: 'erased'; request_id: string; summary: Record<string, number> }
  | { status: 'already_erased'; request_id: string }
  | { status: 'not_found' };

/** True when an erasure of this person has been carried out: the gdpr_requests row is the marker. */
export async function erasureOf(db: Tx, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: gdprRequests.id })
    .from(gdprRequests)
    .where(and(eq(gdprRequests.kind, 'erasure'), eq(gdprRequests.person_id, personId)))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Erases a person (UK GDPR art. 17) in one transaction: every identifying column of the person is cleared, free
 * text about them is removed or scrubbed, derived data (scores, forecasts, predictions, consent) is deleted and
 * audit details that name them are scrubbed. The person row itself stays, anonymised, with what aggregates need
 * (source, course, stage and its dates, outcome), so conversion figures do not move. Erasing an erased person does
 * nothing. Any failure rolls everything back.
 */
export async function erasePerson(db: Tx, request: ErasureRequest): Promise<ErasureResult> {
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({
        id: people.id,
        first_name: people.first_name,
        last_name: people.last_name,
        email: people.email,
        phone: people.phone,
        phone_e164: people.phone_e164,
        external_ref: people.external_ref,
        lost_reason: people.lost_reason,
      })
      .from(people)
      .where(eq(people.id, request.personId))
      .for('update');
    if (!person) return { status: 'not_found' } as const;
    const previous = await erasureOf(tx, person.id);
    if (previous) return { status: 'already_erased', request_id: previous } as const;

    const strong = strongIdentifiers(person);
    // Inside rows that are about the person, a first or last name on its own identifies them too.
    const aboutThem = [...strong, person.first_name ?? '', person.last_name ?? ''].filter((v) => v.trim().length >= 2);
    const summary: Record<string, number> = {};
    const count = (table: string, rows: number) => {
      if (rows > 0) summary[table] = (summary[table] ?? 0) + rows;
    };

    count('audit_log', await scrubAuditDetails(tx, person.id, strong, aboutThem));

    const personRows = await tx
      .update(people)
      .set({
        external_ref: null,
        first_name: null,
        last_name: null,
        email: null,
        phone: null,
        phone_e164: null,
        postcode: null,
        date_of_birth: null,
        consent_email: false,
        consent_sms: false,
        consent_phone: false,
        // Why a lead was lost feeds the outcome figures; only what in it names the person goes.
        lost_reason: person.lost_reason === null ? null : scrubText(person.lost_reason, aboutThem),
        source_detail: null,
        campaign: null,
        attributes: {},
        updated_at: request.now,
      })
      .where(eq(people.id, person.id))
      .returning({ id: people.id });
    count('people', personRows.length);

    const events = await tx
      .update(engagementEvents)
      .set({ metadata: {} })
      .where(and(eq(engagementEvents.person_id, person.id), sql`${engagementEvents.metadata} <> '{}'::jsonb`))
      .returning({ id: engagementEvents.id });
    count('engagement_events', events.length);

    // The notes go; the fact that a call or e-mail happened, and when, stays for engagement figures.
    const notes = await tx
      .update(activities)
      .set({ subject: ERASED, body: null })
      .where(eq(activities.person_id, person.id))
      .returning({ id: activities.id });
    count('activities', notes.length);

    const history = await tx
      .update(applicationStatusHistory)
      .set({ note: null })
      .where(
        and(
          sql`${applicationStatusHistory.note} is not null`,
          inArray(
            applicationStatusHistory.application_id,
            tx.select({ id: applications.id }).from(applications).where(eq(applications.person_id, person.id)),
          ),
        ),
      )
      .returning({ id: applicationStatusHistory.id });
    count('application_status_history', history.length);

    count('notes_elsewhere', await scrubNotesElsewhere(tx, person.id, strong));

    // Raw prompts exist only while an admin has turned raw logging on; any that mention the person go.
    if (strong.length > 0) {
      const mentioned = (column: typeof llmCalls.raw_prompt | typeof llmCalls.raw_response) =>
        sql.join(
          strong.map((value) => sql`position(${value.toLowerCase()} in lower(${column})) > 0`),
          sql` or `,
        );
      const calls = await tx
        .update(llmCalls)
        .set({ raw_prompt: null, raw_response: null })
        .where(sql`${mentioned(llmCalls.raw_prompt)} or ${mentioned(llmCalls.raw_response)}`)
        .returning({ id: llmCalls.id });
      count('llm_calls', calls.length);
    }

    for (const [name, table] of [
      ['alerts', alerts],
      ['lead_scores', leadScores],
      ['lead_forecasts', leadForecasts],
      ['ml_predictions', mlPredictions],
      ['consent_records', consentRecords],
    ] as const) {
      const deleted = await tx
        .delete(table)
        .where(eq(table.person_id, person.id))
        .returning({ person: table.person_id });
      count(name, deleted.length);
    }

    if (person.email) {
      const attempts = await tx
        .delete(loginAttempts)
        .where(eq(loginAttempts.email_normalized, person.email.trim().toLowerCase()))
        .returning({ id: loginAttempts.id });
      count('login_attempts', attempts.length);
    }

    // A student's own sign-in ends with their record; the account (a staff-side object) stays, disabled.
    const accounts = await tx
      .update(users)
      .set({ active: false, person_id: null, updated_at: request.now })
      .where(eq(users.person_id, person.id))
      .returning({ id: users.id });
    count('users', accounts.length);

    // Earlier requests about this person (an export, say) may carry a reason that names them.
    const earlier = await tx
      .select({ id: gdprRequests.id, reason: gdprRequests.reason })
      .from(gdprRequests)
      .where(eq(gdprRequests.person_id, person.id));
    for (const row of earlier) {
      if (row.reason && scrubText(row.reason, aboutThem) !== row.reason) {
        await tx
          .update(gdprRequests)
          .set({ reason: scrubText(row.reason, aboutThem) })
          .where(eq(gdprRequests.id, row.id));
        count('gdpr_requests', 1);
      }
    }

    const [created] = await tx
      .insert(gdprRequests)
      .values({
        kind: 'erasure',
        person_id: person.id,
        ground: request.ground,
        reason: scrubText(request.reason, aboutThem),
        requested_by: request.actor.id,
        created_at: request.now,
        summary,
      })
      .returning({ id: gdprRequests.id });
    if (!created) throw new Error('the erasure request was not recorded');
    await appendAudit(tx, {
      actor: request.actor,
      action: 'person.erase',
      resourceType: 'lead_data',
      resourceId: person.id,
      outcome: 'success',
      details: { request_id: created.id, ground: request.ground, rows: summary },
      at: request.now,
    });
    return { status: 'erased', request_id: created.id, summary } as const;
  });
}

/**
 * Scrubs identifiers from audit details through the one path the append-only trigger allows (migration 0011): a
 * details-only UPDATE in a transaction that set `ivy.gdpr_erasure`. Entries about the person lose their names too;
 * any other entry loses the strong identifiers it mentions.
 */
async function scrubAuditDetails(
  tx: Tx,
  personId: string,
  strong: readonly string[],
  aboutThem: readonly string[],
): Promise<number> {
  const mentions = strong.map((value) => sql`position(${value.toLowerCase()} in lower(${auditLog.details}::text)) > 0`);
  const about = sql`(${auditLog.resource_id} = ${personId} or ${auditLog.details}->>'person_id' = ${personId})`;
  const rows = await tx
    .select({ id: auditLog.id, details: auditLog.details, about: sql<boolean>`${about}` })
    .from(auditLog)
    .where(mentions.length > 0 ? sql`${about} or ${sql.join(mentions, sql` or `)}` : about);
  const changed = rows
    .map((row) => ({ id: row.id, before: row.details, after: scrubJson(row.details, row.about ? aboutThem : strong) }))
    .filter((row) => JSON.stringify(row.after) !== JSON.stringify(row.before));
  if (changed.length === 0) return 0;
  await queryRows(tx, sql`select set_config('ivy.gdpr_erasure', 'on', true)`);
  for (const row of changed) {
    await tx
      .update(auditLog)
      .set({ details: row.after as Record<string, unknown> })
      .where(eq(auditLog.id, row.id));
  }
  await queryRows(tx, sql`select set_config('ivy.gdpr_erasure', '', true)`);
  return changed.length;
}

/** Notes on other people's records that quote the person's e-mail, phone, full name or reference lose those. */
async function scrubNotesElsewhere(tx: Tx, personId: string, strong: readonly string[]): Promise<number> {
  if (strong.length === 0) return 0;
  const pattern = [...strong]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const notes = await tx
    .update(activities)
    .set({
      subject: sql`regexp_replace(${activities.subject}, ${pattern}, ${ERASED}, 'gi')`,
      body: sql`regexp_replace(${activities.body}, ${pattern}, ${ERASED}, 'gi')`,
    })
    .where(
      sql`${activities.person_id} <> ${personId}
        and (${activities.subject} ~* ${pattern} or coalesce(${activities.body}, '') ~* ${pattern})`,
    )
    .returning({ id: activities.id });
  const history = await tx
    .update(applicationStatusHistory)
    .set({ note: sql`regexp_replace(${applicationStatusHistory.note}, ${pattern}, ${ERASED}, 'gi')` })
    .where(sql`${applicationStatusHistory.note} ~* ${pattern}`)
    .returning({ id: applicationStatusHistory.id });
  return notes.length + history.length;
}
