import type { LifecycleStage, ScoreBand, Source, TriageAction } from '@ivy/core';
import { and, asc, count, desc, eq, gte, ilike, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import type { PeopleScope } from '../identity/principal';
import { campuses, courses, leadScores, people, users } from '../schema';
import { peopleScopeCondition } from './people-scope';

export const LEAD_SORTS = [
  'created_at',
  '-created_at',
  'last_activity_at',
  '-last_activity_at',
  'name',
  '-name',
  'score',
  '-score',
] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

export type LeadFilters = {
  q?: string;
  stages?: LifecycleStage[];
  sources?: Source[];
  courseId?: string;
  campusId?: string;
  ownerId?: string;
  bands?: ScoreBand[];
  createdFrom?: Date;
  /** Exclusive upper bound. */
  createdBefore?: Date;
};

export type LeadPageRequest = {
  scope: PeopleScope;
  filters: LeadFilters;
  sort: LeadSort;
  limit: number;
  cursor?: LeadCursor;
};

/** Position after the last row of a page: the sort key's value and the id that breaks ties. */
export type LeadCursor = { value: string; id: string };

const SORT_COLUMNS = {
  created_at: people.created_at,
  last_activity_at: people.last_activity_at,
  name: people.sort_name,
  // Unscored people sort below every scored one.
  score: sql`coalesce(${leadScores.score}, -1)`,
} as const;

function sortColumn(sort: LeadSort) {
  return SORT_COLUMNS[sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function leadFilterConditions(filters: LeadFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(ilike(people.search_text, `%${escapeLike(filters.q.toLowerCase())}%`));
  if (filters.stages?.length) conditions.push(inArray(people.lifecycle_stage, filters.stages));
  if (filters.sources?.length) conditions.push(inArray(people.source, filters.sources));
  if (filters.courseId) conditions.push(eq(people.course_id, filters.courseId));
  if (filters.campusId) {
    conditions.push(
      inArray(
        people.course_id,
        sql`(select ${courses.id} from ${courses} where ${courses.campus_id} = ${filters.campusId})`,
      ),
    );
  }
  if (filters.ownerId) conditions.push(eq(people.owner_id, filters.ownerId));
  if (filters.bands?.length) conditions.push(inArray(leadScores.band, filters.bands));
  if (filters.createdFrom) conditions.push(gte(people.created_at, filters.createdFrom));
  if (filters.createdBefore) conditions.push(lt(people.created_at, filters.createdBefore));
  return conditions;
}

function cursorCondition(sort: LeadSort, cursor: LeadCursor): SQL {
  const column = sortColumn(sort);
  const value = sort.endsWith('name')
    ? sql`${cursor.value}`
    : sort.endsWith('score')
      ? sql`${cursor.value}::float8`
      : sql`${cursor.value}::timestamptz`;
  // Row comparison keeps keyset pagination on the (sort key, id) index in either direction.
  return sort.startsWith('-')
    ? sql`(${column}, ${people.id}) < (${value}, ${cursor.id}::uuid)`
    : sql`(${column}, ${people.id}) > (${value}, ${cursor.id}::uuid)`;
}

const leadSummaryColumns = {
  id: people.id,
  external_ref: people.external_ref,
  first_name: people.first_name,
  last_name: people.last_name,
  email: people.email,
  phone: people.phone,
  phone_valid: sql<boolean>`${people.phone_e164} is not null`,
  lifecycle_stage: people.lifecycle_stage,
  source: people.source,
  created_at: people.created_at,
  last_activity_at: people.last_activity_at,
  course_id: courses.id,
  course_code: courses.code,
  course_name: courses.name,
  course_intake: courses.intake,
  campus_id: campuses.id,
  campus_name: campuses.name,
  owner_id: users.id,
  owner_name: users.full_name,
  score: leadScores.score,
  score_band: leadScores.band,
  score_action: leadScores.action,
};

export type LeadSummary = {
  id: string;
  external_ref: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  phone_valid: boolean;
  lifecycle_stage: LifecycleStage;
  source: Source;
  created_at: Date;
  last_activity_at: Date;
  course: { id: string; code: string; name: string; intake: string } | null;
  campus: { id: string; name: string } | null;
  owner: { id: string; full_name: string } | null;
  /** The stored triage score; null until the person has been scored. */
  score: { score: number; band: ScoreBand; action: TriageAction } | null;
};

export type LeadPage = { items: LeadSummary[]; total: number; next_cursor: LeadCursor | null };

export async function listLeads(db: Tx, request: LeadPageRequest): Promise<LeadPage> {
  const { filters, sort, limit, cursor } = request;
  const conditions = [peopleScopeCondition(request.scope), ...leadFilterConditions(filters)];
  const column = sortColumn(sort);
  const direction = sort.startsWith('-') ? desc : asc;

  const pageQuery = db
    // The cursor keeps the database's own text form of the key: a JS Date would drop microseconds.
    .select({ ...leadSummaryColumns, cursor_value: sql<string>`(${column})::text` })
    .from(people)
    .leftJoin(courses, eq(courses.id, people.course_id))
    .leftJoin(campuses, eq(campuses.id, courses.campus_id))
    .leftJoin(users, eq(users.id, people.owner_id))
    .leftJoin(leadScores, eq(leadScores.person_id, people.id))
    .where(and(...conditions, cursor ? cursorCondition(sort, cursor) : undefined))
    .orderBy(direction(column), direction(people.id))
    .limit(limit + 1);
  const totalQuery = db
    .select({ total: count() })
    .from(people)
    .leftJoin(leadScores, eq(leadScores.person_id, people.id))
    .where(and(...conditions));
  const [rows, [totalRow]] = await Promise.all([pageQuery, totalQuery]);

  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const next_cursor = rows.length > limit && last ? { value: last.cursor_value, id: last.id } : null;
  return {
    items: pageRows.map((row) => ({
      id: row.id,
      external_ref: row.external_ref,
      first_name: row.first_name,
      last_name: row.last_name,
      email: row.email,
      phone: row.phone,
      phone_valid: row.phone_valid,
      lifecycle_stage: row.lifecycle_stage,
      source: row.source,
      created_at: row.created_at,
      last_activity_at: row.last_activity_at,
      course:
        row.course_id && row.course_code && row.course_name && row.course_intake
          ? { id: row.course_id, code: row.course_code, name: row.course_name, intake: row.course_intake }
          : null,
      campus: row.campus_id && row.campus_name ? { id: row.campus_id, name: row.campus_name } : null,
      owner: row.owner_id && row.owner_name ? { id: row.owner_id, full_name: row.owner_name } : null,
      score:
        row.score !== null && row.score_band && row.score_action
          ? { score: row.score, band: row.score_band, action: row.score_action }
          : null,
    })),
    total: totalRow?.total ?? 0,
    next_cursor,
  };
}
