import { ALERT_STATUSES, BLOCKER_TYPES, FACTORS, SCORE_BANDS, SEVERITIES, TRIAGE_ACTIONS } from '@ivy/core';
import { z } from 'zod';
import { exactlyOneOfLeadsOrIds, leadsOrIdsShape } from './raw-lead';

const blockerSchema = z.object({
  type: z.enum(BLOCKER_TYPES),
  severity: z.enum(SEVERITIES),
  description: z.string(),
  action_required: z.string(),
});

const alertSummarySchema = z.object({
  id: z.uuid().nullable().describe('null for raw leads: their alerts are not stored'),
  type: z.enum(BLOCKER_TYPES),
  severity: z.enum(SEVERITIES),
  level: z.number().int().min(1).max(3),
  status: z.enum(ALERT_STATUSES),
  title: z.string(),
  description: z.string(),
  action_required: z.string(),
});

export const triageRequestSchema = z.strictObject(leadsOrIdsShape).refine(...exactlyOneOfLeadsOrIds);

export const leadTriageSchema = z.object({
  leadId: z.string(),
  score: z.number(),
  band: z.enum(SCORE_BANDS),
  action: z.enum(TRIAGE_ACTIONS),
  confidence: z.number(),
  reasons: z.array(z.string()),
  factors: z.array(
    z.object({
      factor: z.enum(FACTORS),
      points: z.number(),
      max_points: z.number(),
      weight: z.number(),
      contribution: z.number(),
      reason: z.string(),
    }),
  ),
  improvements: z.array(z.object({ change: z.string(), score_gain: z.number() })),
  blockers: z.array(blockerSchema),
  alerts: z.array(alertSummarySchema),
  weights_version: z.number().int(),
  explanation: z.object({
    text: z.string(),
    source: z
      .enum(['rules', 'llm'])
      .describe('"rules": built from the factor breakdown, no language model used; "llm": phrased by `model`'),
    model: z.string().optional(),
  }),
});

export const triageResponseSchema = z.object({ leads: z.array(leadTriageSchema) });
