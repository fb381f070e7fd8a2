import type { TrainingRow } from '@ivy/core';
import { leadFeatures } from '@ivy/core';
import type { Tx } from '../client';
import {
  type LabelledSnapshot,
  leadFeatureSnapshots,
  recordedOutcomeSnapshots,
} from '../features/lead-feature-snapshots';

const DAY_MS = 86_400_000;

export type TrainingSet = {
  rows: TrainingRow[];
  /** From the oldest to the newest row's date: snapshot months and days outcomes were recorded. */
  window: { start: Date; end: Date; horizonDays: number };
  /** Months with at least one monthly snapshot among the rows. */
  snapshots: number;
  /** Rows of people recorded together with their outcome (imports of past leads), one per person. */
  recorded: number;
};

/**
 * Training rows from two kinds of history, newest first until `limit` rows:
 * - monthly snapshots of the database's own history: the open leads at the first of each month over the last
 *   `months` months whose horizon has passed, each labelled "enrolled within `horizonDays`". A person appears once
 *   per month they were open;
 * - people recorded together with their outcome (an import of past leads: see `recordedOutcomeSnapshots`), who were
 *   never open in any month: each once, as recorded, labelled with the recorded outcome, dated on the day they were
 *   recorded and not bounded by `months`, as they have no other history.
 * `group` keeps a person's rows in one cross-validation fold.
 */
export async function trainingSnapshots(
  db: Tx,
  { now, horizonDays, months = 24, limit }: { now: Date; horizonDays: number; months?: number; limit?: number },
): Promise<TrainingSet> {
  const recorded = await recordedOutcomeSnapshots(db, { recordedBy: now, limit });
  const latest = new Date(now.getTime() - horizonDays * DAY_MS);
  const newestMonth = new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), 1));
  const rows: TrainingRow[] = [];
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const full = () => limit !== undefined && rows.length >= limit;
  const add = (row: LabelledSnapshot, enrolled: boolean) => {
    rows.push({ group: row.person_id, features: leadFeatures(row.snapshot), enrolled });
    start = Math.min(start, row.snapshot.as_of.getTime());
    end = Math.max(end, row.snapshot.as_of.getTime());
  };
  let taken = 0;
  /** The recorded outcomes dated at or after `since` (all that are left when null), while there is room. */
  const takeRecorded = (since: Date | null) => {
    for (; taken < recorded.length && !full(); taken += 1) {
      const row = recorded[taken] as (typeof recorded)[number];
      if (since && row.snapshot.as_of < since) return;
      add(row, row.enrolled);
    }
  };
  let snapshots = 0;
  let month = newestMonth;
  for (let i = 0; i < months && !full(); i += 1) {
    takeRecorded(month);
    const labelled = full() ? [] : await leadFeatureSnapshots(db, { asOf: month, horizonDays, labelsKnownAt: now });
    let added = 0;
    for (const row of labelled) {
      if (full()) break;
      if (row.enrolled === null) continue;
      add(row, row.enrolled);
      added += 1;
    }
    if (added > 0) snapshots += 1;
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1));
  }
  takeRecorded(null);
  const window = rows.length
    ? { start: new Date(start), end: new Date(end), horizonDays }
    : { start: newestMonth, end: newestMonth, horizonDays };
  return { rows, window, snapshots, recorded: taken };
}
