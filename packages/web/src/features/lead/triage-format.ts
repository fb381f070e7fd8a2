import type { BadgeTone } from '@/components/ui/badge';
import type { ScoreBand, Severity, TriageAction } from '@/lib/vocabulary';
import type { AlertSummary, Blocker } from './triage-types';

export const BAND_TONE: Record<ScoreBand, BadgeTone> = { high: 'success', medium: 'warning', low: 'neutral' };

/** Text colours for the big score; each reaches 4.5:1 on white. */
export const BAND_TEXT: Record<ScoreBand, string> = {
  high: 'text-success-strong',
  medium: 'text-warning-soft-foreground',
  low: 'text-muted-foreground',
};

export const SEVERITY_TONE: Record<Severity, BadgeTone> = {
  critical: 'danger',
  high: 'danger',
  medium: 'warning',
  low: 'neutral',
};

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const ACTION_LABELS: Record<TriageAction, string> = {
  call_now: 'Call now',
  nurture: 'Nurture',
  re_engage: 'Re-engage',
  verify_data: 'Verify data',
};

export const ACTION_HINTS: Record<TriageAction, string> = {
  call_now: 'Strong, recent interest: speak to them today.',
  nurture: 'Interested but not ready: keep them warm with content about their course.',
  re_engage: 'They have gone quiet: reach out personally to restart the conversation.',
  verify_data: 'Their contact details are missing or doubtful: put them right before anything else.',
};

const scoreFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** Scores and points keep one decimal at most: "68.2", "69". */
export function formatScore(value: number): string {
  return scoreFormat.format(value);
}

/** "+32.8": how many points a change would add. */
export function formatGain(gain: number): string {
  return `+${formatScore(Math.max(0, gain))}`;
}

/** A 0–1 fraction as a whole percentage, "92%"; clamped so a rounding slip never shows 101%. */
export function formatPercent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

export type ConfidenceLevel = 'high' | 'moderate' | 'low';

/** How far to trust a score or forecast, from how complete the data behind it is. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= 0.75) return 'high';
  if (confidence >= 0.5) return 'moderate';
  return 'low';
}

export const CONFIDENCE_TONE: Record<ConfidenceLevel, BadgeTone> = {
  high: 'info',
  moderate: 'outline',
  low: 'warning',
};

/** "High confidence · 77%". */
export function confidenceLabel(confidence: number): string {
  const level = confidenceLevel(confidence);
  return `${level.charAt(0).toUpperCase()}${level.slice(1)} confidence · ${formatPercent(confidence)}`;
}

/** "37 days", "1 day"; the forecast gives no ETA (null) when the probability is too low for one to mean anything. */
export function formatEta(days: number | null): string {
  if (days === null) return 'Too early to estimate';
  const whole = Math.max(0, Math.round(days));
  return `${whole} ${whole === 1 ? 'day' : 'days'}`;
}

/** A factor's points as the filled share of its bar, 0–100. */
export function factorShare(points: number, maxPoints: number): number {
  if (!(maxPoints > 0)) return 0;
  return Math.min(100, Math.max(0, (points / maxPoints) * 100));
}

/** Most severe first; equal severities keep the API's order. */
export function bySeverity<T extends Pick<Blocker, 'severity'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** Alerts still needing attention (not resolved), highest level first, then most severe. */
export function activeAlerts(alerts: readonly AlertSummary[]): AlertSummary[] {
  return bySeverity(alerts.filter((alert) => alert.status !== 'resolved')).sort((a, b) => b.level - a.level);
}
