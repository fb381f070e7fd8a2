import { MlInputError } from '../errors';
import { quoteList } from './table';

const TRUTHY = new Set(['true', 'yes', 'y', 't']);
const FALSY = new Set(['false', 'no', 'n', 'f']);
const SHOWN_VALUES = 10;

/**
 * A binary target column as 0/1. With `positive`, that value (trimmed) is 1 and every other value 0. Without it the
 * column must hold exactly two distinct values: two numbers (the larger is positive, so 0/1 stays 0/1) or a
 * true/false, yes/no, y/n or t/f pair in any case (the "truthy" one is positive). A missing value (null or blank) is
 * an error naming its data row (1-based), since a row without a label cannot be learned from.
 */
export function encodeTarget(values: readonly (string | null)[], positive?: string): Float64Array {
  const cells = values.map((value, i) => {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') throw new MlInputError(`the target is missing in data row ${i + 1}`);
    return trimmed;
  });
  const distinct = [...new Set(cells)];
  if (positive !== undefined) {
    const wanted = positive.trim();
    if (!distinct.includes(wanted)) {
      throw new MlInputError(
        `the positive class "${wanted}" never occurs in the target; it holds ${describe(distinct)}`,
      );
    }
    return Float64Array.from(cells, (cell) => (cell === wanted ? 1 : 0));
  }
  if (distinct.every((cell) => Number.isFinite(Number(cell)))) {
    const numbers = [...new Set(distinct.map(Number))];
    if (numbers.length === 2) {
      const larger = Math.max(...numbers);
      return Float64Array.from(cells, (cell) => (Number(cell) === larger ? 1 : 0));
    }
  } else if (distinct.length === 2) {
    const [first, second] = distinct.map((cell) => cell.toLowerCase()) as [string, string];
    const positiveIndex =
      TRUTHY.has(first) && FALSY.has(second) ? 0 : FALSY.has(first) && TRUTHY.has(second) ? 1 : undefined;
    if (positiveIndex !== undefined) {
      const truthy = distinct[positiveIndex];
      return Float64Array.from(cells, (cell) => (cell === truthy ? 1 : 0));
    }
    throw new MlInputError(`the target holds ${describe(distinct)}; name the positive class (which of them is 1)`);
  }
  throw new MlInputError(`the target must have exactly two distinct values, but it holds ${describe(distinct)}`);
}

function describe(distinct: readonly string[]): string {
  const shown = quoteList(distinct.slice(0, SHOWN_VALUES));
  const more = distinct.length > SHOWN_VALUES ? ` and ${distinct.length - SHOWN_VALUES} more` : '';
  return `${distinct.length} distinct value${distinct.length === 1 ? '' : 's'}: ${shown}${more}`;
}
