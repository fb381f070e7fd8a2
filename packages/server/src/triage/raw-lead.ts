import { ENGAGEMENT_TYPES, type LeadSignals, SOURCES } from '@ivy/core';
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

/** The request fields triage and forecasting share: raw leads, or stored people by id. */
export const leadsOrIdsShape = {
  leads: z.array(rawLeadSchema).min(1).max(1000).optional(),
  lead_ids: z.array(z.uuid()).min(1).max(1000).optional(),
};

/** Exactly one of `leads` and `lead_ids`, as a refinement with a message naming the field. */
export const exactlyOneOfLeadsOrIds: [
  (body: { leads?: unknown; lead_ids?: unknown }) => boolean,
  { message: string; path: string[] },
] = [
  (body) => (body.leads === undefined) !== (body.lead_ids === undefined),
  { message: 'send either leads (raw leads to score) or lead_ids (stored people), not both', path: ['leads'] },
];

export function signalsOf(lead: RawLead): LeadSignals {
  return {
    email: { present: lead.has_email, valid: lead.email_valid ?? lead.has_email },
    phone: { present: lead.has_phone, valid: lead.phone_valid ?? lead.has_phone },
    contact_consent: lead.contact_consent,
    source: lead.source,
    engagement: lead.engagement,
    days_since_last_activity: lead.days_since_last_activity,
    course: lead.course,
  };
}
