import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import type { CampusRow, CourseRow, DepartmentRow, TeamRow, UserRow } from './demo-catalogue';
import type { ActivityRow, EventRow } from './generate-engagement';
import type { ApplicationRow, GeneratedBatch, PersonRow, StatusHistoryRow } from './generate-people';
import type { SourceCostRow } from './source-costs';

type Value = string | number | boolean | null;

/**
 * How a column travels: as one array parameter of `type` (converted in SQL where needed), or as a copy of another
 * column of the same row (`sameAs`), which costs nothing to send.
 */
type Column<R> =
  | {
      name: string;
      type: 'uuid' | 'text' | 'int' | 'bool' | 'date' | 'numeric' | 'jsonb' | 'time';
      value: (row: R) => Value;
    }
  | { name: string; sameAs: string };

export type TableSpec<R> = { table: string; columns: readonly Column<R>[] };

const uuid = <R>(name: string, value: (row: R) => string | null): Column<R> => ({ name, type: 'uuid', value });
const text = <R>(name: string, value: (row: R) => string | null): Column<R> => ({ name, type: 'text', value });
const int = <R>(name: string, value: (row: R) => number | null): Column<R> => ({ name, type: 'int', value });
const bool = <R>(name: string, value: (row: R) => boolean): Column<R> => ({ name, type: 'bool', value });
const date = <R>(name: string, value: (row: R) => string | null): Column<R> => ({ name, type: 'date', value });
const numeric = <R>(name: string, value: (row: R) => number): Column<R> => ({
  name,
  type: 'numeric',
  value: (row) => value(row).toFixed(2),
});
/** JSON text. */
const json = <R>(name: string, value: (row: R) => string): Column<R> => ({ name, type: 'jsonb', value });
/** Epoch milliseconds. */
const time = <R>(name: string, value: (row: R) => number | null): Column<R> => ({ name, type: 'time', value });
/** An ISO timestamp string. */
const isoTime = <R>(name: string, value: (row: R) => string): Column<R> => ({
  name,
  type: 'time',
  value: (row) => Date.parse(value(row)),
});
const sameAs = <R>(name: string, column: string): Column<R> => ({ name, sameAs: column });

const ARRAY_TYPES = {
  uuid: 'uuid[]',
  text: 'text[]',
  int: 'int[]',
  bool: 'bool[]',
  date: 'date[]',
  numeric: 'numeric[]',
  jsonb: 'int[]',
  time: 'float8[]',
} as const;

type SentColumn<R> = Extract<Column<R>, { type: string }>;

