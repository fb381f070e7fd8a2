import { asc, eq } from 'drizzle-orm';
import type { Tx } from './client';
import { campuses, courses, departments } from './schema';

export function listCampuses(db: Tx) {
  return db
    .select({ id: campuses.id, code: campuses.code, name: campuses.name, city: campuses.city })
    .from(campuses)
    .orderBy(asc(campuses.name));
}

/** What a page shows of a course wherever one appears. */
export const courseSummaryColumns = {
  id: courses.id,
  code: courses.code,
  name: courses.name,
  level: courses.level,
  intake: courses.intake,
  capacity: courses.capacity,
  fee_gbp: courses.fee_gbp,
};

export function listCourses(db: Tx) {
  return db
    .select({
      ...courseSummaryColumns,
      department: { id: departments.id, code: departments.code, name: departments.name },
      campus: { id: campuses.id, code: campuses.code, name: campuses.name },
    })
    .from(courses)
    .innerJoin(departments, eq(departments.id, courses.department_id))
    .innerJoin(campuses, eq(campuses.id, courses.campus_id))
    .orderBy(asc(courses.name), asc(courses.intake));
}
