/** How a language-model call through the gateway ended: the model's answer, or the caller's own. */
export const LLM_CALL_OUTCOMES = ['success', 'fallback'] as const;
export type LlmCallOutcome = (typeof LLM_CALL_OUTCOMES)[number];

/** Why a call answered with the caller's deterministic fallback instead of the model. */
export const LLM_FALLBACK_REASONS = ['no_provider', 'timeout', 'error', 'circuit_open', 'consent_refused'] as const;
export type LlmFallbackReason = (typeof LLM_FALLBACK_REASONS)[number];
