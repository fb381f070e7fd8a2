import { type ForecastConfig, type ScoringContext, type SourceOutcomes, scoringContext } from '@ivy/core';
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

/**
 * The evidence scoring weighs every lead against: enrolment by source and seats committed per course. Both are
 * aggregates over all people — the slow part of a run — and move slowly, so a request may reuse recent evidence.
 */
export type TriageEvidence = { outcomes: SourceOutcomes; committed: ReadonlyMap<string, number> };

export async function readTriageEvidence(db: Tx): Promise<TriageEvidence> {
  return { outcomes: await sourceOutcomes(db), committed: await committedSeats(db) };
}

/** Reads the active weights and forecast configuration, and the evidence unless the caller brings recent evidence. */
export async function prepareTriageRun(db: Tx, evidence?: TriageEvidence): Promise<TriageRun> {
  const { version, weights } = await activeScoringWeights(db);
  const { config } = await activeForecastConfig(db);
  const { outcomes, committed } = evidence ?? (await readTriageEvidence(db));
  return {
    weightsVersion: version,
    context: scoringContext(weights, outcomes),
    committed,
    forecastConfig: config,
  };
}
