import type { LeadScore } from './score-lead';

const ACTION_TEXT = {
  call_now: 'call them now',
  nurture: 'keep nurturing',
  re_engage: 're-engage them',
  verify_data: 'verify their contact details first',
} as const satisfies Record<LeadScore['action'], string>;

/**
 * The explanation that is always available: built from the factor breakdown alone, the same for the same score.
 * A language model may phrase it better later; this never needs one.
 */
export function explainScore(score: LeadScore): string {
  const byShare = [...score.factors].sort((a, b) => b.points / b.max_points - a.points / a.max_points);
  const strongest = byShare[0];
  const weakest = byShare[byShare.length - 1];
  const parts = [`Scored ${score.score} of 100 (${score.band}).`];
  if (strongest && strongest.points > 0) parts.push(`Strongest: ${lowerFirst(strongest.reason)}.`);
  if (weakest && weakest !== strongest && weakest.points / weakest.max_points < 0.5) {
    parts.push(`Holding it back: ${lowerFirst(weakest.reason)}.`);
  }
  parts.push(`Next: ${ACTION_TEXT[score.action]}.`);
  return parts.join(' ');
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}
