import {
  type Blocker,
  detectBlockers,
  type LeadScore,
  type LeadSignals,
  type ScoringContext,
  scoreLead,
} from '@ivy/core';
import { and, asc, desc, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../client';
import type { PeopleScope } from '../identity/principal';
import { peopleScopeCondition } from '../people/people-scope';
import { alerts, people } from '../schema';
import { leadSignalsPage, type StoredLeadSignals } from './lead-signals';
import { storeScores } from './rescore-people';
import { syncLeadAlerts } from './sync-alerts';
import { prepareTriageRun, type TriageEvidence, type TriageRun } from './triage-run';

export type StoredAlert = typeof alerts.$inferSelect;

export type PersonTriage = {
  id: string;
  signals: LeadSignals;
  score: LeadScore;
  blockers: Blocker[];
  alerts: StoredAlert[];
  weights_version: number;
};

/** Which people, seen by whom, when; `evidence` when the caller has recent evidence to reuse. */
type PeopleRequest = { ids: readonly string[]; scope: PeopleScope; now: Date; evidence?: TriageEvidence };

export type ScopedSignals = { leads: StoredLeadSignals[]; missing: string[]; run: TriageRun };

/** Signals of the people with `ids` inside `scope`, with the run's inputs; unknown or out-of-scope ids as `missing`. */
export async function signalsForPeople(db: Tx, { ids, scope, now, evidence }: PeopleRequest): Promise<ScopedSignals> {
  const run = await prepareTriageRun(db, evidence);
  const where = and(inArray(people.id, [...ids]), peopleScopeCondition(scope));
  const leads = ids.length
    ? await leadSignalsPage(db, { after: null, limit: ids.length, now, committed: run.committed, where })
    : [];
  const missing = ids.filter((id) => !leads.some((lead) => lead.id === id));
  return { leads, missing, run };
}

/**
 * Triage for stored people on request: scores them with reasons, stores the scores, brings their alerts up to date
 * and returns everything with the scoring context used (for what-would-raise-it). Ids that are unknown or outside
 * `scope` come back as `missing`, and then nothing is written, so the caller can answer 404 having changed nothing.
 */
export async function triagePeople(
  db: Tx,
  request: PeopleRequest,
): Promise<{ people: PersonTriage[]; missing: string[]; context: ScoringContext }> {
  const { now } = request;
  const { leads, missing, run } = await signalsForPeople(db, request);
  const { context, weightsVersion: version } = run;
  // All or nothing: one unknown or out-of-scope id and nothing is scored or stored.
  if (missing.length > 0 || leads.length === 0) return { people: [], missing, context };
  const scored = leads.map((lead) => ({ lead, score: scoreLead(lead.signals, context) }));
  await storeScores(
    db,
    scored.map(({ lead, score }) => ({ person_id: lead.id, ...score, points: pointsOf(score) })),
    { version, now },
  );
  await syncLeadAlerts(db, leads, run, now);
  const openAlerts = await db
    .select()
    .from(alerts)
    .where(
      and(
        inArray(
          alerts.person_id,
          leads.map((lead) => lead.id),
        ),
        ne(alerts.status, 'resolved'),
      ),
    )
    .orderBy(desc(alerts.level), asc(alerts.created_at));
  const triaged = scored.map(({ lead, score }) => ({
    id: lead.id,
    signals: lead.signals,
    score,
    blockers: ['enrolled', 'lost'].includes(lead.lifecycle_stage)
      ? []
      : detectBlockers(lead.signals, context.sourceRates),
    alerts: openAlerts.filter((alert) => alert.person_id === lead.id),
    weights_version: version,
  }));
  return { people: triaged, missing, context };
}

/** Points per factor of a scored lead, as stored. */
export function pointsOf(score: LeadScore) {
  return Object.fromEntries(score.factors.map((factor) => [factor.factor, factor.points])) as Record<
    LeadScore['factors'][number]['factor'],
    number
  >;
}
