import { type LeadFeatures, type LifecycleStage, leadFeatures } from '@ivy/core';
import { and } from 'drizzle-orm';
import type { Tx } from '../client';
import { leadFeatureSnapshots } from '../features/lead-feature-snapshots';
import type { PeopleScope } from '../identity/principal';
import { peopleScopeCondition } from '../people/people-scope';
import { uuidIn } from '../query-rows';
import { people } from '../schema';

export type PredictionInputs = {
  /**
   * Leads still open now, with their features as of now: the same snapshot as training's, so a model trained on
   * imported attributes finds those a lead has (and reads those it lacks as missing).
   */
  open: { person_id: string; features: LeadFeatures }[];
  /** Enrolled or lost already: nothing left to predict. */
  decided: { person_id: string; stage: LifecycleStage }[];
  /** Unknown, or outside the caller's scope. */
  missing: string[];
};

/** The people with `ids` inside `scope`, split into what a conversion model can predict and what is decided. */
export async function predictionInputs(
  db: Tx,
  { ids, scope, now, horizonDays }: { ids: readonly string[]; scope: PeopleScope; now: Date; horizonDays: number },
): Promise<PredictionInputs> {
  const inScope = and(uuidIn(people.id, ids), peopleScopeCondition(scope));
  // Independent reads: on a PostgreSQL server they run side by side on two connections.
  const [found, snapshots] = await Promise.all([
    db.select({ id: people.id, stage: people.lifecycle_stage }).from(people).where(inScope),
    leadFeatureSnapshots(db, { asOf: now, horizonDays, labelsKnownAt: now, where: inScope }),
  ]);
  const open = new Set(snapshots.map((row) => row.person_id));
  const known = new Set(found.map((row) => row.id));
  return {
    open: snapshots.map((row) => ({ person_id: row.person_id, features: leadFeatures(row.snapshot) })),
    decided: found.filter((row) => !open.has(row.id)).map((row) => ({ person_id: row.id, stage: row.stage })),
    missing: ids.filter((id) => !known.has(id)),
  };
}
