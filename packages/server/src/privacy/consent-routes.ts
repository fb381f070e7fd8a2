import { CONSENT_SOURCES, CONSENT_TYPES, type ConsentType, consentDecision, DATA_CATEGORIES } from '@ivy/core';
import { type ConsentChange, type PersonConsents, personConsents, recordConsent } from '@ivy/db';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';

const DAY_MS = 86_400_000;
/** Longest consent Ivy will record without it being renewed: a full admissions cycle and then some. */
const MAX_EXPIRY_DAYS = 3650;

const consentType = z.enum(CONSENT_TYPES).describe('What the consent is for');
const purpose = z.string().trim().min(3).max(500).describe('Why the data is used, as told to the person');
const dataCategories = z
  .array(z.enum(DATA_CATEGORIES))
  .max(DATA_CATEGORIES.length)
  .default([])
  .describe('The kinds of data a grant covers; empty means all of them');
const source = z.enum(CONSENT_SOURCES).describe('Where the person said so');

export const consentRecordSchema = z.object({
  id: z.number().int(),
  consent_type: z.enum(CONSENT_TYPES),
  granted: z.boolean(),
  purpose: z.string(),
  data_categories: z.array(z.enum(DATA_CATEGORIES)),
  source: z.enum(CONSENT_SOURCES),
  recorded_by: z.uuid().nullable(),
  recorded_at: z.date(),
  expires_at: z.date().nullable(),
});

const currentConsentSchema = z.object({
  consent_type: z.enum(CONSENT_TYPES),
  state: z.enum(['granted', 'refused', 'withdrawn', 'expired', 'not_recorded']),
  granted: z.boolean().describe('True only for a grant that has not expired'),
  record: consentRecordSchema.nullable().describe('The latest record of the type, which decides the state'),
});

export const personConsentsSchema = z.object({
  person_id: z.uuid(),
  current: z.array(currentConsentSchema).describe('One entry per consent type'),
  history: z.array(consentRecordSchema).describe('Every grant, refusal and withdrawal, newest first'),
});

const CONSENT_ACTIONS = ['grant', 'refuse', 'withdraw'] as const;

export const consentChangeSchema = z.strictObject({
  consent_type: consentType,
  action: z.enum(CONSENT_ACTIONS).describe('grant; refuse (never given); withdraw (a consent given before)'),
  purpose,
  data_categories: dataCategories,
  source: source.default('staff'),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional().describe('For a grant: when it lapses'),
});

const seedAddSchema = z.strictObject({
  user_id: z.uuid().describe('The person’s id'),
  consent_type: consentType,
  granted: z.boolean(),
  purpose,
  data_categories: dataCategories,
  expires_in_days: z.number().int().min(1).max(MAX_EXPIRY_DAYS).nullable().optional(),
  source: source.default('staff'),
});

const seedCheckSchema = z.strictObject({
  user_id: z.uuid().describe('The person’s id'),
  consent_type: consentType,
  data_category: z.enum(DATA_CATEGORIES).nullable().optional().describe('The data the use needs'),
});

const checkResultSchema = z.object({
  allowed: z.boolean(),
  reason: z.enum(['granted', 'refused', 'withdrawn', 'expired', 'not_recorded', 'category_not_covered']),
  consent: consentRecordSchema.nullable(),
});

const personParams = z.object({ id: z.uuid() });
const revokeParams = z.object({ user_id: z.uuid(), consent_type: consentType });

function asResponse(personId: string, consents: PersonConsents) {
  return {
    person_id: personId,
    current: CONSENT_TYPES.map((type) => {
      const { state, granted, record } = consents.current[type];
      return { consent_type: type, state, granted, record };
    }),
    history: consents.history,
  };
}

