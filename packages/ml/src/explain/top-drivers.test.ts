import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../linear';
import { Matrix } from '../matrix';
import { topDrivers } from './top-drivers';

describe('topDrivers', () => {
  it('orders contributions by size and says which way each pushes', () => {
    const values = Matrix.fromRows([[0.2, -0.9, 0, 0.5]]);
    expect(topDrivers(values, ['a', 'b', 'c', 'd'], 0, 2)).toEqual([
      { feature: 'b', contribution: -0.9, direction: 'lowers' },
      { feature: 'd', contribution: 0.5, direction: 'raises' },
    ]);
    expect(topDrivers(values, ['a', 'b', 'c', 'd'], 0).map((driver) => driver.feature)).toEqual(['b', 'd', 'a']);
  });

  it('names the feature a fitted model relies on first', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [Math.sin(i) * 3, (i % 7) / 7]);
    const labels = rows.map(([strong]) => ((strong as number) > 0 ? 1 : 0));
    const model = new LogisticRegression().fit(rows, labels);
    const { values } = model.contributions([[2.5, 0.5]]);
    expect(topDrivers(values, ['engagement', 'noise'], 0)[0]).toMatchObject({
      feature: 'engagement',
      direction: 'raises',
    });
  });

  it('refuses names that do not match the columns', () => {
    expect(() => topDrivers(Matrix.fromRows([[1, 2]]), ['only one'], 0)).toThrow(/1 feature names for 2/);
  });
});
