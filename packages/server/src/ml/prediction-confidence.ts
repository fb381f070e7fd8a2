import type { ConversionPrediction } from '@ivy/core';

export const CONFIDENCE_LABELS = ['very_high', 'high', 'medium', 'low'] as const;
export type ConfidenceLabel = (typeof CONFIDENCE_LABELS)[number];

/** How sure the committee is: one minus the width of its 95% interval. */
export function confidenceOf({ confidence_interval: { lower, upper } }: ConversionPrediction): number {
  return Math.max(0, Math.min(1, 1 - (upper - lower)));
}

export function confidenceLabel(confidence: number): ConfidenceLabel {
  return confidence >= 0.9 ? 'very_high' : confidence >= 0.75 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
}

export const NO_MODEL = 'No conversion model is active yet: one is trained after start-up, or train one in ML Studio';
