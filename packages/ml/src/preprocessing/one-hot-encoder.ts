import { z } from 'zod';
import { MlInputError } from '../errors';
import { Estimator } from '../estimator';
import { Matrix } from '../matrix';
import { checkEnvelope } from '../serialization';

/** Categorical data column by column: one array of values per column; null or '' is a missing value. */
export type CategoricalColumns = readonly (readonly (string | null)[])[];

const paramsSchema = z.strictObject({
  handleUnknown: z.enum(['error', 'ignore']),
  minFrequency: z
    .number()
    .positive()
    .refine((value) => Number.isInteger(value) || value < 1, 'must be a count (integer >= 1) or a fraction in (0, 1)')
    .nullable(),
  maxCategories: z.number().int().min(2).nullable(),
  missing: z.enum(['category', 'zeros']),
});

export type OneHotEncoderParams = {
  /** 'error': an unseen category in transform throws. 'ignore': its row gets all zeros for that column. */
  handleUnknown: 'error' | 'ignore';
  /** Categories seen fewer times than this (a count, or a fraction of the rows) share one "infrequent" column. */
  minFrequency: number | null;
  /** At most this many output columns per input column, the rarest categories grouped as infrequent. */
  maxCategories: number | null;
  /** 'category': missing is a category of its own (its column is `name=<missing>`). 'zeros': all zeros. */
  missing: 'category' | 'zeros';
};

/** One input column's categories: `categories` get a column each, in this order; `infrequent` share the last. */
export type EncodedColumn = { name: string; categories: (string | null)[]; infrequent: (string | null)[] };

type State = { columns: EncodedColumn[] };

export const MISSING_LABEL = '<missing>';
export const INFREQUENT_LABEL = '<infrequent>';

/**
 * One 0/1 column per category of each text column, as scikit-learn's OneHotEncoder: categories sorted (missing
 * last), rare ones optionally grouped into an "infrequent" column placed after the others, unknown categories
 * rejected or encoded as all zeros. Output feature names read `column=category`.
 */
export class OneHotEncoder extends Estimator<OneHotEncoderParams, State> {
  readonly kind = 'OneHotEncoder';

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    super(paramsSchema, params, {
      handleUnknown: 'error',
      minFrequency: null,
      maxCategories: null,
      missing: 'category',
    });
  }

  /** `names` label the columns in feature names; they default to x0, x1, … */
  fit(columns: CategoricalColumns, { names }: { names?: readonly string[] } = {}): this {
    const params = this.validatedParams();
    const nRows = checkColumns(columns, this.kind, undefined);
    if (names && names.length !== columns.length) {
      throw new MlInputError(`${this.kind}: got ${names.length} names for ${columns.length} columns`);
    }
    this.fitted = {
      columns: columns.map((values, k) => {
        const counts = new Map<string | null, number>();
        for (const value of values) {
          const key = categoryOf(value);
          if (key === null && params.missing === 'zeros') continue;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        const sorted = [...counts.keys()].sort(compareCategories);
        const infrequent = infrequentCategories(sorted, counts, nRows, params);
        return {
          name: names?.[k] ?? `x${k}`,
          categories: sorted.filter((category) => !infrequent.has(category)),
          infrequent: sorted.filter((category) => infrequent.has(category)),
        };
      }),
    };
    return this;
  }

  transform(columns: CategoricalColumns): Matrix {
    const encoded = this.state.columns;
    const nRows = checkColumns(columns, this.kind, encoded.length);
    const output: Float64Array[] = [];
    encoded.forEach((column, k) => {
      const width = column.categories.length + (column.infrequent.length > 0 ? 1 : 0);
      const block = Array.from({ length: width }, () => new Float64Array(nRows));
      const position = new Map<string | null, number>(column.categories.map((category, c) => [category, c]));
      for (const category of column.infrequent) position.set(category, column.categories.length);
      const values = columns[k] as readonly (string | null)[];
      for (let i = 0; i < nRows; i++) {
        const key = categoryOf(values[i] ?? null);
        const c = position.get(key);
        if (c !== undefined) {
          (block[c] as Float64Array)[i] = 1;
        } else if (key !== null || this.params.missing === 'category') {
          if (this.params.handleUnknown === 'error') {
            const shown = key === null ? 'a missing value' : `"${key}"`;
            throw new MlInputError(
              `${this.kind}: column "${column.name}" has ${shown} at index ${i}, unseen in fit; use handleUnknown: 'ignore'`,
            );
          }
        }
      }
      output.push(...block);
    });
    return new Matrix(output, nRows);
  }

  fitTransform(columns: CategoricalColumns, options: { names?: readonly string[] } = {}): Matrix {
    return this.fit(columns, options).transform(columns);
  }

  /** The learned categories of every input column (a copy). */
  get categories(): EncodedColumn[] {
    return structuredClone(this.state.columns);
  }

  /** Output column names grouped by input column: `name=category`, `name=<missing>`, `name=<infrequent>`. */
  get columnFeatureNames(): string[][] {
    return this.state.columns.map(({ name, categories, infrequent }) => [
      ...categories.map((category) => `${name}=${category ?? MISSING_LABEL}`),
      ...(infrequent.length > 0 ? [`${name}=${INFREQUENT_LABEL}`] : []),
    ]);
  }

  get featureNames(): string[] {
    return this.columnFeatureNames.flat();
  }

  protected stateToJSON(state: State): State {
    return state;
  }

  static fromJSON(json: unknown): OneHotEncoder {
    const { params } = checkEnvelope(json, 'OneHotEncoder');
    return new OneHotEncoder(params as OneHotEncoderParams).restore(json, (state) => state as State);
  }
}

function categoryOf(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

/** Code-unit order with missing last, as numpy sorts strings and scikit-learn places None. */
function compareCategories(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * scikit-learn's rule: a category is infrequent below `minFrequency`; then, if the frequent ones plus the
 * infrequent column would exceed `maxCategories`, the least frequent are added (ties: earliest in sorted order) so
 * that maxCategories − 1 frequent categories remain.
 */
function infrequentCategories(
  sorted: (string | null)[],
  counts: Map<string | null, number>,
  nRows: number,
  { minFrequency, maxCategories }: OneHotEncoderParams,
): Set<string | null> {
  const infrequent = new Set<string | null>();
  if (minFrequency !== null) {
    const threshold = Number.isInteger(minFrequency) ? minFrequency : minFrequency * nRows;
    for (const category of sorted) if ((counts.get(category) as number) < threshold) infrequent.add(category);
  }
  if (maxCategories !== null && sorted.length - infrequent.size + 1 > maxCategories) {
    const byCount = sorted
      .map((category, order) => ({ category, order, count: counts.get(category) as number }))
      .sort((a, b) => a.count - b.count || a.order - b.order);
    for (const { category } of byCount.slice(0, sorted.length - maxCategories + 1)) infrequent.add(category);
  }
  return infrequent;
}

function checkColumns(columns: CategoricalColumns, context: string, expected: number | undefined): number {
  if (columns.length === 0) throw new MlInputError(`${context}: no columns to encode`);
  if (expected !== undefined && columns.length !== expected) {
    throw new MlInputError(`${context}: got ${columns.length} columns, but the encoder was fitted with ${expected}`);
  }
  const nRows = (columns[0] as readonly (string | null)[]).length;
  columns.forEach((column, k) => {
    if (column.length !== nRows)
      throw new MlInputError(`${context}: column ${k} has ${column.length} rows, expected ${nRows}`);
  });
  return nRows;
}
