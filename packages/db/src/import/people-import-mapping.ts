import {
  ATTRIBUTE_MODEL_USES,
  ENGAGEMENT_TYPES,
  type EngagementType,
  type PersonCreate,
  personCreateSchema,
} from '@ivy/core';
import { z } from 'zod';

/** Most events one CSV cell may create; a larger count is capped and reported as a row warning. */
export const MAX_EVENTS_PER_CELL = 500;

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
type Scalar = z.infer<typeof scalarSchema>;

const TRANSFORMS = ['boolean_yes_no', 'negate_boolean_yes_no', 'trim', 'number'] as const;
type Transform = (typeof TRANSFORMS)[number];

const comment = z.union([z.string(), z.array(z.string())]).optional();

const cellSpecShape = {
  _comment: comment,
  /** The CSV header naming the column; omit it to write `default` on every created person. */
  column: z.string().min(1).optional(),
  /** CSV value → Ivy value. Matched exactly, then ignoring case. A value mapped to null counts as an empty cell. */
  values: z.record(z.string(), scalarSchema).optional(),
  /** What a non-empty value missing from `values` becomes: itself ('keep'), an empty cell, or `default`. */
  unmapped: z.enum(['keep', 'empty', 'default']).default('keep'),
  /** Written for an empty cell when a person is created (never over an existing person's value). */
  default: scalarSchema.optional(),
  transform: z.enum(TRANSFORMS).optional(),
};

function checkCellSpec(spec: { column?: string; default?: Scalar; unmapped: string }, ctx: z.RefinementCtx) {
  if (spec.column === undefined && spec.default === undefined) {
    ctx.addIssue({ code: 'custom', message: 'A field needs a column or a default' });
  }
  if (spec.unmapped === 'default' && spec.default === undefined) {
    ctx.addIssue({ code: 'custom', message: "unmapped: 'default' needs a default", path: ['unmapped'] });
  }
}

const fieldSpecSchema = z.strictObject(cellSpecShape).superRefine(checkCellSpec);
const attributeSpecSchema = z
  .strictObject({
    ...cellSpecShape,
    /** Key in people.attributes; defaults to the column name. */
    key: z.string().min(1).optional(),
    /**
     * Whether conversion models may learn from it: 'feature', or never ('leaks_outcome': written after contact or
     * the decision; 'identifier'). Recorded with the import; see @ivy/core's attribute-features for the rule.
     */
    model_use: z.enum(ATTRIBUTE_MODEL_USES).default('feature'),
  })
  .superRefine(checkCellSpec);

/** Person fields a mapping may fill; `attributes` is filled from the mapping's own `attributes` list. */
const personFieldName = personCreateSchema.keyof().exclude(['attributes']);
export type MappedPersonField = z.infer<typeof personFieldName>;

/**
 * How the columns of a CSV file become Ivy people and engagement events. Stored as JSON beside the importer
 * (see `mappings/xeducation-leads.json`); every object accepts a `_comment` (string or list of strings).
 *
 * ```jsonc
 * {
 *   "delimiter": ",",                       // one character, default ","
 *   "na": ["Select"],                       // cells meaning "no answer" (the empty cell always does)
 *   "fields": {                             // Ivy person field → cell spec
 *     "external_ref": { "column": "Prospect ID" },
 *     "consent_email": { "column": "Do Not Email", "transform": "negate_boolean_yes_no" },
 *     "lifecycle_stage": { "column": "Converted", "values": { "1": "enrolled", "0": "lost" } },
 *     "source": { "column": "Lead Source", "values": { "Google": "organic_search" },
 *                 "unmapped": "default", "default": "unknown" },
 *     "campaign": { "default": "2024 open days" }          // constant for created people
 *   },
 *   "attributes": [                         // kept in people.attributes (string/number/boolean/null)
 *     { "column": "Lead Number", "key": "lead_number", "transform": "number", "model_use": "identifier" },
 *     { "column": "Tags", "key": "tags", "model_use": "leaks_outcome" }   // default "feature"
 *   ],
 *   "engagement": [                         // the cell holds a count N → N events of `type`
 *     { "column": "TotalVisits", "type": "web_visit", "durationColumn": "Total Time Spent on Website" }
 *   ],
 *   "lastActivity": {                       // one event of the mapped type; unmapped or null → no event
 *     "column": "Last Activity", "values": { "Email Opened": "email_open", "SMS Sent": null }
 *   }
 * }
 * ```
 *
 * A cell spec is `{ column?, values?, unmapped?, default?, transform? }`. The cell is read after trimming; a cell
 * listed in `na` (or empty) is empty: the field is left out of the row (an update keeps the person's value; a new
 * person gets `default`). A non-empty cell is looked up in `values`; a value not found there follows `unmapped`
 * ('keep' passes it on, so the person schema judges it; 'empty'; 'default'), and a kept value goes through
 * `transform`: `boolean_yes_no` (Yes/No, Y/N, true/false, 1/0), `negate_boolean_yes_no` (the same, inverted: "Do
 * Not Email = Yes" → consent false), `trim`, `number`. The result is validated by `personCreateSchema`, as a
 * `POST /people` body is.
 */
