import { type LifecycleStage, STAGE_TIMESTAMP } from './vocabulary';

type StageTimestamps = Partial<Record<(typeof STAGE_TIMESTAMP)[LifecycleStage], Date | null>>;

/**
 * The timestamp columns to write when a person moves from `from` to `to`. Reaching a stage stamps it once (a
 * later re-entry keeps the first date, which is what conversion-time reporting needs); leaving `lost` clears the
 * loss so the record is consistent with its stage.
 */
export function stageChangeTimestamps(
  from: LifecycleStage | null,
  to: LifecycleStage,
  existing: StageTimestamps,
  now: Date,
): StageTimestamps {
  if (from === to) return {};
  const patch: StageTimestamps = {};
  const column = STAGE_TIMESTAMP[to];
  if (to === 'lost') patch.lost_at = now;
  else if (!existing[column]) patch[column] = now;
  if (from === 'lost') patch.lost_at = null;
  return patch;
}
