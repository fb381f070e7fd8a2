import { MlInputError } from '../errors';

/** A CSV-like table as a CSV library parses it: a header and row-major string cells, null or '' when empty. */
export type Table = { header: readonly string[]; rows: readonly (readonly (string | null)[])[] };

/** A cell as a trimmed string, or null when it is empty, blank or one of `naValues`. */
export function normalizeCell(value: string | null | undefined, naValues: ReadonlySet<string>): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' || naValues.has(trimmed) ? null : trimmed;
}

/** The position of each header name; refuses duplicate names, which would make columns ambiguous. */
export function headerIndex(table: Table, context: string): Map<string, number> {
  const index = new Map<string, number>();
  table.header.forEach((name, k) => {
    if (index.has(name)) throw new MlInputError(`${context}: the header names column "${name}" twice`);
    index.set(name, k);
  });
  table.rows.forEach((row, i) => {
    if (row.length !== table.header.length) {
      throw new MlInputError(
        `${context}: data row ${i + 1} has ${row.length} cells but the header has ${table.header.length}`,
      );
    }
  });
  return index;
}

/** One column's cells, by name; a clear error naming the column when the table has none by that name. */
export function tableColumn(table: Table, name: string): (string | null)[] {
  const k = table.header.indexOf(name);
  if (k < 0) throw new MlInputError(`no column "${name}" in the table; its columns are ${quoteList(table.header)}`);
  return table.rows.map((row) => row[k] ?? null);
}

export function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
