import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_MIN_CONFIDENCE, detectPii, PII_TYPES, type PiiType, REDACTION_LEVELS, redactPii } from '@ivy/core';
import { appendAudit, knownEntitiesInScope } from '@ivy/db';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';

const MAX_TEXT = 50_000;

/** What each type covers, for integrators choosing `types`. */
const TYPE_DESCRIPTIONS: Record<PiiType, string> = {
  name: 'People’s names: stored people by exact match, others by a capitalised run with evidence (title, role word, greeting)',
  email: 'E-mail addresses',
  phone: 'UK and US phone numbers (libphonenumber), plus Ofcom drama ranges',
  address: 'UK street addresses: number, street and suffix, optionally town and postcode',
  student_id: 'UCAS Personal IDs and student numbers named as such',
  national_id: 'UK National Insurance numbers, with their prefix and suffix rules',
  postcode: 'UK postcodes in the official format',
  date_of_birth: 'Dates near “DOB”, “born”… and bare dates that fit a living applicant’s birth year',
  financial: 'Card numbers passing the Luhn check, IBANs passing mod-97, sort code with account number',
  academic: 'Grades and records in context: A-level grade sets, predicted grades, GPA, UCAS points, degree classes',
};

const detectionShape = {
  text: z.string().min(1).max(MAX_TEXT),
  types: z.array(z.enum(PII_TYPES)).min(1).optional().describe('Only these types; all when omitted'),
  min_confidence: z.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE),
  person_ids: z
    .array(z.uuid())
    .max(50)
    .default([])
    .describe('Stored people the text concerns: their names, e-mails and phones are found by exact match'),
};

const matchSchema = z.object({
  type: z.enum(PII_TYPES),
  start: z.number().int(),
  end: z.number().int(),
  confidence: z.number(),
  detector: z.string(),
});

const countsSchema = z.partialRecord(z.enum(PII_TYPES), z.number().int());

/** The seed's PII endpoints (phase 5.1): detection, redaction at four levels, and what is detected. */
export function registerPiiRoutes({ app, database, config, now }: RouteContext) {
  const { db } = database;
  // Without a configured key, hashed tags hold only while this process runs: stable within it, never guessable.
  const hmacKey = config.IVY_PII_HMAC_KEY ?? randomBytes(32).toString('hex');

  async function knownEntities(request: FastifyRequest, ids: readonly string[]) {
    const { entities, missing } = await knownEntitiesInScope(db, ids, peopleScopeOf(principalOf(request)));
    if (missing[0]) throw AppError.notFound(`Person ${missing[0]}`);
    return entities;
  }

  function countByType(matches: readonly { type: PiiType }[]) {
    const counts: Partial<Record<PiiType, number>> = {};
    for (const match of matches) counts[match.type] = (counts[match.type] ?? 0) + 1;
    return counts;
  }

  /** The trail names the operation and what was found, never the text. */
  async function audit(request: FastifyRequest, action: string, details: Record<string, unknown>) {
    const context = auditContextOf(request, now());
    await appendAudit(db, { ...context, action, resourceType: 'pii_data', outcome: 'success', details });
  }

  app.post(
    '/ai/pii/detect',
    {
      config: { access: access.permission('pii_detect') },
      schema: {
        tags: ['privacy'],
        summary: 'Find personal data in a text: type, position, confidence and the surrounding context',
        body: z.strictObject(detectionShape),
        response: {
          200: z.object({
            operation_id: z.uuid(),
            pii_found: z.number().int(),
            by_type: countsSchema,
            matches: z.array(matchSchema.extend({ value: z.string(), context: z.string() })),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { text, types, min_confidence, person_ids } = request.body;
      const matches = detectPii(text, {
        types,
        minConfidence: min_confidence,
        knownEntities: await knownEntities(request, person_ids),
      });
      const operation_id = randomUUID();
      const by_type = countByType(matches);
      await audit(request, 'pii.detect', { operation_id, characters: text.length, by_type });
      return {
        operation_id,
        pii_found: matches.length,
        by_type,
        matches: matches.map(({ type, value, start, end, confidence, context, detector }) => ({
          type,
          value,
          start,
          end,
          confidence,
          context,
          detector,
        })),
      };
    },
  );

  app.post(
    '/ai/pii/redact',
    {
      config: { access: access.permission('pii_redact') },
      schema: {
        tags: ['privacy'],
        summary: 'Redact personal data at one of four levels: full, partial, hashed (keyed HMAC) or anonymized',
        description:
          'Hashed tags use `IVY_PII_HMAC_KEY` (without it, a key that lasts as long as the server process). ' +
          'Anonymized pseudonyms (PERSON_1, EMAIL_1…) are consistent within one request and never stored.',
        body: z.strictObject({ ...detectionShape, level: z.enum(REDACTION_LEVELS).default('full') }),
        response: {
          200: z.object({
            operation_id: z.uuid(),
            level: z.enum(REDACTION_LEVELS),
            redacted_text: z.string(),
            pii_found: z.number().int(),
            by_type: countsSchema,
            matches: z.array(matchSchema.extend({ replacement: z.string() })),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { text, types, min_confidence, person_ids, level } = request.body;
      const result = redactPii(text, {
        level,
        hmacKey,
        types,
        minConfidence: min_confidence,
        knownEntities: await knownEntities(request, person_ids),
      });
      const operation_id = randomUUID();
      const by_type = countByType(result.matches);
      await audit(request, 'pii.redact', { operation_id, level, characters: text.length, by_type });
      return {
        operation_id,
        level,
        redacted_text: result.redacted_text,
        pii_found: result.matches.length,
        by_type,
        matches: result.matches.map(({ type, start, end, confidence, detector, replacement }) => ({
          type,
          start,
          end,
          confidence,
          detector,
          replacement,
        })),
      };
    },
  );

  app.get(
    '/ai/pii/patterns',
    {
      config: { access: access.permission('pii_detect') },
      schema: {
        tags: ['privacy'],
        summary: 'The personal-data types Ivy detects and the redaction levels it offers',
        response: {
          200: z.object({
            types: z.array(z.object({ type: z.enum(PII_TYPES), description: z.string() })),
            redaction_levels: z.array(z.enum(REDACTION_LEVELS)),
            default_min_confidence: z.number(),
            hashed_key: z.enum(['configured', 'per_process']),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => {
      const hashed_key: 'configured' | 'per_process' = config.IVY_PII_HMAC_KEY ? 'configured' : 'per_process';
      return {
        types: PII_TYPES.map((type) => ({ type, description: TYPE_DESCRIPTIONS[type] })),
        redaction_levels: [...REDACTION_LEVELS],
        default_min_confidence: DEFAULT_MIN_CONFIDENCE,
        hashed_key,
      };
    },
  );
}
