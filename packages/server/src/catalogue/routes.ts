import { COURSE_LEVELS } from '@ivy/core';
import { listCampuses, listCourses } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import type { RouteContext } from '../http/types';

const campusSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), city: z.string() });
const courseSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  level: z.enum(COURSE_LEVELS),
  intake: z.string(),
  capacity: z.number().int(),
  fee_gbp: z.number(),
  department: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  campus: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
});

export function registerCatalogueRoutes({ app, database }: RouteContext) {
  app.get(
    '/campuses',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['catalogue'],
        summary: 'Campuses',
        response: { 200: z.object({ items: z.array(campusSchema) }) },
      },
    },
    async () => ({ items: await listCampuses(database.db) }),
  );

  app.get(
    '/courses',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['catalogue'],
        summary: 'Courses, one entry per intake',
        response: { 200: z.object({ items: z.array(courseSchema) }) },
      },
    },
    async () => ({ items: await listCourses(database.db) }),
  );
}
