import type { AlertStatus, BlockerType, Factor, ScoreBand, Severity, TriageAction } from '@/lib/vocabulary';

/* The triage and forecast API's shapes (POST /ai/triage/leads, POST /ai/forecast/leads). */

/** The stored score a lead list row carries; null until the person is scored. */
export type ScoreSummary = { score: number; band: ScoreBand; action: TriageAction };

export type ScoreFactor = {
  factor: Factor;
  points: number;
  max_points: number;
  weight: number;
  contribution: number;
  reason: string;
};

export type Blocker = { type: BlockerType; severity: Severity; description: string; action_required: string };

export type AlertSummary = {
  /** Null only for raw (unstored) leads, which the Lead page never asks about. */
  id: string | null;
  type: BlockerType;
  severity: Severity;
  level: number;
  status: AlertStatus;
  title: string;
  description: string;
  action_required: string;
};

export type LeadTriage = {
  leadId: string;
  score: number;
  band: ScoreBand;
  action: TriageAction;
  confidence: number;
  reasons: string[];
  factors: ScoreFactor[];
  improvements: { change: string; score_gain: number }[];
  blockers: Blocker[];
  alerts: AlertSummary[];
  weights_version: number;
  /** `source: 'rules'`: the text is assembled from the factor breakdown; no language model wrote it. */
  explanation: { text: string; source: 'rules' | 'llm'; model?: string };
};

export type LeadForecast = {
  leadId: string;
  probability: number;
  /** Null when the probability is too low for an estimate to mean anything. */
  eta_days: number | null;
  confidence: number;
  drivers: string[];
  risks: string[];
  explanation: Record<Factor, number>;
  config_version: number;
  persisted: boolean;
};