export const peopleImportMappingSchema = z.strictObject({
  _comment: comment,
  delimiter: z.string().length(1).default(','),
  na: z.array(z.string()).default([]),
  fields: z.partialRecord(personFieldName, fieldSpecSchema).default({}),
  attributes: z.array(attributeSpecSchema).default([]),
  engagement: z
    .array(
      z.strictObject({
        _comment: comment,
        column: z.string().min(1),
        type: z.enum(ENGAGEMENT_TYPES),
        /** Total seconds, spread evenly over the events (whole seconds, the total preserved). */
        durationColumn: z.string().min(1).optional(),
      }),
    )
    .default([]),
  lastActivity: z
    .strictObject({
      _comment: comment,
      column: z.string().min(1),
      values: z.record(z.string(), z.enum(ENGAGEMENT_TYPES).nullable()),
    })
    .optional(),
});

/** A mapping as written (JSON); defaults are filled in when it is parsed. */
export type PeopleImportMapping = z.input<typeof peopleImportMappingSchema>;
type ParsedMapping = z.output<typeof peopleImportMappingSchema>;
type CellSpec = z.output<typeof fieldSpecSchema>;
type AttributeSpec = z.output<typeof attributeSpecSchema>;

const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['consent_email', 'consent_sms', 'consent_phone']);

/**
 * The mapping used when none is given: every header that names an Ivy person field (`email`, `first_name`,
 * `lifecycle_stage`, …) fills that field; consent columns read Yes/No, true/false or 1/0. Other columns are
 * reported as ignored.
 */
export function mappingForIvyColumns(header: string[]): ParsedMapping {
  const fieldNames = new Set<string>(personFieldName.options);
  const fields = Object.fromEntries(
    header
      .filter((column) => fieldNames.has(column))
      .map((column) => [
        column,
        {
          column,
          unmapped: 'keep' as const,
          ...(BOOLEAN_FIELDS.has(column) ? { transform: 'boolean_yes_no' as const } : {}),
        },
      ]),
  );
  return peopleImportMappingSchema.parse({ fields });
}

/** A problem found in one CSV row. `field` is the Ivy field (`email`, `attributes.city`); `column` the CSV header. */
export type ImportRowError = { row: number; field?: string; column?: string; reason: string };

/** Thrown when the file itself cannot be read as the mapping's CSV; nothing is written. */
export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
  constructor(
    message: string,
    /** Spreadsheet row (the header is row 1) where the file stops making sense. */
    readonly row: number,
  ) {
    super(message);
  }
}

type CompiledCell = { spec: CellSpec; index: number | undefined; lowerValues: Map<string, Scalar> | undefined };
type CompiledAttribute = CompiledCell & { spec: AttributeSpec };

/** A mapping bound to one file's header: column names resolved to positions once, not per row. */
export type CompiledMapping = {
  header: string[];
  na: Set<string>;
  fields: [MappedPersonField, CompiledCell][];
  attributes: [string, CompiledAttribute][];
  engagement: { column: string; index: number; type: EngagementType; durationIndex: number | undefined }[];
  lastActivity: { column: string; index: number; values: Map<string, EngagementType | null> } | undefined;
  /** Header columns the mapping does not read. */
  ignored_columns: string[];
};

export function parsePeopleImportMapping(mapping: PeopleImportMapping): ParsedMapping {
  return peopleImportMappingSchema.parse(mapping);
}

