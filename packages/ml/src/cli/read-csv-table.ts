import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { MlInputError } from '../errors';

export type CsvTable = { header: string[]; rows: (string | null)[][] };

/** A CSV file as a header and string rows; empty cells become null. The I/O edge of the ML CLI. */
export async function readCsvTable(path: string, { separator = ',' }: { separator?: string } = {}): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MlInputError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${code ?? error}`);
  }
  let records: string[][];
  try {
    records = parse(text, { delimiter: separator, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new MlInputError(`${path} is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header || body.length === 0) throw new MlInputError(`${path} has no data rows`);
  return { header, rows: body.map((record) => record.map((cell) => (cell === '' ? null : cell))) };
}
