import { FACTOR_MAX_POINTS, factorPoints, factorReason, type SourceRates, sourceRatesFrom } from './factors';
import type { LeadSignals, SourceOutcomes } from './lead-signals';
import { FACTORS, type Factor, type ScoreBand, type TriageAction } from './vocabulary';

/** Relative importance of each factor; any positive numbers (they are normalised). Versioned in the database. */
export type FactorWeights = Record<Factor, number>;

/** Proportional to each factor's points, so with default weights the score is the share of all points earned. */
export const DEFAULT_FACTOR_WEIGHTS: FactorWeights = {
  engagement: 0.32,
  recency: 0.24,
  source_quality: 0.16,
  contactability: 0.16,
  course_fit: 0.12,
};

/** What one scoring run shares across leads: the weights and each source's enrolment rate. */
export type ScoringContext = { weights: FactorWeights; sourceRates: SourceRates };

export function scoringContext(
  weights: FactorWeights = DEFAULT_FACTOR_WEIGHTS,
  outcomes: SourceOutcomes | null = null,
): ScoringContext {
  return { weights, sourceRates: sourceRatesFrom(outcomes) };
}

export type QuickScore = {
  /** 0–100, one decimal. */
  score: number;
  band: ScoreBand;
  action: TriageAction;
  /** 0–1: how much of the lead's data is known, and how much evidence stands behind its source's rate. */
  confidence: number;
  points: Record<Factor, number>;
};

export type ScoredFactor = {
  factor: Factor;
  points: number;
  max_points: number;
  weight: number;
  contribution: number;
  reason: string;
};

export type LeadScore = Omit<QuickScore, 'points'> & { factors: ScoredFactor[]; reasons: string[] };

const HIGH_BAND = 70;
const MEDIUM_BAND = 40;
/** Days of silence after which a low-scoring lead needs re-engaging rather than nurturing. */
const RE_ENGAGE_AFTER_DAYS = 30;
/** Leads behind a source's rate at which its evidence counts fully towards confidence. */
const FULL_EVIDENCE_LEADS = 100;

export function bandOf(score: number): ScoreBand {
  return score >= HIGH_BAND ? 'high' : score >= MEDIUM_BAND ? 'medium' : 'low';
}

function actionFor(signals: LeadSignals, band: ScoreBand): TriageAction {
  if (!signals.email.valid && !signals.phone.valid) return 'verify_data';
  if (band === 'high') return signals.contact_channels?.phone === false ? 'nurture' : 'call_now';
  const days = signals.days_since_last_activity;
  if (band === 'low' && (days === null || days > RE_ENGAGE_AFTER_DAYS)) return 're_engage';
  return 'nurture';
}

function confidenceOf(signals: LeadSignals, evidence: number): number {
  const known = [
    signals.email.present,
    signals.phone.present,
    signals.contact_consent !== null,
    signals.source !== 'unknown',
    signals.course !== null,
    signals.days_since_last_activity !== null,
  ].filter(Boolean).length;
  const completeness = known / 6;
  const reliability = Math.min(1, evidence / FULL_EVIDENCE_LEADS);
  return Math.round((0.3 + 0.5 * completeness + 0.2 * reliability) * 100) / 100;
}

/** Strong factors first as they are; weak ones say that they hold the score back. */
function reasonsFrom(factors: ScoredFactor[]): string[] {
  return [...factors]
    .sort((a, b) => b.points / b.max_points - a.points / a.max_points)
    .map((factor) => (factor.points / factor.max_points < 0.4 ? `${factor.reason} (lowers the score)` : factor.reason));
}

/**
 * The rules score (seed phase 1.1) without words: five factors' points combined with the weights into 0–100 — the
 * weighted share of the points available — with a band, a next action and a confidence. What bulk rescoring uses.
 */
export function quickScore(signals: LeadSignals, { weights, sourceRates }: ScoringContext): QuickScore {
  const points = factorPoints(signals, sourceRates);
  let totalWeight = 0;
  let weighted = 0;
  for (const factor of FACTORS) {
    totalWeight += weights[factor];
    weighted += (weights[factor] * points[factor]) / FACTOR_MAX_POINTS[factor];
  }
  const score = Math.round((1000 * weighted) / totalWeight) / 10;
  const band = bandOf(score);
  return {
    score,
    band,
    action: actionFor(signals, band),
    confidence: confidenceOf(signals, sourceRates[signals.source].evidence),
    points,
  };
}

/** The score with each factor's contribution and reason, and the reasons in order: what a person reads. */
export function scoreLead(signals: LeadSignals, context: ScoringContext): LeadScore {
  const { points, ...summary } = quickScore(signals, context);
  let totalWeight = 0;
  for (const factor of FACTORS) totalWeight += context.weights[factor];
  const factors = FACTORS.map((factor) => {
    const weight = context.weights[factor] / totalWeight;
    const contribution = (100 * weight * points[factor]) / FACTOR_MAX_POINTS[factor];
    return {
      factor,
      points: points[factor],
      max_points: FACTOR_MAX_POINTS[factor],
      weight,
      contribution: Math.round(contribution * 10) / 10,
      reason: factorReason(factor, signals, context.sourceRates),
    };
  });
  return { ...summary, factors, reasons: reasonsFrom(factors) };
}

export type ScoreImprovement = { change: string; score_gain: number };

/** Concrete changes a member of staff can make, each as the lead it would produce. */
function candidateChanges(signals: LeadSignals): { change: string; after: LeadSignals }[] {
  const candidates: { change: string; after: LeadSignals }[] = [];
  if (!signals.phone.valid) {
    candidates.push({
      change: 'Get a valid phone number',
      after: { ...signals, phone: { present: true, valid: true } },
    });
  }
  if (!signals.email.valid) {
    candidates.push({
      change: 'Confirm a valid e-mail address',
      after: { ...signals, email: { present: true, valid: true } },
    });
  }
  if (signals.contact_consent !== true) {
    candidates.push({ change: 'Record their consent to be contacted', after: { ...signals, contact_consent: true } });
  }
  if (!signals.course) {
    candidates.push({
      change: 'Record the course they are interested in',
      after: { ...signals, course: { capacity: null, committed: 0 } },
    });
  }
  const days = signals.days_since_last_activity;
  if ((days === null || days > 2) && signals.contact_channels?.phone !== false) {
    candidates.push({
      change: 'Call them today',
      after: {
        ...signals,
        days_since_last_activity: 0,
        engagement: { ...signals.engagement, call: (signals.engagement.call ?? 0) + 1 },
      },
    });
  }
  candidates.push({
    change: 'Get them to an open day or event',
    after: {
      ...signals,
      days_since_last_activity: 0,
      engagement: { ...signals.engagement, event_attended: (signals.engagement.event_attended ?? 0) + 1 },
    },
  });
  return candidates;
}

/** "What would raise this score": the `limit` changes with the largest gain, largest first. */
export function scoreImprovements(signals: LeadSignals, context: ScoringContext, limit = 2): ScoreImprovement[] {
  const base = quickScore(signals, context).score;
  return candidateChanges(signals)
    .map(({ change, after }) => ({
      change,
      score_gain: Math.round((quickScore(after, context).score - base) * 10) / 10,
    }))
    .filter((improvement) => improvement.score_gain > 0)
    .sort((a, b) => b.score_gain - a.score_gain)
    .slice(0, limit);
}
