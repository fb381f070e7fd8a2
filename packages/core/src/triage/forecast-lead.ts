import { z } from 'zod';
import { FACTOR_MAX_POINTS } from './factors';
import type { LeadScore } from './score-lead';
import type { Factor } from './vocabulary';

const weight = z.number().min(0).max(1);

/** The seed's rules-forecast configuration (phase 2.1, "Configuration & Tuning"). */
export const forecastConfigSchema = z
  .strictObject({
    bias: z.number().min(-20).max(20),
    weights: z.strictObject({
      engagement_points: weight,
      recency_points: weight,
      source_points: weight,
      contactability_points: weight,
      course_fit_points: weight,
    }),
    eta_base_days: z.number().int().min(1).max(365),
    eta_engagement_shortening_max: z.number().int().min(0).max(365),
    min_probability_for_eta: z.number().min(0).max(1),
  })
  .refine((config) => config.eta_engagement_shortening_max < config.eta_base_days, {
    path: ['eta_engagement_shortening_max'],
    message: 'must be less than eta_base_days',
  });

export type ForecastConfig = z.infer<typeof forecastConfigSchema>;

/** A change to the configuration: any subset of fields (and of weights). */
export const forecastConfigPatchSchema = z.strictObject({
  bias: z.number().optional(),
  weights: z
    .strictObject({
      engagement_points: z.number().optional(),
      recency_points: z.number().optional(),
      source_points: z.number().optional(),
      contactability_points: z.number().optional(),
      course_fit_points: z.number().optional(),
    })
    .optional(),
  eta_base_days: z.number().optional(),
  eta_engagement_shortening_max: z.number().optional(),
  min_probability_for_eta: z.number().optional(),
});

export type ForecastConfigPatch = z.infer<typeof forecastConfigPatchSchema>;

export const DEFAULT_FORECAST_CONFIG: ForecastConfig = {
  bias: -3.0,
  weights: {
    engagement_points: 0.085,
    recency_points: 0.07,
    source_points: 0.06,
    contactability_points: 0.055,
    course_fit_points: 0.05,
  },
  eta_base_days: 45,
  eta_engagement_shortening_max: 20,
  min_probability_for_eta: 0.25,
};

/** The patched configuration, validated as a whole: an invalid result is refused, never half-applied. */
export function applyForecastConfigPatch(current: ForecastConfig, patch: ForecastConfigPatch) {
  return forecastConfigSchema.safeParse({
    ...current,
    ...patch,
    weights: { ...current.weights, ...patch.weights },
  });
}

const WEIGHT_OF: Record<Factor, keyof ForecastConfig['weights']> = {
  engagement: 'engagement_points',
  recency: 'recency_points',
  source_quality: 'source_points',
  contactability: 'contactability_points',
  course_fit: 'course_fit_points',
};

export type LeadForecast = {
  probability: number;
  /** Days to conversion; null when the probability is below `min_probability_for_eta`. */
  eta_days: number | null;
  confidence: number;
  drivers: string[];
  risks: string[];
  /** Each factor's share of its points, 0–1. */
  explanation: Record<Factor, number>;
};

const DRIVER_SHARE = 0.6;
const RISK_SHARE = 0.4;

/** The rules-forecast probability from factor points alone, for bulk work such as valuing alerts. */
export function forecastProbability(points: Record<Factor, number>, config: ForecastConfig): number {
  let margin = config.bias;
  for (const factor of Object.keys(WEIGHT_OF) as Factor[]) margin += config.weights[WEIGHT_OF[factor]] * points[factor];
  return 1 / (1 + Math.exp(-margin));
}

/**
 * The rules forecast (seed phase 2.1): probability = sigmoid(bias + Σ weight × factor points), an ETA that
 * engagement shortens, and the factors that help (drivers) or hurt (risks), from the same factor breakdown as the
 * score. Pure.
 */
export function forecastLead(score: LeadScore, config: ForecastConfig): LeadForecast {
  let margin = config.bias;
  const explanation = {} as Record<Factor, number>;
  const drivers: string[] = [];
  const risks: string[] = [];
  let engagementShare = 0;
  for (const factor of score.factors) {
    margin += config.weights[WEIGHT_OF[factor.factor]] * factor.points;
    const share = factor.points / FACTOR_MAX_POINTS[factor.factor];
    explanation[factor.factor] = Math.round(share * 100) / 100;
    if (factor.factor === 'engagement') engagementShare = share;
    if (share >= DRIVER_SHARE) drivers.push(factor.reason);
    else if (share < RISK_SHARE) risks.push(factor.reason);
  }
  const probability = Math.round((1 / (1 + Math.exp(-margin))) * 1000) / 1000;
  const eta_days =
    probability >= config.min_probability_for_eta
      ? Math.round(config.eta_base_days - config.eta_engagement_shortening_max * engagementShare)
      : null;
  return { probability, eta_days, confidence: score.confidence, drivers, risks, explanation };
}
