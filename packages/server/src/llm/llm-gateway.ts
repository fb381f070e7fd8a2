import type { LeadScore } from '@ivy/core';

/** A score's facts as a language model may see them: factors and reasons, never who the lead is. */
export type ScoreExplanationRequest = { score: LeadScore; fallback: string };

export type Explanation = { text: string; source: 'rules' | 'llm'; model?: string };

/**
 * The one door through which Ivy talks to language models. Every caller passes the deterministic answer it would
 * give on its own; the gateway answers with that, labelled "rules", whenever no model is configured or a call
 * fails. Providers, PII redaction, telemetry and the circuit breaker arrive with the privacy work (issue 7);
 * until then no provider exists, so no language model is ever called.
 */
export type LlmGateway = {
  readonly configured: boolean;
  explainScore(request: ScoreExplanationRequest): Promise<Explanation>;
};

export function offlineLlmGateway(): LlmGateway {
  return {
    configured: false,
    explainScore: async ({ fallback }) => ({ text: fallback, source: 'rules' }),
  };
}
