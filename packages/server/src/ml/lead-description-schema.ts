import { type ENGAGEMENT_DATA_FIELDS, type LeadDescription, LIFECYCLE_STAGES, SOURCES } from '@ivy/core';
import { z } from 'zod';

const count = z.number().int().min(0).max(1_000_000).optional();

const engagementDataSchema = z
  .strictObject({
    email_opens: count,
    email_clicks: count,
    web_visits: count,
    portal_logins: count,
    events_attended: count,
    calls: count,
    meetings: count,
    form_submits: count,
  } satisfies Record<keyof typeof ENGAGEMENT_DATA_FIELDS, typeof count>)
  .describe('Touchpoints in the last 90 days');

const OPEN_STAGES = LIFECYCLE_STAGES.filter((stage) => stage !== 'enrolled' && stage !== 'lost') as [
  'enquirer',
  ...('applicant' | 'offer' | 'accepted')[],
];

/** The fields of a lead description; anything else a caller sends is listed back as ignored, not refused. */
export const leadDescriptionShape = {
  email: z.string().max(320).nullish(),
  phone: z.string().max(40).nullish(),
  source: z
    .preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(SOURCES))
    .optional(),
  course_declared: z.string().max(200).nullish().describe('Course code or name, matched against the catalogue'),
  stage: z.enum(OPEN_STAGES).optional().describe('Defaults to enquirer'),
  created_at: z.iso.datetime({ offset: true }).optional().describe('When the lead enquired; defaults to now'),
  last_activity_at: z.iso.datetime({ offset: true }).nullish(),
  contact_consent: z.boolean().optional(),
  engagement_data: engagementDataSchema.optional(),
};

export const leadDescriptionSchema = z
  .looseObject(leadDescriptionShape)
  .describe('A lead that need not be stored in Ivy, by its raw fields (the seed’s lead_features / lead_data)');

export type LeadDescriptionInput = z.infer<typeof leadDescriptionSchema>;

export function toLeadDescription(input: LeadDescriptionInput): LeadDescription {
  return {
    email: input.email,
    phone: input.phone,
    source: input.source,
    stage: input.stage,
    created_at: input.created_at ? new Date(input.created_at) : undefined,
    last_activity_at: input.last_activity_at ? new Date(input.last_activity_at) : null,
    contact_consent: input.contact_consent,
    engagement_data: input.engagement_data,
  };
}

/** Fields the caller sent that the model does not use (e.g. the seed's `lead_score`, `engagement_level`). */
export function ignoredFields(input: LeadDescriptionInput): string[] {
  return Object.keys(input).filter((key) => !(key in leadDescriptionShape));
}
