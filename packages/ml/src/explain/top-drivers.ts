import { MlInputError } from '../errors';
import type { Matrix } from '../matrix';

export type Driver = { feature: string; contribution: number; direction: 'raises' | 'lowers' };

/**
 * The `k` features that moved row `i`'s prediction most, from any additive explanation (TreeSHAP, linear
 * contributions): largest |contribution| first, zero contributions left out.
 */
export function topDrivers(values: Matrix, featureNames: readonly string[], i: number, k = 5): Driver[] {
  if (featureNames.length !== values.nCols) {
    throw new MlInputError(`${featureNames.length} feature names for ${values.nCols} contribution columns`);
  }
  const drivers: Driver[] = [];
  for (let j = 0; j < values.nCols; j++) {
    const contribution = values.get(i, j);
    if (contribution !== 0) {
      drivers.push({
        feature: featureNames[j] as string,
        contribution,
        direction: contribution > 0 ? 'raises' : 'lowers',
      });
    }
  }
  return drivers.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, k);
}
