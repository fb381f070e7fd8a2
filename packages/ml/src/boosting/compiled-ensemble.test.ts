import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix';
import { RandomState } from '../random';
import { LEAF, type Tree, TreeBuilder } from '../tree/tree';
import { addEnsemblePrediction, compileEnsemble } from './compiled-ensemble';

/** A random tree over `nCols` features whose thresholds come from `pool`, children numbered in no particular order. */
function randomTree(random: RandomState, nCols: number, pool: readonly number[], depth: number): Tree {
  const builder = new TreeBuilder();
  const root = builder.addLeaf(random.normal(), 1);
  const open = [{ node: root, depth: 0 }];
  while (open.length > 0) {
    const { node, depth: d } = open.splice(random.int(open.length), 1)[0] as { node: number; depth: number };
    if (d >= depth || random.float() < 0.2) continue;
    // Right child first now and then, so children are not always side by side in node order.
    const first = builder.addLeaf(random.normal(), 1);
    if (random.float() < 0.3) builder.addLeaf(random.normal(), 1);
    const second = builder.addLeaf(random.normal(), 1);
    const swap = random.float() < 0.5;
    builder.split(node, {
      feature: random.int(nCols),
      threshold: pool[random.int(pool.length)] as number,
      missingLeft: random.float() < 0.5,
      gain: 1,
      left: swap ? second : first,
      right: swap ? first : second,
    });
    open.push({ node: first, depth: d + 1 }, { node: second, depth: d + 1 });
  }
  return builder.finish();
}

/** The reference: each tree walked on raw values, as Tree defines it. */
function walk(trees: readonly Tree[], X: Matrix): Float64Array {
  const out = new Float64Array(X.nRows);
  for (let i = 0; i < X.nRows; i++) {
    for (const tree of trees) {
      let node = 0;
      while (tree.feature[node] !== LEAF) {
        const x = (X.columns[tree.feature[node] as number] as Float64Array)[i] as number;
        const left = Number.isNaN(x) ? tree.missingLeft[node] === 1 : x <= (tree.threshold[node] as number);
        node = (left ? tree.left[node] : tree.right[node]) as number;
      }
      out[i] = (out[i] as number) + (tree.value[node] as number);
    }
  }
  return out;
}

describe('compiled ensemble', () => {
  it('predicts what walking each tree on raw values gives, bit for bit (NaN, ±0, ±∞, ties with thresholds)', () => {
    const random = new RandomState(1);
    const pool = [-2, -0.5, -0, 0, 0.25, 1, 3, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    const nCols = 7;
    const trees = Array.from({ length: 40 }, () => randomTree(random, nCols, pool, 1 + random.int(7)));
    const special = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, ...pool];
    const nRows = 300;
    const X = new Matrix(
      Array.from({ length: nCols }, () =>
        Float64Array.from({ length: nRows }, () =>
          random.float() < 0.4 ? (special[random.int(special.length)] as number) : 2 * random.normal(),
        ),
      ),
    );
    const out = new Float64Array(nRows);
    addEnsemblePrediction(compileEnsemble(trees), X, out);
    expect(Array.from(out)).toEqual(Array.from(walk(trees, X)));
  });

  it('gives the same bits with the helper worker predicting half the rows', () => {
    const random = new RandomState(2);
    const trees = Array.from({ length: 50 }, () => randomTree(random, 5, [-1, 0, 0.5, 2], 6));
    const nRows = 25_001;
    const X = new Matrix(
      Array.from({ length: 5 }, () =>
        Float64Array.from({ length: nRows }, () => (random.float() < 0.1 ? Number.NaN : random.normal())),
      ),
    );
    const compiled = compileEnsemble(trees);
    const one = new Float64Array(nRows);
    const two = new Float64Array(nRows);
    addEnsemblePrediction(compiled, X, one, 1);
    addEnsemblePrediction(compiled, X, two, 2);
    expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
    expect(Array.from(one)).toEqual(Array.from(walk(trees, X)));
  });

  it('handles an ensemble of lone leaves (no feature used)', () => {
    const builder = new TreeBuilder();
    builder.addLeaf(0.5, 1);
    const out = new Float64Array(3).fill(1);
    addEnsemblePrediction(compileEnsemble([builder.finish()]), new Matrix([new Float64Array(3)]), out);
    expect(Array.from(out)).toEqual([1.5, 1.5, 1.5]);
  });
});
