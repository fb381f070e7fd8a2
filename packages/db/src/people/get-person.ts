import { and, asc, count, desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import { courseSummaryColumns } from '../catalogue';
import type { Tx } from '../client';
import type { PeopleScope } from '../identity/principal';
import {
  activities,
  applicationStatusHistory,
  applications,
  campuses,
  courses,
  engagementEvents,
  people,
  teams,
  users,
} from '../schema';
import { peopleScopeCondition } from './people-scope';

export const RECENT_EVENTS_LIMIT = 100;

/** Generated lookup columns (normalised e-mail, sort and search text) are internal and not part of a profile. */
const { email_normalized: _email, sort_name: _sort, search_text: _search, ...personColumns } = getTableColumns(people);

/** A person with everything a caseworker needs on one page; null when no such person exists. */
export async function getPersonProfile(db: Tx, personId: string, scope: PeopleScope) {
  const [row] = await db
    .select({
      person: personColumns,
      course: courseSummaryColumns,
      campus: { id: campuses.id, code: campuses.code, name: campuses.name },
      owner: { id: users.id, full_name: users.full_name, email: users.email },
      team: { id: teams.id, name: teams.name },
    })
    .from(people)
    .leftJoin(courses, eq(courses.id, people.course_id))
    .leftJoin(campuses, eq(campuses.id, courses.campus_id))
    .leftJoin(users, eq(users.id, people.owner_id))
    .leftJoin(teams, eq(teams.id, people.team_id))
    .where(and(eq(people.id, personId), peopleScopeCondition(scope)));
  if (!row) return null;

  const [applicationRows, recentEvents, eventCounts, activityRows] = await Promise.all([
    db
      .select({
        id: applications.id,
        route: applications.route,
        status: applications.status,
        submitted_at: applications.submitted_at,
        decided_at: applications.decided_at,
        course: { id: courses.id, code: courses.code, name: courses.name, intake: courses.intake },
      })
      .from(applications)
      .innerJoin(courses, eq(courses.id, applications.course_id))
      .where(eq(applications.person_id, personId))
      .orderBy(asc(applications.submitted_at)),
    db
      .select({
        id: engagementEvents.id,
        type: engagementEvents.type,
        occurred_at: engagementEvents.occurred_at,
        duration_seconds: engagementEvents.duration_seconds,
        metadata: engagementEvents.metadata,
      })
      .from(engagementEvents)
      .where(eq(engagementEvents.person_id, personId))
      .orderBy(desc(engagementEvents.occurred_at), desc(engagementEvents.id))
      .limit(RECENT_EVENTS_LIMIT),
    db
      .select({ type: engagementEvents.type, count: count() })
      .from(engagementEvents)
      .where(eq(engagementEvents.person_id, personId))
      .groupBy(engagementEvents.type),
    db
      .select({
        id: activities.id,
        type: activities.type,
        subject: activities.subject,
        body: activities.body,
        occurred_at: activities.occurred_at,
        user: { id: users.id, full_name: users.full_name },
      })
      .from(activities)
      .leftJoin(users, eq(users.id, activities.user_id))
      .where(eq(activities.person_id, personId))
      .orderBy(desc(activities.occurred_at)),
  ]);

  const history = applicationRows.length
    ? await db
        .select({
          application_id: applicationStatusHistory.application_id,
          from_status: applicationStatusHistory.from_status,
          to_status: applicationStatusHistory.to_status,
          changed_at: applicationStatusHistory.changed_at,
          note: applicationStatusHistory.note,
        })
        .from(applicationStatusHistory)
        .where(
          inArray(
            applicationStatusHistory.application_id,
            applicationRows.map((a) => a.id),
          ),
        )
        .orderBy(asc(applicationStatusHistory.changed_at), asc(applicationStatusHistory.id))
    : [];

  return {
    ...row.person,
    course: row.course,
    campus: row.campus,
    owner: row.owner,
    team: row.team,
    applications: applicationRows.map((application) => ({
      ...application,
      history: history.filter((h) => h.application_id === application.id).map(({ application_id, ...entry }) => entry),
    })),
    recent_events: recentEvents,
    event_counts: Object.fromEntries(eventCounts.map((c) => [c.type, c.count])),
    activities: activityRows,
  };
}

export type PersonProfile = NonNullable<Awaited<ReturnType<typeof getPersonProfile>>>;
