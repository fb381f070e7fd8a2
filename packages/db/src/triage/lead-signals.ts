import {
  ENGAGEMENT_WINDOW_DAYS,
  type EngagementType,
  isDisposableEmail,
  type LeadSignals,
  type LifecycleStage,
  type Source,
} from '@ivy/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';

export type StoredLeadSignals = {
  id: string;
  lifecycle_stage: LifecycleStage;
  owner_id: string | null;
  team_id: string | null;
  course_fee_gbp: number | null;
  signals: LeadSignals;
};

export type SignalRow = {
  id: string;
  email: string | null;
  phone: string | null;
  phone_e164: string | null;
  any_consent: boolean;
  consent_email: boolean;
  consent_sms: boolean;
  consent_phone: boolean;
  source: Source;
  lifecycle_stage: LifecycleStage;
  owner_id: string | null;
  team_id: string | null;
  last_activity_at: Date | string;
  course_id: string | null;
  capacity: number | null;
  fee_gbp: number | null;
} & Record<EngagementType, number>;

export const DAY_MS = 86_400_000;

/**
 * Triage signals for a page of people (keyset on id), in ONE query: engagement counts per type over the window come
 * from a lateral aggregate on the (person, time) index, not a query per lead. `where` narrows the people (a scope,
 * a list of ids), written over drizzle's `people` columns. Consent: until consent records exist, a person with no consent flag set is "not recorded" (null),
 * never "refused".
 */
export async function leadSignalsPage(
  db: Tx,
  options: { after: string | null; limit: number; now: Date; committed: ReadonlyMap<string, number>; where?: SQL },
): Promise<StoredLeadSignals[]> {
  const since = new Date(options.now.getTime() - ENGAGEMENT_WINDOW_DAYS * DAY_MS);
  const conditions = [options.after ? sql`people.id > ${options.after}` : undefined, options.where].filter(
    (condition): condition is SQL => condition !== undefined,
  );
  const whereClause = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const rows = await queryRows<SignalRow>(
    db,
    sql`select ${SIGNAL_PERSON_COLUMNS}, people.last_activity_at
        from people
        left join courses c on c.id = people.course_id
        left join lateral (
          select ${ENGAGEMENT_COUNT_COLUMNS}
          from engagement_events
          where person_id = people.id and occurred_at > ${since} and occurred_at <= ${options.now}
        ) e on true
        ${whereClause}
        order by people.id
        limit ${options.limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    lifecycle_stage: row.lifecycle_stage,
    owner_id: row.owner_id,
    team_id: row.team_id,
    course_fee_gbp: row.fee_gbp,
    signals: signalsFromRow(row, options.now, options.committed),
  }));
}

/**
 * Visits every person's signals a page at a time (keyset on id): one query per page, each page its own short
 * statement so PGlite's single connection is never held for the whole pass.
 */
export async function forEachSignalsPage(
  db: Tx,
  { now, committed, pageSize }: { now: Date; committed: ReadonlyMap<string, number>; pageSize: number },
  visit: (page: StoredLeadSignals[]) => Promise<void>,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const page = await leadSignalsPage(db, { after, limit: pageSize, now, committed });
    if (page.length === 0) return;
    await visit(page);
    after = page[page.length - 1]?.id ?? null;
  }
}

/** Engagement counts per type, selected from `engagement_events` by the caller's condition (window, person). */
export const ENGAGEMENT_COUNT_COLUMNS = sql`count(*) filter (where type = 'email_open')::int as email_open,
                 count(*) filter (where type = 'email_click')::int as email_click,
                 count(*) filter (where type = 'web_visit')::int as web_visit,
                 count(*) filter (where type = 'portal_login')::int as portal_login,
                 count(*) filter (where type = 'event_attended')::int as event_attended,
                 count(*) filter (where type = 'call')::int as call,
                 count(*) filter (where type = 'meeting')::int as meeting,
                 count(*) filter (where type = 'form_submit')::int as form_submit`;

/** The columns a signal row carries besides the counts, for queries that join `people` and `courses c`. */
export const SIGNAL_PERSON_COLUMNS = sql`people.id, people.email, people.phone, people.phone_e164,
               (people.consent_email or people.consent_sms or people.consent_phone) as any_consent,
               people.consent_email, people.consent_sms, people.consent_phone,
               people.source, people.lifecycle_stage, people.owner_id, people.team_id,
               people.course_id, c.capacity, c.fee_gbp::float8 as fee_gbp,
               coalesce(e.email_open, 0) as email_open, coalesce(e.email_click, 0) as email_click,
               coalesce(e.web_visit, 0) as web_visit, coalesce(e.portal_login, 0) as portal_login,
               coalesce(e.event_attended, 0) as event_attended, coalesce(e.call, 0) as call,
               coalesce(e.meeting, 0) as meeting, coalesce(e.form_submit, 0) as form_submit`;

/** A signal row as the lead looked at `asOf`: its last activity is measured from then. */
export function signalsFromRow(row: SignalRow, asOf: Date, committed: ReadonlyMap<string, number>): LeadSignals {
  return {
    email: { present: row.email !== null, valid: row.email !== null && !isDisposableEmail(row.email) },
    phone: { present: row.phone !== null, valid: row.phone_e164 !== null },
    contact_consent: row.any_consent ? true : null,
    contact_channels: { email: row.consent_email, sms: row.consent_sms, phone: row.consent_phone },
    source: row.source,
    engagement: {
      email_open: row.email_open,
      email_click: row.email_click,
      web_visit: row.web_visit,
      portal_login: row.portal_login,
      event_attended: row.event_attended,
      call: row.call,
      meeting: row.meeting,
      form_submit: row.form_submit,
    },
    days_since_last_activity: Math.max(0, (asOf.getTime() - new Date(row.last_activity_at).getTime()) / DAY_MS),
    course: row.course_id ? { capacity: row.capacity, committed: committed.get(row.course_id) ?? 0 } : null,
  };
}
