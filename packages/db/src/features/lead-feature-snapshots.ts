import {
  type AttributeValue,
  type EngagementType,
  isDisposableEmail,
  type LeadSnapshot,
  type LifecycleStage,
  type Source,
} from '@ivy/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';
import { ENGAGEMENT_COUNT_COLUMNS } from '../triage/lead-signals';

const DAY_MS = 86_400_000;

export type LabelledSnapshot = {
  person_id: string;
  snapshot: LeadSnapshot;
  /** Enrolled within the horizon after the snapshot; null while the horizon has not yet passed at `labelsKnownAt`. */
  enrolled: boolean | null;
};

type SnapshotRow = {
  id: string;
  email: string | null;
  phone_e164: string | null;
  any_consent: boolean;
  source: Source;
  stage_then: LifecycleStage | null;
  stage_since: Date | string;
  enquired_at: Date | string;
  last_event_at: Date | string | null;
  touches_14d: number;
  course_level: string | null;
  course_demand_90d: number | null;
  course_committed: number | null;
  capacity: number | null;
  enrolled_at: Date | string | null;
  /** The person's attributes declared as features; null when there are none. */
  attributes: Record<string, AttributeValue> | null;
} & Record<EngagementType, number>;

/**
 * The person's attributes that some import mapping declared as features (see person-attribute-keys.ts). The
 * uncorrelated `exists` is evaluated once per query, so a database without declared features pays nothing per row.
 */
const FEATURE_ATTRIBUTES = sql`case when exists (select 1 from person_attribute_keys where model_use = 'feature')
                                 then (select jsonb_object_agg(a.key, a.value)
                                       from jsonb_each(people.attributes) a
                                       join person_attribute_keys k on k.key = a.key and k.model_use = 'feature')
                               end`;

/**
 * Every lead that was open at `asOf` (enquired by then, neither enrolled nor lost by then), as it was at `asOf`,
 * with the label "enrolled within `horizonDays` after `asOf`". One set-based query.
 *
 * Leakage rules — what a snapshot may see:
 * - events: only those at or before `asOf` (counts over the 90 days before it, the 14-day count, last activity);
 * - stage: reconstructed from the stage timestamps at or before `asOf`, never today's stage;
 * - course demand and fill: enquiries, offers and acceptances by other people dated at or before `asOf`;
 * - the label alone looks past `asOf`, and only up to the horizon.
 * Read as of today because the database keeps no history of them: contact details (valid e-mail/phone), the
 * consent flags and the imported attributes declared as features. A snapshot computed for a date never changes
 * when later events, stage changes or people are added.
 */
export async function leadFeatureSnapshots(
  db: Tx,
  {
    asOf,
    horizonDays,
    labelsKnownAt,
    limit,
    where,
  }: { asOf: Date; horizonDays: number; labelsKnownAt: Date; limit?: number; where?: SQL },
): Promise<LabelledSnapshot[]> {
  const since90 = new Date(asOf.getTime() - 90 * DAY_MS);
  const since14 = new Date(asOf.getTime() - 14 * DAY_MS);
  const rows = await queryRows<SnapshotRow>(
    db,
    sql`with open_then as (
          select people.*,
                 case when people.accepted_at <= ${asOf} then 'accepted'
                      when people.offered_at <= ${asOf} then 'offer'
                      when people.applied_at <= ${asOf} then 'applicant'
                      else 'enquirer' end as stage_then,
                 greatest(people.enquired_at,
                          case when people.applied_at <= ${asOf} then people.applied_at end,
                          case when people.offered_at <= ${asOf} then people.offered_at end,
                          case when people.accepted_at <= ${asOf} then people.accepted_at end) as stage_since
          from people
          where people.enquired_at <= ${asOf}
            and coalesce(people.enrolled_at, people.lost_at, 'infinity'::timestamptz) > ${asOf}
            ${where ? sql`and ${where}` : sql``}
          order by people.id
          ${limit ? sql`limit ${limit}` : sql``}
        ), course_then as (
          select course_id,
                 count(*) filter (where enquired_at > ${since90})::int as demand_90d,
                 count(*) filter (where offered_at <= ${asOf}
                                  and coalesce(lost_at, 'infinity'::timestamptz) > ${asOf})::int as committed
          from people
          where course_id is not null and enquired_at <= ${asOf}
          group by course_id
        )
        select people.id, people.email, people.phone_e164,
               (people.consent_email or people.consent_sms or people.consent_phone) as any_consent,
               people.source, people.stage_then, people.stage_since, people.enquired_at, people.enrolled_at,
               c.level as course_level, c.capacity,
               ct.demand_90d as course_demand_90d, ct.committed as course_committed,
               coalesce(e.email_open, 0) as email_open, coalesce(e.email_click, 0) as email_click,
               coalesce(e.web_visit, 0) as web_visit, coalesce(e.portal_login, 0) as portal_login,
               coalesce(e.event_attended, 0) as event_attended, coalesce(e.call, 0) as call,
               coalesce(e.meeting, 0) as meeting, coalesce(e.form_submit, 0) as form_submit,
               coalesce(e.touches_14d, 0) as touches_14d, e.last_event_at,
               ${FEATURE_ATTRIBUTES} as attributes
        from open_then people
        left join courses c on c.id = people.course_id
        left join course_then ct on ct.course_id = people.course_id
        left join lateral (
          select ${ENGAGEMENT_COUNT_COLUMNS},
                 count(*) filter (where occurred_at > ${since14})::int as touches_14d,
                 max(occurred_at) as last_event_at
          from engagement_events
          where person_id = people.id and occurred_at > ${since90} and occurred_at <= ${asOf}
        ) e on true
        order by people.id`,
  );
  const horizonEnd = asOf.getTime() + horizonDays * DAY_MS;
  const labelKnown = horizonEnd <= labelsKnownAt.getTime();
  return rows.map((row) => {
    const enrolledAt = row.enrolled_at === null ? null : new Date(row.enrolled_at).getTime();
    return {
      person_id: row.id,
      snapshot: snapshotOf(row, asOf),
      enrolled: labelKnown ? enrolledAt !== null && enrolledAt <= horizonEnd : null,
    };
  });
}

