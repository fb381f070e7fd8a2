import {
  ALERT_STATUSES,
  BLOCKER_TYPES,
  ENGAGEMENT_TYPES,
  FACTORS,
  SCORE_BANDS,
  SEVERITIES,
  SOURCES,
  TRIAGE_ACTIONS,
} from '@ivy/core';
import { z } from 'zod';

/**
 * A lead as the seed's clients send it: an id and what is known. The seed's three fields (has_email, has_phone,
 * source) are enough; the rest refine the score when a client knows them.
 */
export const rawLeadSchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  has_email: z.boolean().default(false),
  email_valid: z.boolean().optional().describe('Defaults to has_email'),
  has_phone: z.boolean().default(false),
  phone_valid: z.boolean().optional().describe('Defaults to has_phone'),
  contact_consent: z.boolean().nullable().default(null),
  source: z.enum(SOURCES).default('unknown'),
  engagement: z.partialRecord(z.enum(ENGAGEMENT_TYPES), z.number().int().min(0).max(100_000)).default({}),
  days_since_last_activity: z.number().min(0).max(36_500).nullable().default(null),
  course: z
    .strictObject({ capacity: z.number().int().min(0).nullable(), committed: z.number().int().min(0) })
    .nullable()
    .default(null),
});

export type RawLead = z.infer<typeof rawLeadSchema>;

export const triageRequestSchema = z
  .strictObject({
    leads: z.array(rawLeadSchema).min(1).max(1000).optional(),
    lead_ids: z.array(z.uuid()).min(1).max(1000).optional(),
  })
  .refine((body) => (body.leads === undefined) !== (body.lead_ids === undefined), {
    message: 'send either leads (raw leads to score) or lead_ids (stored people), not both',
    path: ['leads'],
  });

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
    source: z.literal('rules').describe('"rules": built from the factor breakdown; no language model was used'),
  }),
});

export const triageResponseSchema = z.object({ leads: z.array(leadTriageSchema) });
