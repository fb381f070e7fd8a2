import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PeopleScope } from '../identity/principal';
import { people, teams } from '../schema';

/**
 * The SQL condition that keeps a query on people inside a scope: own and team leads for staff, the department's
 * teams for managers, one record for a student. A user without a team or department sees only what they own.
 */
export function peopleScopeCondition(scope: PeopleScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'team':
      return scope.teamId
        ? or(eq(people.owner_id, scope.userId), eq(people.team_id, scope.teamId))
        : eq(people.owner_id, scope.userId);
    case 'department':
      return scope.departmentId
        ? or(
            eq(people.owner_id, scope.userId),
            inArray(
              people.team_id,
              sql`(select ${teams.id} from ${teams} where ${teams.department_id} = ${scope.departmentId})`,
            ),
          )
        : eq(people.owner_id, scope.userId);
    case 'own':
      return scope.personId ? eq(people.id, scope.personId) : sql`false`;
  }
}
