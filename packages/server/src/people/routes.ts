import { personCreateSchema, personUpdateSchema } from '@ivy/core';
import { addEngagementEvent, createPerson, getPersonProfile, listLeads, type PeopleScope, updatePerson } from '@ivy/db';
import { access, peopleScopeOf } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import {
  engagementEventSchema,
  leadListQuerySchema,
  leadPageSchema,
  newEngagementEventSchema,
  personIdParamsSchema,
  personProfileSchema,
} from './schemas';

const DAY_MS = 86_400_000;
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function registerPeopleRoutes({ app, database, now }: RouteContext) {
  const { db } = database;

  async function profileOrNotFound(id: string, scope: PeopleScope) {
    const profile = await getPersonProfile(db, id, scope);
    if (!profile) throw AppError.notFound(`Person ${id}`);
    return profile;
  }

  app.get(
    '/people/leads',
    {
      config: { access: access.resource('student_records') },
      schema: {
        tags: ['people'],
        summary: 'List leads with filters, sorting and cursor pagination',
        querystring: leadListQuerySchema,
        response: { 200: leadPageSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await listLeads(db, {
        scope: peopleScopeOf(principalOf(request)),
        filters: {
          q: query.q || undefined,
          stages: query.stage,
          sources: query.source,
          courseId: query.course_id,
          campusId: query.campus_id,
          ownerId: query.owner_id,
          bands: query.band,
          createdFrom: query.created_from ? new Date(query.created_from) : undefined,
          createdBefore: query.created_to ? new Date(new Date(query.created_to).getTime() + DAY_MS) : undefined,
        },
        sort: query.sort,
        limit: query.limit,
        cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
      });
      return { ...page, next_cursor: page.next_cursor ? encodeCursor(page.next_cursor) : null };
    },
  );

  app.get(
    '/people/:id',
    {
      config: { access: access.resource('student_records') },
      schema: {
        tags: ['people'],
        summary: 'A person with applications, recent engagement and activities',
        params: personIdParamsSchema,
        response: { 200: personProfileSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => profileOrNotFound(request.params.id, peopleScopeOf(principalOf(request))),
  );

  app.post(
    '/people',
    {
      config: { access: access.resource('lead_data') },
      schema: {
        tags: ['people'],
        summary: 'Create a person (an enquirer unless another stage is given)',
        body: personCreateSchema,
        response: { 201: personProfileSchema, ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // A new lead is the creator's unless said otherwise, so it lands inside their own scope.
      const input = { owner_id: principal.id, team_id: principal.team?.id ?? null, ...request.body };
      const id = await createPerson(db, input, auditContextOf(request, now()));
      return reply.status(201).send(await profileOrNotFound(id, { kind: 'all' }));
    },
  );

  app.patch(
    '/people/:id',
    {
      config: { access: access.resource('lead_data') },
      schema: {
        tags: ['people'],
        summary: 'Update a person; a stage change stamps the stage date',
        params: personIdParamsSchema,
        body: personUpdateSchema,
        response: { 200: personProfileSchema, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const scope = peopleScopeOf(principalOf(request));
      const updated = await updatePerson(db, request.params.id, request.body, scope, auditContextOf(request, now()));
      if (!updated) throw AppError.notFound(`Person ${request.params.id}`);
      return profileOrNotFound(request.params.id, scope);
    },
  );

  app.post(
    '/people/:id/events',
    {
      config: { access: access.resource('lead_data') },
      schema: {
        tags: ['people'],
        summary: 'Record an engagement event for a person',
        params: personIdParamsSchema,
        body: newEngagementEventSchema,
        response: { 201: engagementEventSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const current = now();
      const occurredAt = request.body.occurred_at ? new Date(request.body.occurred_at) : current;
      if (occurredAt.getTime() > current.getTime() + FUTURE_TOLERANCE_MS) {
        throw AppError.invalidField('body.occurred_at', 'is in the future');
      }
      const event = await addEngagementEvent(
        db,
        request.params.id,
        { ...request.body, occurred_at: occurredAt },
        peopleScopeOf(principalOf(request)),
        auditContextOf(request, current),
      );
      if (!event) throw AppError.notFound(`Person ${request.params.id}`);
      return reply.status(201).send(event);
    },
  );
}
