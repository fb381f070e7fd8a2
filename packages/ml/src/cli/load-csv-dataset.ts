import type { Matrix } from '../matrix';
import { encodeTarget, TableEncoder } from '../preprocessing';
import { tableColumn } from '../preprocessing/table';
import { readCsvTable } from './read-csv-table';

export type CsvDatasetOptions = {
  target: string;
  positive?: string;
  separator?: string;
  drop?: string[];
  /** Placeholders read as missing in every column, e.g. "Select". */
  naValues?: string[];
};

export type CsvDataset = { X: Matrix; y: Float64Array; featureNames: readonly string[] };

/**
 * A CSV file as a model matrix: numeric columns as numbers, text columns one-hot encoded, empty cells and the
 * `naValues` placeholders missing (NaN), and the target as 0/1. The one-hot vocabulary is learned from the whole
 * file — it carries no label information, so cross-validation stays honest.
 */
export async function loadCsvDataset(path: string, options: CsvDatasetOptions): Promise<CsvDataset> {
  const table = await readCsvTable(path, { separator: options.separator });
  const encoder = new TableEncoder({
    target: options.target,
    drop: options.drop ?? [],
    naValues: options.naValues ?? [],
  });
  const X = encoder.fitTransform(table);
  const y = encodeTarget(tableColumn(table, options.target), options.positive);
  return { X, y, featureNames: encoder.featureNames };
}
