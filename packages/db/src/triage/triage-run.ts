import { type ForecastConfig, type ScoringContext, scoringContext } from '@ivy/core';
import type { Tx } from '../client';
import { activeForecastConfig } from './forecast-config';
import { activeScoringWeights } from './scoring-weights';
import { committedSeats, sourceOutcomes } from './source-outcomes';

/** What one triage run reads once and shares across every lead it touches. */
export type TriageRun = {
  weightsVersion: number;
  context: ScoringContext;
  /** Offers, acceptances and enrolments per course intake. */
  committed: ReadonlyMap<string, number>;
  forecastConfig: ForecastConfig;
};

export async function prepareTriageRun(db: Tx): Promise<TriageRun> {
  const { version, weights } = await activeScoringWeights(db);
  const { config } = await activeForecastConfig(db);
  return {
    weightsVersion: version,
    context: scoringContext(weights, await sourceOutcomes(db)),
    committed: await committedSeats(db),
    forecastConfig: config,
  };
}
