import { z } from 'zod';
import { MlInputError } from '../errors';
import { Estimator } from '../estimator';
import { Matrix } from '../matrix';
import { checkEnvelope, type EstimatorJSON } from '../serialization';
import { OneHotEncoder } from './one-hot-encoder';
import { headerIndex, normalizeCell, quoteList, type Table } from './table';

const paramsSchema = z.strictObject({
  target: z.string().nullable(),
  drop: z.array(z.string()),
  naValues: z.array(z.string()),
  minFrequency: z.number().positive().nullable(),
  maxCategories: z.number().int().min(2).nullable(),
});

/**
 * More distinct values than this in a text column is almost always an identifier or free text, whose one-hot
 * encoding would be one dense column per row (gigabytes for a few thousand rows) and useless to a model.
 */
const MAX_TEXT_CATEGORIES = 1000;

export type TableEncoderParams = {
  /** The label column: left out of the features (it need not be present at transform). */
  target: string | null;
  /** Columns left out of the features: identifiers, leaky or free-text columns. */
  drop: string[];
  /** Cell values that mean "missing" in every column, e.g. `['Select']`; compared after trimming. */
  naValues: string[];
  /** Passed to the OneHotEncoder of the text columns. */
  minFrequency: number | null;
  maxCategories: number | null;
};

export type ColumnKind = 'numeric' | 'text';

type State = { columns: { name: string; kind: ColumnKind }[]; encoder: OneHotEncoder | null; featureNames: string[] };

type StateJSON = {
  columns: { name: string; kind: ColumnKind }[];
  encoder: EstimatorJSON | null;
  featureNames: string[];
};

/**
 * Turns a table of strings into a model matrix. Each kept column is numeric when every present value parses as a
 * finite number (`Number` of the trimmed text) — it passes through, NaN where missing — and text otherwise, one-hot
 * encoded with missing as its own category and unseen categories encoded as zeros. Features keep the header's order;
 * text columns expand in place into `column=category` features.
 */
export class TableEncoder extends Estimator<TableEncoderParams, State> {
  readonly kind = 'TableEncoder';

  constructor(params: Partial<TableEncoderParams> = {}) {
    super(paramsSchema, params, { target: null, drop: [], naValues: [], minFrequency: null, maxCategories: null });
  }

  fit(table: Table): this {
    const params = this.validatedParams();
    const index = headerIndex(table, this.kind);
    const unknown = [...(params.target === null ? [] : [params.target]), ...params.drop].filter(
      (name) => !index.has(name),
    );
    if (unknown.length > 0) {
      const role = (name: string) => (name === params.target ? 'target' : 'drop');
      throw new MlInputError(
        `${this.kind}: no column ${unknown.map((name) => `"${name}" (${role(name)})`).join(', ')} in the table; ` +
          `its columns are ${quoteList(table.header)}`,
      );
    }
    const excluded = new Set([...params.drop, ...(params.target === null ? [] : [params.target])]);
    const naValues = new Set(params.naValues.map((value) => value.trim()));
    const names = table.header.filter((name) => !excluded.has(name));
    if (names.length === 0) throw new MlInputError(`${this.kind}: no feature columns left after target and drop`);
    const cells = names.map((name) => table.rows.map((row) => normalizeCell(row[index.get(name) as number], naValues)));
    const columns = names.map((name, k) => ({
      name,
      kind: (cells[k] as (string | null)[]).every(isNumericCell) ? ('numeric' as const) : ('text' as const),
    }));
    const textColumns = columns.flatMap((column, k) => (column.kind === 'text' ? [cells[k] as (string | null)[]] : []));
    if (params.maxCategories === null) {
      columns.forEach((column, k) => {
        const distinct = new Set(cells[k]).size;
        if (column.kind === 'text' && distinct > MAX_TEXT_CATEGORIES) {
          throw new MlInputError(
            `${this.kind}: text column "${column.name}" has ${distinct} distinct values, too many to one-hot encode ` +
              `(an identifier or free text?); drop it or set maxCategories`,
          );
        }
      });
    }
    const encoder =
      textColumns.length === 0
        ? null
        : new OneHotEncoder({
            handleUnknown: 'ignore',
            minFrequency: params.minFrequency,
            maxCategories: params.maxCategories,
          }).fit(textColumns, {
            names: columns.filter((column) => column.kind === 'text').map((column) => column.name),
          });
    const textNames = encoder?.columnFeatureNames ?? [];
    let text = 0;
    const featureNames = columns.flatMap((column) =>
      column.kind === 'numeric' ? [column.name] : (textNames[text++] as string[]),
    );
    this.fitted = { columns, encoder, featureNames };
    return this;
  }

  /** The features of `table`, whose header must hold every feature column (in any order; others are ignored). */
  transform(table: Table): Matrix {
    const { columns, encoder } = this.state;
    const index = headerIndex(table, this.kind);
    const missing = columns.filter((column) => !index.has(column.name)).map((column) => column.name);
    if (missing.length > 0) throw new MlInputError(`${this.kind}: the table has no column ${quoteList(missing)}`);
    const naValues = new Set(this.params.naValues.map((value) => value.trim()));
    const nRows = table.rows.length;
    const cellsOf = (name: string) => {
      const k = index.get(name) as number;
      return table.rows.map((row) => normalizeCell(row[k], naValues));
    };
    const textMatrix = encoder?.transform(columns.filter((c) => c.kind === 'text').map((c) => cellsOf(c.name)));
    const widths = encoder?.columnFeatureNames.map((names) => names.length) ?? [];
    const output: Float64Array[] = [];
    let textColumn = 0;
    let textOffset = 0;
    for (const column of columns) {
      if (column.kind === 'numeric') {
        output.push(numericColumn(cellsOf(column.name), column.name, this.kind));
      } else {
        const width = widths[textColumn++] as number;
        for (let c = 0; c < width; c++) output.push((textMatrix as Matrix).column(textOffset + c));
        textOffset += width;
      }
    }
    return new Matrix(output, nRows);
  }

  fitTransform(table: Table): Matrix {
    return this.fit(table).transform(table);
  }

  get featureNames(): string[] {
    return [...this.state.featureNames];
  }

  /** Each kept column's name and inferred kind, in header order. */
  get columns(): { name: string; kind: ColumnKind }[] {
    return this.state.columns.map((column) => ({ ...column }));
  }

  protected stateToJSON(state: State): StateJSON {
    return { columns: state.columns, encoder: state.encoder?.toJSON() ?? null, featureNames: state.featureNames };
  }

  static fromJSON(json: unknown): TableEncoder {
    const { params } = checkEnvelope(json, 'TableEncoder');
    return new TableEncoder(params as TableEncoderParams).restore(json, (saved) => {
      const state = saved as StateJSON;
      return {
        columns: state.columns,
        encoder: state.encoder === null ? null : OneHotEncoder.fromJSON(state.encoder),
        featureNames: state.featureNames,
      };
    });
  }
}

function isNumericCell(cell: string | null): boolean {
  return cell === null || Number.isFinite(Number(cell));
}

function numericColumn(cells: (string | null)[], name: string, context: string): Float64Array {
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string | null;
    const value = cell === null ? Number.NaN : Number(cell);
    if (cell !== null && !Number.isFinite(value)) {
      throw new MlInputError(
        `${context}: column "${name}" was numeric in fit, but data row ${i + 1} holds "${cell}"; list it in naValues if it means missing`,
      );
    }
    out[i] = value;
  }
  return out;
}