/** Resolves the mapping's columns against the header; a column it names but the file lacks is a format error. */
export function compileMapping(mapping: ParsedMapping, header: string[]): CompiledMapping {
  const used = new Set<string>();
  const positions = new Map<string, number[]>();
  header.forEach((name, i) => {
    positions.set(name, [...(positions.get(name) ?? []), i]);
  });
  const indexOf = (column: string): number => {
    const found = positions.get(column);
    if (!found) throw new CsvFormatError(`The header has no column "${column}" named by the mapping`, 1);
    if (found.length > 1) throw new CsvFormatError(`The header names column "${column}" more than once`, 1);
    used.add(column);
    return found[0] as number;
  };
  const compileCell = <Spec extends CellSpec>(spec: Spec): CompiledCell & { spec: Spec } => ({
    spec,
    index: spec.column === undefined ? undefined : indexOf(spec.column),
    lowerValues: spec.values ? lowerKeys(spec.values) : undefined,
  });
  const fields = Object.entries(mapping.fields).flatMap(([field, spec]) =>
    spec ? [[field as MappedPersonField, compileCell(spec)] as [MappedPersonField, CompiledCell]] : [],
  );
  const attributes = mapping.attributes.map(
    (spec): [string, CompiledAttribute] => [spec.key ?? spec.column ?? '', compileCell(spec)] as const,
  );
  const engagement = mapping.engagement.map((spec) => ({
    column: spec.column,
    index: indexOf(spec.column),
    type: spec.type,
    durationIndex: spec.durationColumn === undefined ? undefined : indexOf(spec.durationColumn),
  }));
  const lastActivity = mapping.lastActivity && {
    column: mapping.lastActivity.column,
    index: indexOf(mapping.lastActivity.column),
    values: new Map([
      ...Object.entries(mapping.lastActivity.values).map(([k, v]) => [k.toLowerCase(), v] as const),
      ...Object.entries(mapping.lastActivity.values),
    ]),
  };
  return {
    header,
    na: new Set(['', ...mapping.na]),
    fields,
    attributes,
    engagement,
    lastActivity,
    ignored_columns: header.filter((name) => !used.has(name)),
  };
}

function lowerKeys(values: Record<string, Scalar>): Map<string, Scalar> {
  const map = new Map<string, Scalar>();
  for (const [key, value] of Object.entries(values)) if (!map.has(key.toLowerCase())) map.set(key.toLowerCase(), value);
  return map;
}

/** Events one row asks for; `value` distinguishes several last-activity events that share a column. */
export type RowEvents = {
  column: string;
  value: string;
  type: EngagementType;
  count: number;
  totalSeconds: number | null;
};

export type MappedRow = {
  row: number;
  /** Everything to write for a new person (row values and defaults), validated. */
  create: PersonCreate;
  /** Only the fields present in the row, validated: what an update of an existing person writes. */
  update: PersonCreate;
  events: RowEvents[];
};

export type RowResult =
  | { ok: true; value: MappedRow; warnings: ImportRowError[] }
  | { ok: false; errors: ImportRowError[] };

type CellValue =
  | { kind: 'absent' }
  | { kind: 'value'; value: Scalar; defaulted: boolean }
  | { kind: 'error'; reason: string };

const ABSENT: CellValue = { kind: 'absent' };

function readCell(cell: CompiledCell, record: string[], na: Set<string>): CellValue {
  const { spec } = cell;
  const fallback: CellValue =
    spec.default === undefined ? ABSENT : { kind: 'value', value: spec.default, defaulted: true };
  if (cell.index === undefined) return fallback;
  const raw = record[cell.index] ?? '';
  if (na.has(raw)) return fallback;
  if (spec.values) {
    const mapped = Object.hasOwn(spec.values, raw) ? spec.values[raw] : cell.lowerValues?.get(raw.toLowerCase());
    if (mapped === null) return fallback;
    if (mapped !== undefined) return { kind: 'value', value: mapped, defaulted: false };
    if (spec.unmapped === 'empty') return fallback;
    if (spec.unmapped === 'default') return { kind: 'value', value: spec.default ?? null, defaulted: false };
  }
  return applyTransform(raw, spec.transform);
}

const YES = /^(yes|y|true|1)$/i;
const NO = /^(no|n|false|0)$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function applyTransform(raw: string, transform: Transform | undefined): CellValue {
  const value = (v: Scalar): CellValue => ({ kind: 'value', value: v, defaulted: false });
  switch (transform) {
    case undefined:
      return value(raw);
    case 'trim':
      return value(raw.trim());
    case 'number':
      return NUMBER.test(raw) ? value(Number(raw)) : { kind: 'error', reason: `Expected a number, got "${raw}"` };
    case 'boolean_yes_no':
    case 'negate_boolean_yes_no': {
      const yes = YES.test(raw);
      if (!yes && !NO.test(raw)) return { kind: 'error', reason: `Expected Yes or No, got "${raw}"` };
      return value(transform === 'boolean_yes_no' ? yes : !yes);
    }
  }
}