const NEEDS_ESCAPE = /["\\]/;
const NEEDS_ESCAPE_ALL = /["\\]/g;

/**
 * A PostgreSQL array literal (`{a,NULL,"b c"}`), built here rather than by the driver: it is the hot loop of a large
 * seed. Text is always quoted and escaped; the other types never contain characters that need it.
 */
function arrayLiteral(values: readonly Value[], quote: boolean): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (!quote) parts[i] = String(value);
    else {
      const text = String(value);
      parts[i] = NEEDS_ESCAPE.test(text) ? `"${text.replace(NEEDS_ESCAPE_ALL, '\\$&')}"` : `"${text}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/**
 * JSON values as 1-based codes into a dictionary of their distinct texts: the few distinct documents are parsed once
 * per statement instead of once per row (parsing jsonb dominates the cost of inserting events otherwise).
 */
function dictionaryEncode(values: readonly Value[]): { codes: (number | null)[]; dictionary: string[] } {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = values.map((value) => {
    if (value === null) return null;
    const text = String(value);
    let code = index.get(text);
    if (code === undefined) {
      dictionary.push(text);
      code = dictionary.length;
      index.set(text, code);
    }
    return code;
  });
  return { codes, dictionary };
}

/**
 * Inserts rows with one statement per batch: `insert … select … from unnest($1::uuid[], $2::text[], …)`, one array
 * parameter per column, which works on PGlite and node-postgres alike. Conversions happen in SQL, where they are
 * cheap: timestamps travel as epoch milliseconds, JSON as codes into a per-batch dictionary.
 */
export async function insertRows<R>(db: Tx, spec: TableSpec<R>, rows: readonly R[], batchSize = 10_000): Promise<void> {
  const sent = spec.columns.filter((column): column is SentColumn<R> => !('sameAs' in column));
  const names = spec.columns.map((column) => column.name).join(', ');
  const head = sql.raw(`insert into ${spec.table} (${names}) select `);
  const tail = sql.raw(`) as u(${sent.map((column) => column.name).join(', ')})`);
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const expressions = new Map<string, SQL>();
    const arrays: SQL[] = [];
    for (const column of sent) {
      const values = batch.map(column.value);
      const arrayType = sql.raw(`::${ARRAY_TYPES[column.type]}`);
      if (column.type === 'jsonb') {
        const { codes, dictionary } = dictionaryEncode(values);
        arrays.push(sql`${sql.param(arrayLiteral(codes, false))}${arrayType}`);
        const lookup = sql.param(arrayLiteral(dictionary, true));
        expressions.set(column.name, sql`(${lookup}::jsonb[])[${sql.raw(`u.${column.name}`)}]`);
      } else {
        arrays.push(sql`${sql.param(arrayLiteral(values, column.type === 'text'))}${arrayType}`);
        const expression = column.type === 'time' ? `to_timestamp(u.${column.name} / 1000.0)` : `u.${column.name}`;
        expressions.set(column.name, sql.raw(expression));
      }
    }
    const selected = spec.columns.map((column) => {
      const expression = expressions.get('sameAs' in column ? column.sameAs : column.name);
      if (!expression) throw new Error(`${spec.table}.${column.name} copies an unknown column`);
      return expression;
    });
    await db.execute(sql`${head}${sql.join(selected, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}${tail}`);
  }
}

export const campusesTable: TableSpec<CampusRow> = {
  table: 'campuses',
  columns: [
    uuid('id', (r) => r.id),
    text('code', (r) => r.code),
    text('name', (r) => r.name),
    text('city', (r) => r.city),
    isoTime('created_at', (r) => r.created_at),
  ],
};

export const departmentsTable: TableSpec<DepartmentRow> = {
  table: 'departments',
  columns: [
    uuid('id', (r) => r.id),
    text('code', (r) => r.code),
    text('name', (r) => r.name),
    isoTime('created_at', (r) => r.created_at),
  ],
};

export const teamsTable: TableSpec<TeamRow> = {
  table: 'teams',
  columns: [
    uuid('id', (r) => r.id),
    text('name', (r) => r.name),
    uuid('department_id', (r) => r.department_id),
    isoTime('created_at', (r) => r.created_at),
  ],
};

export const usersTable: TableSpec<UserRow> = {
  table: 'users',
  columns: [
    uuid('id', (r) => r.id),
    text('email', (r) => r.email),
    text('full_name', (r) => r.full_name),
    text('role', (r) => r.role),
    uuid('team_id', (r) => r.team_id),
    bool('active', (r) => r.active),
    isoTime('created_at', (r) => r.created_at),
    isoTime('updated_at', (r) => r.created_at),
  ],
};

export const coursesTable: TableSpec<CourseRow> = {
  table: 'courses',
  columns: [
    uuid('id', (r) => r.id),
    text('code', (r) => r.code),
    text('name', (r) => r.name),
    text('level', (r) => r.level),
    uuid('department_id', (r) => r.department_id),
    uuid('campus_id', (r) => r.campus_id),
    date('intake', (r) => r.intake),
    int('capacity', (r) => r.capacity),
    numeric('fee_gbp', (r) => r.fee_gbp),
    isoTime('created_at', (r) => r.created_at),
  ],
};

export const peopleTable: TableSpec<PersonRow> = {
  table: 'people',
  columns: [
    uuid('id', (r) => r.id),
    text('external_ref', (r) => r.external_ref),
    text('first_name', (r) => r.first_name),
    text('last_name', (r) => r.last_name),
    text('email', (r) => r.email),
    text('phone', (r) => r.phone),
    text('phone_e164', (r) => r.phone_e164),
    text('postcode', (r) => r.postcode),
    date('date_of_birth', (r) => r.date_of_birth),
    text('domicile', (r) => r.domicile),
    bool('consent_email', (r) => r.consent_email),
    bool('consent_sms', (r) => r.consent_sms),
    bool('consent_phone', (r) => r.consent_phone),
    text('lifecycle_stage', (r) => r.lifecycle_stage),
    time('enquired_at', (r) => r.enquired_at),
    time('applied_at', (r) => r.applied_at),
    time('offered_at', (r) => r.offered_at),
    time('accepted_at', (r) => r.accepted_at),
    time('enrolled_at', (r) => r.enrolled_at),
    time('lost_at', (r) => r.lost_at),
    text('lost_reason', (r) => r.lost_reason),
    text('source', (r) => r.source),
    text('source_detail', (r) => r.source_detail),
    text('campaign', (r) => r.campaign),
    uuid('course_id', (r) => r.course_id),
    uuid('owner_id', (r) => r.owner_id),
    uuid('team_id', (r) => r.team_id),
    json('attributes', (r) => r.attributes),
    time('last_activity_at', (r) => r.last_activity_at),
    sameAs('created_at', 'enquired_at'),
    sameAs('updated_at', 'last_activity_at'),
  ],
};

export const applicationsTable: TableSpec<ApplicationRow> = {
  table: 'applications',
  columns: [
    uuid('id', (r) => r.id),
    uuid('person_id', (r) => r.person_id),
    uuid('course_id', (r) => r.course_id),
    text('route', (r) => r.route),
    text('status', (r) => r.status),
    time('submitted_at', (r) => r.submitted_at),
    time('decided_at', (r) => r.decided_at),
    time('updated_at', (r) => r.updated_at),
    sameAs('created_at', 'submitted_at'),
  ],
};

export const statusHistoryTable: TableSpec<StatusHistoryRow> = {
  table: 'application_status_history',
  columns: [
    uuid('application_id', (r) => r.application_id),
    text('from_status', (r) => r.from_status),
    text('to_status', (r) => r.to_status),
    time('changed_at', (r) => r.changed_at),
    uuid('changed_by', (r) => r.changed_by),
    text('note', (r) => r.note),
  ],
};

export const eventsTable: TableSpec<EventRow> = {
  table: 'engagement_events',
  columns: [
    uuid('person_id', (r) => r.person_id),
    text('type', (r) => r.type),
    time('occurred_at', (r) => r.occurred_at),
    int('duration_seconds', (r) => r.duration_seconds),
    json('metadata', (r) => r.metadata),
    sameAs('created_at', 'occurred_at'),
  ],
};

export const activitiesTable: TableSpec<ActivityRow> = {
  table: 'activities',
  columns: [
    uuid('id', (r) => r.id),
    uuid('person_id', (r) => r.person_id),
    uuid('user_id', (r) => r.user_id),
    text('type', (r) => r.type),
    text('subject', (r) => r.subject),
    text('body', (r) => r.body),
    time('occurred_at', (r) => r.occurred_at),
    sameAs('created_at', 'occurred_at'),
  ],
};

export const sourceCostsTable: TableSpec<SourceCostRow> = {
  table: 'source_costs',
  columns: [
    uuid('id', (r) => r.id),
    text('source', (r) => r.source),
    date('month', (r) => r.month),
    numeric('amount_gbp', (r) => r.amount_gbp),
    time('created_at', (r) => r.created_at),
  ],
};

/** Inserts one generated batch, parents before children. */
export async function insertBatch(db: Tx, batch: GeneratedBatch): Promise<void> {
  await insertRows(db, peopleTable, batch.people, 5_000);
  await insertRows(db, applicationsTable, batch.applications, 10_000);
  await insertRows(db, statusHistoryTable, batch.history, 20_000);
  await insertRows(db, eventsTable, batch.events, 20_000);
  await insertRows(db, activitiesTable, batch.activities, 20_000);
}