/**
 * The people whose outcome was recorded together with them, so that they were never open: decided (enrolled or
 * lost) at or before their enquiry — an import of past leads with their outcomes (which dates them all at the
 * import), or a person created already enrolled. No monthly snapshot can see them undecided; this is each of them
 * once, as recorded before the outcome, newest first.
 *
 * What such a snapshot may see: the events dated at or before the recording (an import dates them there), the
 * course's demand and fill then, the contact details, consent and attributes declared as features. Its stage is
 * unknown (null): the stage is the outcome itself, and the stage before it was not recorded. Its label is the
 * recorded outcome, final as soon as it is recorded: enrolled or not.
 */
export async function recordedOutcomeSnapshots(
  db: Tx,
  { recordedBy, limit }: { recordedBy: Date; limit?: number },
): Promise<(LabelledSnapshot & { enrolled: boolean })[]> {
  const rows = await queryRows<SnapshotRow & { as_of: Date | string }>(
    db,
    sql`with recorded as (
          select people.*, people.enquired_at as as_of
          from people
          where coalesce(people.enrolled_at, people.lost_at) <= people.enquired_at
            and people.enquired_at <= ${recordedBy}
          order by people.enquired_at desc, people.id
          ${limit === undefined ? sql`` : sql`limit ${limit}`}
        )
        select people.id, people.email, people.phone_e164,
               (people.consent_email or people.consent_sms or people.consent_phone) as any_consent,
               people.source, null as stage_then, people.as_of as stage_since, people.enquired_at,
               people.enrolled_at, people.as_of, c.level as course_level, c.capacity,
               ct.demand_90d as course_demand_90d, ct.committed as course_committed,
               coalesce(e.email_open, 0) as email_open, coalesce(e.email_click, 0) as email_click,
               coalesce(e.web_visit, 0) as web_visit, coalesce(e.portal_login, 0) as portal_login,
               coalesce(e.event_attended, 0) as event_attended, coalesce(e.call, 0) as call,
               coalesce(e.meeting, 0) as meeting, coalesce(e.form_submit, 0) as form_submit,
               coalesce(e.touches_14d, 0) as touches_14d, e.last_event_at,
               ${FEATURE_ATTRIBUTES} as attributes
        from recorded people
        left join courses c on c.id = people.course_id
        left join lateral (
          select count(*) filter (where other.enquired_at > people.as_of - interval '90 days')::int as demand_90d,
                 count(*) filter (where other.offered_at <= people.as_of
                                  and coalesce(other.lost_at, 'infinity'::timestamptz) > people.as_of)::int
                   as committed
          from people other
          where other.course_id = people.course_id and other.enquired_at <= people.as_of
        ) ct on people.course_id is not null
        left join lateral (
          select ${ENGAGEMENT_COUNT_COLUMNS},
                 count(*) filter (where occurred_at > people.as_of - interval '14 days')::int as touches_14d,
                 max(occurred_at) as last_event_at
          from engagement_events
          where person_id = people.id and occurred_at > people.as_of - interval '90 days'
            and occurred_at <= people.as_of
        ) e on true
        order by people.as_of desc, people.id`,
  );
  return rows.map((row) => ({
    person_id: row.id,
    snapshot: snapshotOf(row, new Date(row.as_of)),
    enrolled: row.enrolled_at !== null,
  }));
}

function snapshotOf(row: SnapshotRow, asOf: Date): LeadSnapshot {
  const days = (from: Date | string) => Math.max(0, (asOf.getTime() - new Date(from).getTime()) / DAY_MS);
  const lastActivity = [row.last_event_at, row.stage_since]
    .filter((value): value is Date | string => value !== null)
    .map((value) => new Date(value).getTime());
  const enquiredAt = new Date(row.enquired_at).getTime();
  const latest = Math.max(...lastActivity);
  return {
    as_of: asOf,
    source: row.source,
    stage: row.stage_then,
    days_in_stage: days(row.stage_since),
    days_since_enquiry: days(row.enquired_at),
    days_since_last_activity: latest > enquiredAt ? (asOf.getTime() - latest) / DAY_MS : null,
    engagement_90d: {
      email_open: row.email_open,
      email_click: row.email_click,
      web_visit: row.web_visit,
      portal_login: row.portal_login,
      event_attended: row.event_attended,
      call: row.call,
      meeting: row.meeting,
      form_submit: row.form_submit,
    },
    touches_14d: row.touches_14d,
    email_valid: row.email !== null && !isDisposableEmail(row.email),
    phone_valid: row.phone_e164 !== null,
    contact_consent: row.any_consent,
    course_level: row.course_level,
    course_demand_90d: row.course_demand_90d,
    course_fill: row.capacity && row.course_committed !== null ? row.course_committed / row.capacity : null,
    ...(row.attributes ? { attributes: row.attributes } : {}),
  };
}
