import {
  ACTIVITY_TYPES,
  APPLICATION_ROUTES,
  APPLICATION_STATUSES,
  ENGAGEMENT_TYPES,
  LIFECYCLE_STAGES,
  SCORE_BANDS,
  SOURCES,
  TRIAGE_ACTIONS,
} from '@ivy/core';
import { LEAD_SORTS } from '@ivy/db';
import { z } from 'zod';

export const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)));

const isoDate = z.iso.date();

export const leadListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  stage: commaList(LIFECYCLE_STAGES).optional().describe('Comma-separated lifecycle stages'),
  source: commaList(SOURCES).optional().describe('Comma-separated sources'),
  course_id: z.uuid().optional(),
  campus_id: z.uuid().optional(),
  owner_id: z.uuid().optional(),
  band: commaList(SCORE_BANDS).optional().describe('Comma-separated triage score bands'),
  created_from: isoDate.optional().describe('First day included (YYYY-MM-DD, UTC)'),
  created_to: isoDate.optional().describe('Last day included (YYYY-MM-DD, UTC)'),
  sort: z.enum(LEAD_SORTS).default('-created_at'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().describe('next_cursor of the previous page'),
});

const courseRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), intake: z.string() });

export const leadSummarySchema = z.object({
  id: z.uuid(),
  external_ref: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  phone_valid: z.boolean(),
  lifecycle_stage: z.enum(LIFECYCLE_STAGES),
  source: z.enum(SOURCES),
  created_at: z.date(),
  last_activity_at: z.date(),
  course: courseRef.nullable(),
  campus: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  owner: z.object({ id: z.uuid(), full_name: z.string() }).nullable(),
  score: z
    .object({ score: z.number(), band: z.enum(SCORE_BANDS), action: z.enum(TRIAGE_ACTIONS) })
    .nullable()
    .describe('The stored triage score; null until the person is scored'),
});

export const leadPageSchema = z.object({
  items: z.array(leadSummarySchema),
  total: z.number().int(),
  next_cursor: z.string().nullable(),
});

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const engagementEventSchema = z.object({
  id: z.number().int(),
  type: z.enum(ENGAGEMENT_TYPES),
  occurred_at: z.date(),
  duration_seconds: z.number().int().nullable(),
  metadata: z.record(z.string(), scalar),
});

export const personProfileSchema = z.object({
  id: z.uuid(),
  external_ref: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  phone_e164: z.string().nullable(),
  postcode: z.string().nullable(),
  date_of_birth: z.string().nullable(),
  domicile: z.string().nullable(),
  consent_email: z.boolean(),
  consent_sms: z.boolean(),
  consent_phone: z.boolean(),
  lifecycle_stage: z.enum(LIFECYCLE_STAGES),
  enquired_at: z.date(),
  applied_at: z.date().nullable(),
  offered_at: z.date().nullable(),
  accepted_at: z.date().nullable(),
  enrolled_at: z.date().nullable(),
  lost_at: z.date().nullable(),
  lost_reason: z.string().nullable(),
  source: z.enum(SOURCES),
  source_detail: z.string().nullable(),
  campaign: z.string().nullable(),
  course_id: z.uuid().nullable(),
  owner_id: z.uuid().nullable(),
  team_id: z.uuid().nullable(),
  attributes: z.record(z.string(), scalar),
  created_at: z.date(),
  updated_at: z.date(),
  last_activity_at: z.date(),
  course: z
    .object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      level: z.string(),
      intake: z.string(),
      capacity: z.number().int(),
      fee_gbp: z.number(),
    })
    .nullable(),
  campus: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  owner: z.object({ id: z.uuid(), full_name: z.string(), email: z.string() }).nullable(),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  applications: z.array(
    z.object({
      id: z.uuid(),
      route: z.enum(APPLICATION_ROUTES),
      status: z.enum(APPLICATION_STATUSES),
      submitted_at: z.date(),
      decided_at: z.date().nullable(),
      course: courseRef,
      history: z.array(
        z.object({
          from_status: z.enum(APPLICATION_STATUSES).nullable(),
          to_status: z.enum(APPLICATION_STATUSES),
          changed_at: z.date(),
          note: z.string().nullable(),
        }),
      ),
    }),
  ),
  recent_events: z.array(engagementEventSchema),
  event_counts: z.record(z.string(), z.number().int()),
  activities: z.array(
    z.object({
      id: z.uuid(),
      type: z.enum(ACTIVITY_TYPES),
      subject: z.string(),
      body: z.string().nullable(),
      occurred_at: z.date(),
      user: z.object({ id: z.uuid(), full_name: z.string() }).nullable(),
    }),
  ),
});

export const personIdParamsSchema = z.object({ id: z.uuid() });

export const newEngagementEventSchema = z.strictObject({
  type: z.enum(ENGAGEMENT_TYPES),
  occurred_at: z.iso.datetime({ offset: true }).optional().describe('Defaults to now; may not be in the future'),
  duration_seconds: z.number().int().min(0).max(86_400).nullable().optional(),
  metadata: z.record(z.string(), scalar).optional(),
});
