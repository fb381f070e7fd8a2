import { CsvFormatError, importPeopleCsv, peopleImportMappingSchema } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { auditContextOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';

const importQuerySchema = z.object({
  on_invalid: z
    .enum(['skip', 'abort'])
    .default('skip')
    .describe('skip invalid rows, or write nothing if any row is invalid'),
  dry_run: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('validate and report without writing'),
});

const rowProblemSchema = z.object({
  row: z.number().int().describe('Spreadsheet row number (the header is row 1)'),
  field: z.string().optional(),
  column: z.string().optional(),
  reason: z.string(),
});

const importReportSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(rowProblemSchema),
  warnings: z.array(rowProblemSchema),
  engagement_events: z.number().int(),
  dry_run: z.boolean(),
  aborted: z.boolean().describe('on_invalid=abort met an invalid row: nothing was written'),
  matched_by: z.object({ external_ref: z.number().int(), email: z.number().int(), phone: z.number().int() }),
  ignored_columns: z.array(z.string()),
});

function parseMapping(text: string | undefined) {
  if (!text) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw AppError.invalidField('body.mapping', 'is not valid JSON');
  }
  const parsed = peopleImportMappingSchema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: ['body', 'mapping', ...issue.path].join('.'),
      message: issue.message,
    }));
    throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  return parsed.data;
}

export function registerPeopleImportRoutes({ app, database, now }: RouteContext) {
  app.post(
    '/people/import',
    {
      config: { access: access.resource('lead_data', 'create') },
      schema: {
        tags: ['people'],
        summary: 'Import people from a CSV file (multipart: optional `mapping` JSON field first, then `file`)',
        description:
          'Streams the CSV, validates each row like POST /people, and upserts on external_ref, else e-mail, else phone. ' +
          'All writes happen in one transaction: a malformed file writes nothing.',
        consumes: ['multipart/form-data'],
        querystring: importQuerySchema,
        response: { 200: importReportSchema, ...problemResponses(400, 413) },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw AppError.invalidField('body', 'expected multipart/form-data with a file field');
      const part = await request.file();
      if (part?.fieldname !== 'file') throw AppError.invalidField('body.file', 'is required');
      const mappingField = part.fields.mapping;
      const mappingText =
        mappingField && !Array.isArray(mappingField) && mappingField.type === 'field'
          ? String(mappingField.value)
          : undefined;
      const mapping = parseMapping(mappingText);
      try {
        return await importPeopleCsv(database.db, part.file, {
          mapping,
          now: now(),
          audit: auditContextOf(request, now()),
          onInvalidRow: request.query.on_invalid,
          dryRun: request.query.dry_run,
        });
      } catch (error) {
        if (error instanceof CsvFormatError) {
          throw new AppError(
            'validation',
            `The CSV file is malformed at row ${error.row}: ${error.message}. Nothing was imported.`,
            [{ path: `body.file.row.${error.row}`, message: error.message }],
          );
        }
        if (part.file.truncated) throw new AppError('payload_too_large', 'The file is larger than the upload limit');
        throw error;
      }
    },
  );
}