export function registerConsentRoutes({ app, database, now }: RouteContext) {
  const { db } = database;

  const scopeOf = (request: FastifyRequest) => peopleScopeOf(principalOf(request));

  async function consentsOrNotFound(request: FastifyRequest, personId: string, at: Date) {
    const consents = await personConsents(db, personId, scopeOf(request), at);
    if (!consents) throw AppError.notFound(`Person ${personId}`);
    return consents;
  }

  async function record(request: FastifyRequest, personId: string, change: ConsentChange) {
    const result = await recordConsent(db, personId, change, scopeOf(request), auditContextOf(request, now()));
    if (!result) throw AppError.notFound(`Person ${personId}`);
    return result;
  }

  app.get(
    '/people/:id/consents',
    {
      config: { access: access.permission('pii_consent_view') },
      schema: {
        tags: ['privacy'],
        summary: 'A person’s current consent of each type and the full history of changes',
        params: personParams,
        response: { 200: personConsentsSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => asResponse(request.params.id, await consentsOrNotFound(request, request.params.id, now())),
  );

  app.post(
    '/people/:id/consents',
    {
      config: { access: access.permission('pii_consent_manage') },
      schema: {
        tags: ['privacy'],
        summary: 'Record a grant, refusal or withdrawal of consent (audited)',
        description:
          'Appends to the history. A contact type (e-mail, SMS, phone) also sets the person’s contact flag, which ' +
          'triage and contact features read.',
        params: personParams,
        body: consentChangeSchema,
        response: { 201: personConsentsSchema, ...problemResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const at = now();
      const granted = body.action === 'grant';
      let expiresAt: Date | null = null;
      if (body.expires_at) {
        if (!granted) throw AppError.invalidField('expires_at', 'only a grant can expire');
        expiresAt = new Date(body.expires_at);
        if (expiresAt <= at) throw AppError.invalidField('expires_at', 'must be in the future');
      }
      if (body.action === 'withdraw') {
        const { state } = (await consentsOrNotFound(request, id, at)).current[body.consent_type];
        if (state !== 'granted' && state !== 'expired') {
          throw new AppError('conflict', `There is no ${body.consent_type} consent to withdraw (it is ${state})`);
        }
      }
      const { consents } = await record(request, id, {
        consent_type: body.consent_type,
        granted,
        purpose: body.purpose,
        data_categories: granted ? body.data_categories : [],
        source: body.source,
        expires_at: expiresAt,
      });
      return reply.status(201).send(asResponse(id, consents));
    },
  );

  app.post(
    '/ai/pii/consent/add',
    {
      config: { access: access.permission('pii_consent_manage') },
      schema: {
        tags: ['privacy'],
        summary: 'Record consent (seed-compatible; user_id is a person id)',
        body: seedAddSchema,
        response: {
          201: z.object({ success: z.literal(true), consent: consentRecordSchema }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const at = now();
      const { record: stored } = await record(request, body.user_id, {
        consent_type: body.consent_type,
        granted: body.granted,
        purpose: body.purpose,
        data_categories: body.granted ? body.data_categories : [],
        source: body.source,
        expires_at:
          body.granted && body.expires_in_days ? new Date(at.getTime() + body.expires_in_days * DAY_MS) : null,
      });
      return reply.status(201).send({ success: true as const, consent: stored });
    },
  );

  app.post(
    '/ai/pii/consent/check',
    {
      config: { access: access.permission('pii_consent_view') },
      schema: {
        tags: ['privacy'],
        summary: 'Whether current consent covers a use (seed-compatible; user_id is a person id)',
        body: seedCheckSchema,
        response: { 200: checkResultSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { user_id, consent_type, data_category } = request.body;
      const at = now();
      const { history } = await consentsOrNotFound(request, user_id, at);
      // Oldest first: records made in the same instant are then decided by the order they were made in.
      return consentDecision([...history].reverse(), { type: consent_type, dataCategory: data_category, now: at });
    },
  );

  app.get(
    '/ai/pii/consent/revoke/:user_id/:consent_type',
    {
      config: { access: access.permission('pii_consent_manage') },
      schema: {
        tags: ['privacy'],
        summary: 'Withdraw consent (seed-compatible GET that CHANGES STATE)',
        description:
          'Kept for compatibility with the seed API: despite being a GET, this records a withdrawal (audited) when ' +
          'the consent is currently granted or expired, and answers revoked: false otherwise. New clients should ' +
          'use POST /people/{id}/consents with action "withdraw".',
        params: revokeParams,
        response: {
          200: z.object({
            success: z.boolean(),
            revoked: z.boolean().describe('False when there was no consent to withdraw'),
            consent: consentRecordSchema
              .nullable()
              .describe('The withdrawal, or the latest record when nothing changed'),
          }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { user_id, consent_type } = request.params;
      const current = (await consentsOrNotFound(request, user_id, now())).current[consent_type as ConsentType];
      if (current.state !== 'granted' && current.state !== 'expired') {
        return { success: true, revoked: false, consent: current.record };
      }
      const { record: withdrawal } = await record(request, user_id, {
        consent_type,
        granted: false,
        purpose: current.record?.purpose ?? 'Withdrawn',
        data_categories: [],
        source: 'staff',
        expires_at: null,
      });
      return { success: true, revoked: true, consent: withdrawal };
    },
  );
}
