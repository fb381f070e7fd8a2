import { ENGAGEMENT_WINDOW_DAYS, type WeightsTrainingRow } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';
import {
  DAY_MS,
  ENGAGEMENT_COUNT_COLUMNS,
  SIGNAL_PERSON_COLUMNS,
  type SignalRow,
  signalsFromRow,
} from './lead-signals';
import { committedSeats } from './source-outcomes';

/** How long after the enquiry a lead is looked at: when an officer decides how to work it. */
export const SNAPSHOT_DAYS_AFTER_ENQUIRY = 30;
/** Outcomes older than this describe another market; the optimiser learns from recent cycles. */
export const TRAINING_WINDOW_DAYS = 730;
export const MAX_TRAINING_ROWS = 20_000;

export type StoredTrainingRow = WeightsTrainingRow & { person_id: string; snapshot_at: Date };

/**
 * Decided leads (enrolled or lost within the training window) as they looked at their snapshot: 30 days after the
 * enquiry, or the day before the decision if that came sooner. Leakage rules: engagement counts and last activity use
 * only events at or before the snapshot, and the label is the later outcome. Contact details, consent and the
 * course's committed seats are read as they are now — the database keeps no history of them — so those two
 * factors can see a little of the future; decisions taken within a day of the enquiry are left out, having no
 * moment before the outcome to look at. One query, newest decisions first.
 */
export async function weightsTrainingRows(
  db: Tx,
  { now, limit = MAX_TRAINING_ROWS }: { now: Date; limit?: number },
): Promise<StoredTrainingRow[]> {
  const windowStart = new Date(now.getTime() - TRAINING_WINDOW_DAYS * DAY_MS);
  const rows = await queryRows<SignalRow & { snapshot_at: Date | string; enrolled: boolean }>(
    db,
    sql`with decided as (
          select people.*,
                 least(people.enquired_at + make_interval(days => ${SNAPSHOT_DAYS_AFTER_ENQUIRY}),
                       coalesce(people.enrolled_at, people.lost_at) - interval '1 day') as snapshot_at,
                 people.lifecycle_stage = 'enrolled' as enrolled
          from people
          where people.lifecycle_stage in ('enrolled', 'lost')
            and coalesce(people.enrolled_at, people.lost_at) > ${windowStart}
            and coalesce(people.enrolled_at, people.lost_at) <= ${now}
          order by coalesce(people.enrolled_at, people.lost_at) desc
          limit ${limit}
        )
        select ${SIGNAL_PERSON_COLUMNS}, people.snapshot_at, people.enrolled,
               coalesce(e.last_event_at, people.enquired_at) as last_activity_at
        from decided people
        left join courses c on c.id = people.course_id
        left join lateral (
          select ${ENGAGEMENT_COUNT_COLUMNS}, max(occurred_at) as last_event_at
          from engagement_events
          where person_id = people.id
            and occurred_at > people.snapshot_at - make_interval(days => ${ENGAGEMENT_WINDOW_DAYS})
            and occurred_at <= people.snapshot_at
        ) e on true
        where people.snapshot_at > people.enquired_at`,
  );
  const committed = await committedSeats(db);
  return rows.map((row) => {
    const snapshotAt = new Date(row.snapshot_at);
    return {
      person_id: row.id,
      snapshot_at: snapshotAt,
      signals: signalsFromRow(row, snapshotAt, committed),
      enrolled: row.enrolled,
    };
  });
}
