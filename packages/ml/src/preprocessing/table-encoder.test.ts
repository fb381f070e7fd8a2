import { describe, expect, it } from 'vitest';
import { MlInputError, NotFittedError } from '../errors';
import { type Table, tableColumn } from './table';
import { TableEncoder } from './table-encoder';

const TABLE: Table = {
  header: ['Prospect ID', 'Lead Source', 'TotalVisits', 'City', 'Converted'],
  rows: [
    ['p1', 'Google', '5', 'Mumbai', '1'],
    ['p2', 'Direct', ' 2 ', 'Select', '0'],
    ['p3', 'Google', null, 'Pune', '1'],
    ['p4', null, '0', 'Mumbai', '0'],
    ['p5', 'Olark', '', 'Select', '1'],
    ['p6', 'Direct', 'Select', ' Pune ', '0'],
  ],
};

describe('TableEncoder', () => {
  const fitted = () =>
    new TableEncoder({ target: 'Converted', drop: ['Prospect ID'], naValues: ['Select'] }).fit(TABLE);

  it('infers numeric and text columns and expands text columns in place', () => {
    const encoder = fitted();
    expect(encoder.columns).toEqual([
      { name: 'Lead Source', kind: 'text' },
      { name: 'TotalVisits', kind: 'numeric' },
      { name: 'City', kind: 'text' },
    ]);
    expect(encoder.featureNames).toEqual([
      'Lead Source=Direct',
      'Lead Source=Google',
      'Lead Source=Olark',
      'Lead Source=<missing>',
      'TotalVisits',
      'City=Mumbai',
      'City=Pune',
      'City=<missing>',
    ]);
    const X = encoder.transform(TABLE);
    expect(X.nCols).toBe(8);
    expect(Array.from(X.column(4))).toEqual([5, 2, Number.NaN, 0, Number.NaN, Number.NaN]);
    expect(X.toRows()[1]).toEqual([1, 0, 0, 0, 2, 0, 0, 1]);
    expect(X.toRows()[5]).toEqual([1, 0, 0, 0, Number.NaN, 0, 1, 0]);
  });

  it('treats a column with any non-number as text', () => {
    const encoder = new TableEncoder().fit({ header: ['code'], rows: [['1'], ['2'], ['x3']] });
    expect(encoder.featureNames).toEqual(['code=1', 'code=2', 'code=x3']);
  });

  it('gives new rows the same features, whatever the column order, without the target, ignoring unseen text', () => {
    const encoder = fitted();
    const fresh: Table = {
      header: ['City', 'TotalVisits', 'Lead Source', 'Extra'],
      rows: [
        ['Delhi', '7', 'Google', 'whatever'],
        ['Pune', '1.5', 'Bing', 'x'],
      ],
    };
    expect(encoder.transform(fresh).toRows()).toEqual([
      [0, 1, 0, 0, 7, 0, 0, 0],
      [0, 0, 0, 0, 1.5, 0, 1, 0],
    ]);
  });

  it('names unknown target and drop columns, missing feature columns and bad numbers', () => {
    expect(() => new TableEncoder({ target: 'converted' }).fit(TABLE)).toThrow(MlInputError);
    expect(() => new TableEncoder({ target: 'converted' }).fit(TABLE)).toThrow(/"converted" \(target\)/);
    expect(() => new TableEncoder({ drop: ['Tags', 'Prospect ID'] }).fit(TABLE)).toThrow(/"Tags" \(drop\)/);
    const encoder = fitted();
    expect(() => encoder.transform({ header: ['Lead Source'], rows: [['Google']] })).toThrow(/"TotalVisits", "City"/);
    expect(() =>
      encoder.transform({ header: ['Lead Source', 'TotalVisits', 'City'], rows: [['Google', 'many', 'Pune']] }),
    ).toThrow(/TotalVisits.*data row 1.*"many"/);
    expect(() => encoder.transform({ header: ['Lead Source', 'TotalVisits', 'City'], rows: [['Google']] })).toThrow(
      /data row 1 has 1 cells/,
    );
    expect(() => new TableEncoder().fit({ header: ['a', 'a'], rows: [['1', '2']] })).toThrow(/"a" twice/);
    expect(() => new TableEncoder().transform(TABLE)).toThrow(NotFittedError);
  });

  it('refuses to one-hot encode an identifier-like text column unless maxCategories caps it', () => {
    const ids: Table = { header: ['id', 'y'], rows: Array.from({ length: 1200 }, (_, i) => [`lead-${i}`, '1']) };
    expect(() => new TableEncoder({ target: 'y' }).fit(ids)).toThrow(/"id" has 1200 distinct values.*drop it/);
    expect(new TableEncoder({ target: 'y', maxCategories: 10 }).fit(ids).featureNames).toHaveLength(10);
  });

  it('passes minFrequency to the one-hot encoding', () => {
    const encoder = new TableEncoder({
      target: 'Converted',
      drop: ['Prospect ID', 'City'],
      naValues: ['Select'],
      minFrequency: 2,
    }).fit(TABLE);
    expect(encoder.featureNames).toEqual([
      'Lead Source=Direct',
      'Lead Source=Google',
      'Lead Source=<infrequent>',
      'TotalVisits',
    ]);
  });

  it('round-trips through JSON', () => {
    const encoder = fitted();
    const restored = TableEncoder.fromJSON(JSON.parse(JSON.stringify(encoder.toJSON())));
    expect(restored.featureNames).toEqual(encoder.featureNames);
    expect(restored.transform(TABLE).toRows()).toEqual(encoder.transform(TABLE).toRows());
    const numericOnly = new TableEncoder({
      target: 'Converted',
      drop: ['Prospect ID', 'Lead Source', 'City'],
      naValues: ['Select'],
    }).fit(TABLE);
    expect(TableEncoder.fromJSON(JSON.parse(JSON.stringify(numericOnly.toJSON()))).featureNames).toEqual([
      'TotalVisits',
    ]);
  });
});

describe('tableColumn', () => {
  it('returns a column by name or names the one it cannot find', () => {
    expect(tableColumn(TABLE, 'Converted')).toEqual(['1', '0', '1', '0', '1', '0']);
    expect(() => tableColumn(TABLE, 'Nope')).toThrow(/"Nope".*"Prospect ID"/);
  });
});