function readCount(raw: string, column: string, row: number, what: string): number | ImportRowError {
  const n = NUMBER.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n) || n < 0) return { row, column, reason: `Expected ${what}, got "${raw}"` };
  return n;
}

/**
 * One CSV record → the person fields and events it asks for, validated by `personCreateSchema` (the schema of
 * `POST /people`). Pure: matching against existing people happens later, in batches.
 */
export function mapRow(mapping: CompiledMapping, record: string[], row: number): RowResult {
  const errors: ImportRowError[] = [];
  const warnings: ImportRowError[] = [];
  if (record.every((cell) => cell === '')) return { ok: false, errors: [{ row, reason: 'The row is empty' }] };

  const present: Record<string, Scalar> = {};
  const defaults: Record<string, Scalar> = {};
  for (const [field, cell] of mapping.fields) {
    const result = readCell(cell, record, mapping.na);
    if (result.kind === 'error') errors.push({ row, field, column: cell.spec.column, reason: result.reason });
    else if (result.kind === 'value') (result.defaulted ? defaults : present)[field] = result.value;
  }
  const presentAttributes: Record<string, Scalar> = {};
  const defaultAttributes: Record<string, Scalar> = {};
  for (const [key, cell] of mapping.attributes) {
    const result = readCell(cell, record, mapping.na);
    if (result.kind === 'error') {
      errors.push({ row, field: `attributes.${key}`, column: cell.spec.column, reason: result.reason });
    } else if (result.kind === 'value') (result.defaulted ? defaultAttributes : presentAttributes)[key] = result.value;
    // An attribute the row leaves empty is recorded as null on a new person: the column was there, unanswered.
    else defaultAttributes[key] = null;
  }

  const input: Record<string, unknown> = { ...defaults, ...present };
  if (mapping.attributes.length > 0) input.attributes = { ...defaultAttributes, ...presentAttributes };
  const parsed = personCreateSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path;
      const field =
        first === 'attributes' && second !== undefined ? `attributes.${String(second)}` : String(first ?? '');
      const column =
        first === 'attributes'
          ? mapping.attributes.find(([key]) => key === second)?.[1].spec.column
          : mapping.fields.find(([name]) => name === first)?.[1].spec.column;
      errors.push({ row, ...(field ? { field } : {}), ...(column ? { column } : {}), reason: issue.message });
    }
  }

  const events: RowEvents[] = [];
  for (const spec of mapping.engagement) {
    const raw = record[spec.index] ?? '';
    if (mapping.na.has(raw)) continue;
    const count = readCount(raw, spec.column, row, 'a whole number of events');
    if (typeof count !== 'number') {
      errors.push(count);
      continue;
    }
    if (!Number.isInteger(count)) {
      errors.push({ row, column: spec.column, reason: `Expected a whole number of events, got "${raw}"` });
      continue;
    }
    let totalSeconds: number | null = null;
    if (spec.durationIndex !== undefined) {
      const durationColumn = mapping.header[spec.durationIndex] as string;
      const rawDuration = record[spec.durationIndex] ?? '';
      if (!mapping.na.has(rawDuration)) {
        const seconds = readCount(rawDuration, durationColumn, row, 'a number of seconds');
        if (typeof seconds !== 'number') {
          errors.push(seconds);
          continue;
        }
        totalSeconds = Math.round(seconds);
      }
    }
    if (count > MAX_EVENTS_PER_CELL) {
      warnings.push({
        row,
        column: spec.column,
        reason: `${count} events capped at ${MAX_EVENTS_PER_CELL}; the duration total is spread over those`,
      });
    }
    events.push({
      column: spec.column,
      value: '',
      type: spec.type,
      count: Math.min(count, MAX_EVENTS_PER_CELL),
      totalSeconds,
    });
  }
  if (mapping.lastActivity) {
    const { column, index, values } = mapping.lastActivity;
    const raw = record[index] ?? '';
    const type = mapping.na.has(raw) ? undefined : (values.get(raw) ?? values.get(raw.toLowerCase()));
    if (type) events.push({ column, value: raw, type, count: 1, totalSeconds: null });
  }

  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  const create = parsed.data;
  const update: Record<string, unknown> = {};
  for (const key of Object.keys(present)) update[key] = create[key as keyof PersonCreate];
  if (create.attributes) {
    const attributes = Object.fromEntries(Object.keys(presentAttributes).map((key) => [key, create.attributes?.[key]]));
    if (Object.keys(attributes).length > 0) update.attributes = attributes;
  }
  return { ok: true, value: { row, create, update: update as PersonCreate, events }, warnings };
}
