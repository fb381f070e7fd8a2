import { randomUUID } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Db } from '../client';
import { declareAttributeKeys } from '../features/person-attribute-keys';
import { type AuditContext, appendAudit } from '../identity/audit';
import {
  type CompiledMapping,
  CsvFormatError,
  compileMapping,
  type ImportRowError,
  type MappedRow,
  mappingForIvyColumns,
  mapRow,
  type PeopleImportMapping,
  parsePeopleImportMapping,
} from './people-import-mapping';
import { type MatchKey, PeopleImportWriter } from './people-import-writer';

export {
  CsvFormatError,
  type ImportRowError,
  MAX_EVENTS_PER_CELL,
  type PeopleImportMapping,
  peopleImportMappingSchema,
} from './people-import-mapping';

export type ImportOptions = {
  /** How columns become fields; omitted, headers named like Ivy's person fields map onto them. */
  mapping?: PeopleImportMapping;
  /** The import's clock: created/updated times, stage timestamps, and the date of events without one. */
  now: Date;
  /** 'skip' (default): invalid rows are reported and left out. 'abort': any invalid row and nothing is written. */
  onInvalidRow?: 'skip' | 'abort';
  /** Validate and match everything, report what would happen, write nothing. */
  dryRun?: boolean;
  /** Who runs the import: an audit entry is written in the import's transaction. */
  audit?: AuditContext;
};

export type ImportReport = {
  /** Data rows read (the header is not one). `rows = created + updated + rejected`, unless aborted. */
  rows: number;
  created: number;
  /** Rows that matched an existing person or an earlier row of the file. */
  updated: number;
  rejected: number;
  /** The first {@link MAX_REPORTED_PROBLEMS} problems of the rejected rows (one row may have several). */
  errors: ImportRowError[];
  /** Problems that did not stop a row, e.g. an event count over the cap (first {@link MAX_REPORTED_PROBLEMS}). */
  warnings: ImportRowError[];
  engagement_events: number;
  dry_run: boolean;
  /** onInvalidRow 'abort' met an invalid row: nothing was written and created/updated/events are 0. */
  aborted: boolean;
  matched_by: Record<MatchKey, number>;
  /** Header columns the mapping does not read. */
  ignored_columns: string[];
};

/** Rows matched and written per batch: each batch costs a handful of set-based queries, whatever its size. */
export const IMPORT_BATCH_SIZE = 1000;
export const MAX_REPORTED_PROBLEMS = 1000;
/** A record longer than this is taken for a runaway quote rather than read into memory. */
const MAX_RECORD_BYTES = 1 << 20;

class Rollback extends Error {}

/**
 * Streams a CSV file of people into Ivy. Each row is mapped (see {@link peopleImportMappingSchema}), validated by
 * the same schema as `POST /people`, matched against existing people (external_ref, then e-mail, then phone) and
 * inserted or updated, a batch at a time, in ONE transaction: the import is all-or-nothing. A malformed file
 * throws {@link CsvFormatError}; invalid rows are reported with their spreadsheet row number (header = row 1).
 * What the mapping declares about its attributes (`model_use`: may a conversion model learn from them) is recorded
 * in the same transaction.
 */
export async function importPeopleCsv(
  db: Db,
  /** A file or request stream, or any (async) iterable of chunks; a chunk may end anywhere, even mid-row. */
  input: NodeJS.ReadableStream | AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ImportOptions,
): Promise<ImportReport> {
  const mapping = options.mapping ? parsePeopleImportMapping(options.mapping) : undefined;
  const abortOnInvalid = options.onInvalidRow === 'abort';
  const report: ImportReport = {
    rows: 0,
    created: 0,
    updated: 0,
    rejected: 0,
    errors: [],
    warnings: [],
    engagement_events: 0,
    dry_run: options.dryRun ?? false,
    aborted: false,
    matched_by: { external_ref: 0, email: 0, phone: 0 },
    ignored_columns: [],
  };
  const reject = (problems: ImportRowError[]) => {
    report.rejected += 1;
    report.errors.push(...problems.slice(0, MAX_REPORTED_PROBLEMS - report.errors.length));
    if (abortOnInvalid) report.aborted = true;
  };

  try {
    await db.transaction(async (tx) => {
      const writer = new PeopleImportWriter(tx, options.now, randomUUID());
      const parser = parse({
        bom: true,
        trim: true,
        delimiter: mapping?.delimiter ?? ',',
        skip_empty_lines: true,
        info: true,
        max_record_size: MAX_RECORD_BYTES,
      });
      // Errors of the source reach the loop below through the parser, which pipeline() destroys with them.
      pipeline(Readable.from(input), parser, () => {});

      let compiled: CompiledMapping | undefined;
      let batch: MappedRow[] = [];
      const writeBatch = async () => {
        const rows = batch;
        batch = [];
        if (report.aborted || rows.length === 0) return;
        for (const error of await writer.writeBatch(rows)) reject([error]);
      };
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: CsvInfo }>) {
          if (!compiled) {
            compiled = compileMapping(mapping ?? mappingForIvyColumns(record), record);
            report.ignored_columns = compiled.ignored_columns;
            continue;
          }
          report.rows += 1;
          // Spreadsheet row: records so far (the header included) plus the blank lines the parser skipped.
          const row = info.records + info.empty_lines;
          const result = mapRow(compiled, record, row);
          if (!result.ok) {
            reject(result.errors);
            continue;
          }
          report.warnings.push(...result.warnings.slice(0, MAX_REPORTED_PROBLEMS - report.warnings.length));
          if (report.aborted) continue;
          batch.push(result.value);
          if (batch.length >= IMPORT_BATCH_SIZE) await writeBatch();
        }
      } catch (error) {
        if (error instanceof CsvError) {
          const context = error as CsvError & Partial<CsvInfo>;
          throw new CsvFormatError(error.message, (context.records ?? 0) + (context.empty_lines ?? 0) + 1);
        }
        throw error;
      }
      if (!compiled) throw new CsvFormatError('The file is empty: it has no header row', 1);
      await writeBatch();
      // An aborted import reports no writes; a dry run reports what it would have written.
      if (!report.aborted) Object.assign(report, writer.counts);
      if (report.aborted || report.dry_run) throw new Rollback();
      await declareAttributeKeys(
        tx,
        compiled.attributes.map(([key, cell]) => ({ key, model_use: cell.spec.model_use })),
        options.now,
      );
      if (options.audit) {
        await appendAudit(tx, {
          ...options.audit,
          action: 'people.import',
          resourceType: 'lead_data',
          outcome: 'success',
          details: { rows: report.rows, created: report.created, updated: report.updated, rejected: report.rejected },
        });
      }
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return report;
}

type CsvInfo = { records: number; empty_lines: number };
