import type { CohortCounts, CohortDimension } from '@ivy/core';
import { and, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import type { PeopleScope } from '../identity/principal';
import { peopleScopeCondition } from '../people/people-scope';
import { queryRows } from '../query-rows';

/** Each dimension's key and label over `people` joined to its course (`c`) and campus (`k`). */
const DIMENSION_SQL: Record<CohortDimension, { key: SQL; label: SQL }> = {
  source: { key: sql`people.source`, label: sql`people.source` },
  course: { key: sql`coalesce(c.code, '')`, label: sql`coalesce(c.code || ' ' || c.name, 'No course')` },
  course_level: { key: sql`coalesce(c.level, '')`, label: sql`coalesce(c.level, 'No course')` },
  campus: { key: sql`coalesce(k.name, '')`, label: sql`coalesce(k.name, 'No course')` },
  enquiry_month: {
    key: sql`to_char(people.enquired_at at time zone 'UTC', 'YYYY-MM')`,
    label: sql`to_char(people.enquired_at at time zone 'UTC', 'YYYY-MM')`,
  },
};

export type CohortFilter = { scope: PeopleScope; enquiredFrom?: Date; enquiredTo?: Date };

/** The people a cohort analysis covers: in scope and enquired within the window. Usable wherever `people` is. */
export function cohortPeopleCondition({ scope, enquiredFrom, enquiredTo }: CohortFilter): SQL | undefined {
  return and(
    peopleScopeCondition(scope),
    enquiredFrom ? sql`people.enquired_at >= ${enquiredFrom.toISOString()}` : undefined,
    enquiredTo ? sql`people.enquired_at < ${enquiredTo.toISOString()}` : undefined,
  );
}

/** Outcome counts per cohort. */
export async function cohortCounts(db: Tx, dimension: CohortDimension, filter: CohortFilter): Promise<CohortCounts[]> {
  const { key, label } = DIMENSION_SQL[dimension];
  const condition = cohortPeopleCondition(filter);
  return queryRows<CohortCounts>(
    db,
    sql`select ${key} as key, min(${label}) as label, count(*)::int as size,
               count(*) filter (where people.lifecycle_stage not in ('enrolled', 'lost'))::int as open,
               count(*) filter (where people.lifecycle_stage = 'enrolled')::int as enrolled,
               count(*) filter (where people.lifecycle_stage = 'lost')::int as lost,
               (percentile_cont(0.5) within group (order by extract(epoch from people.enrolled_at - people.enquired_at))
                 filter (where people.lifecycle_stage = 'enrolled' and people.enrolled_at > people.enquired_at)
                 / 86400)::float8 as median_days_to_enrol
        from people
        left join courses c on c.id = people.course_id
        left join campuses k on k.id = c.campus_id
        ${condition ? sql`where ${condition}` : sql``}
        group by 1
        order by size desc, key`,
  );
}

/** Which cohort each open lead in the analysis belongs to. */
export async function openLeadCohortKeys(
  db: Tx,
  dimension: CohortDimension,
  filter: CohortFilter,
): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; key: string }>(
    db,
    sql`select people.id, ${DIMENSION_SQL[dimension].key} as key
        from people
        left join courses c on c.id = people.course_id
        left join campuses k on k.id = c.campus_id
        where people.lifecycle_stage not in ('enrolled', 'lost')
          ${cohortPeopleCondition(filter) ? sql`and ${cohortPeopleCondition(filter)}` : sql``}`,
  );
  return new Map(rows.map((row) => [row.id, row.key]));
}
