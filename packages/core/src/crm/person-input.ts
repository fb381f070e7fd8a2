import { z } from 'zod';
import { isPlausibleEmail } from '../contact/normalize-email';
import { normalizePhone } from '../contact/normalize-phone';
import { LIFECYCLE_STAGES, SOURCES } from './vocabulary';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const nullableText = (max: number) => trimmed(max).nullable().optional();

/**
 * A person as an API client or an import row may write it. One schema for both paths, so a CSV row and a
 * POST body are held to the same rules. Unknown fields are rejected: a misspelt field must not vanish silently.
 */
export const personFieldsSchema = z.strictObject({
  external_ref: nullableText(200),
  first_name: nullableText(100),
  last_name: nullableText(100),
  email: trimmed(320).refine(isPlausibleEmail, { message: 'Invalid e-mail address' }).nullable().optional(),
  phone: trimmed(40)
    .refine((phone) => normalizePhone(phone) !== null, { message: 'Invalid phone number' })
    .nullable()
    .optional(),
  postcode: trimmed(12)
    .transform((postcode) => postcode.toUpperCase())
    .nullable()
    .optional(),
  date_of_birth: z.iso
    .date()
    .refine((d) => d >= '1900-01-01', { message: 'Date of birth is before 1900' })
    .nullable()
    .optional(),
  domicile: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code')
    .transform((code) => code.toUpperCase())
    .nullable()
    .optional(),
  consent_email: z.boolean().optional(),
  consent_sms: z.boolean().optional(),
  consent_phone: z.boolean().optional(),
  lifecycle_stage: z.enum(LIFECYCLE_STAGES).optional(),
  lost_reason: nullableText(500),
  source: z.enum(SOURCES).optional(),
  source_detail: nullableText(200),
  campaign: nullableText(200),
  course_id: z.uuid().nullable().optional(),
  owner_id: z.uuid().nullable().optional(),
  team_id: z.uuid().nullable().optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  enquired_at: z.iso.datetime({ offset: true }).optional(),
});

export type PersonFields = z.infer<typeof personFieldsSchema>;

export const personCreateSchema = personFieldsSchema;
export const personUpdateSchema = personFieldsSchema.partial();
export type PersonCreate = z.infer<typeof personCreateSchema>;
export type PersonUpdate = z.infer<typeof personUpdateSchema>;
