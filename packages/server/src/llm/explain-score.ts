import { explainScore, type LeadScore } from '@ivy/core';
import type { LlmGateway, LlmRequest } from './llm-gateway';

export type Explanation = { text: string; source: 'rules' | 'llm'; model?: string };

export const EXPLAIN_SCORE_PURPOSE = 'triage.explain_score';

const SYSTEM = [
  'You explain a university admissions lead score to an admissions officer.',
  'Write two or three plain sentences in British English: what drives the score, what holds it back, and the next step.',
  'Use only the facts given; do not invent details about the person.',
].join(' ');

/** The score's facts only: numbers, factor reasons and the action — never who the lead is. */
export function scoreExplanationPrompt(score: LeadScore): string {
  return [
    `Score: ${score.score} of 100 (band ${score.band}), confidence ${score.confidence}.`,
    `Recommended action: ${score.action.replaceAll('_', ' ')}.`,
    'Factors (points of maximum, reason):',
    ...score.factors.map((f) => `- ${f.factor.replaceAll('_', ' ')}: ${f.points} of ${f.max_points}; ${f.reason}`),
    ...(score.reasons.length ? ['Reasons:', ...score.reasons.map((reason) => `- ${reason}`)] : []),
  ].join('\n');
}

/**
 * A score explained by the language model when one is configured, else by rules. The lead's stored identifiers go
 * along as known entities although the prompt holds none: if a reason ever quotes one, it is still redacted.
 */
export async function explainScoreWithModel(
  llm: LlmGateway,
  {
    score,
    knownEntities,
    consent,
    actor,
  }: { score: LeadScore } & Pick<LlmRequest, 'knownEntities' | 'consent' | 'actor'>,
): Promise<Explanation> {
  const answer = await llm.generate({
    purpose: EXPLAIN_SCORE_PURPOSE,
    system: SYSTEM,
    prompt: scoreExplanationPrompt(score),
    knownEntities,
    consent,
    actor,
    fallback: explainScore(score),
  });
  return answer.source === 'llm'
    ? { text: answer.text, source: 'llm', model: answer.model }
    : { text: answer.text, source: 'rules' };
}
