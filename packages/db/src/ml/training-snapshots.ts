import type { TrainingRow } from '@ivy/core';
import { leadFeatures } from '@ivy/core';
import type { Tx } from '../client';
import { leadFeatureSnapshots } from '../features/lead-feature-snapshots';

const DAY_MS = 86_400_000;

export type TrainingSet = {
  rows: TrainingRow[];
  window: { start: Date; end: Date; horizonDays: number };
  snapshots: number;
};

/**
 * Training rows from the database's own history: the open leads at the first of each month over the last
 * `months` months whose horizon has passed, each labelled "enrolled within `horizonDays`". A person appears once
 * per month they were open; `group` keeps their rows in one cross-validation fold. Newest months first, until
 * `limit` rows.
 */
export async function trainingSnapshots(
  db: Tx,
  { now, horizonDays, months = 24, limit }: { now: Date; horizonDays: number; months?: number; limit?: number },
): Promise<TrainingSet> {
  const latest = new Date(now.getTime() - horizonDays * DAY_MS);
  let month = new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth(), 1));
  const rows: TrainingRow[] = [];
  let end = month;
  let start = month;
  let snapshots = 0;
  for (let i = 0; i < months && (limit === undefined || rows.length < limit); i += 1) {
    const labelled = await leadFeatureSnapshots(db, { asOf: month, horizonDays, labelsKnownAt: now });
    for (const row of labelled) {
      if (row.enrolled === null) continue;
      rows.push({ group: row.person_id, features: leadFeatures(row.snapshot), enrolled: row.enrolled });
      if (limit !== undefined && rows.length >= limit) break;
    }
    if (labelled.length > 0) {
      snapshots += 1;
      start = month;
      if (snapshots === 1) end = month;
    }
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1));
  }
  return { rows, window: { start, end, horizonDays }, snapshots };
}
