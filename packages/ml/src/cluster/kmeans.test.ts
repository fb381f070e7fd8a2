import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MlInputError } from '../errors';
import { Matrix } from '../matrix';
import { RandomState } from '../random';
import { describeEstimatorContract } from '../testing/estimator-contract';
import { KMeans } from './kmeans';

describeEstimatorContract('KMeans', {
  type: 'clusterer',
  create: (params) => new KMeans(params),
  fromJSON: (json) => KMeans.fromJSON(json),
  invalidParams: { nClusters: 0 },
  handlesMissing: false,
});

/** MINSTD: Python reproduces this stream to the bit, so scikit-learn ran on the very same rows. */
function* minstd(seed: number) {
  let state = seed;
  for (;;) {
    state = (48_271 * state) % 2_147_483_647;
    yield state / 2_147_483_647;
  }
}

/**
 * 600 rows in 4 dimensions around 5 overlapping centres, noise = 2 × (sum of 3 uniforms − 1.5). The Python twin:
 *   u = minstd(12345); rows = [[c[j] + 2 * (next(u) + next(u) + next(u) - 1.5) for j in range(4)]
 *                               for i in range(600) for c in [centres[i % 5]]]
 */
function overlappingBlobs(): number[][] {
  const stream = minstd(12_345);
  const next = () => stream.next().value as number;
  const centres = [
    [0, 0, 0, 0],
    [3, 1, 0, 2],
    [1, 4, 2, 0],
    [-2, 2, 3, 1],
    [2, -2, 1, 3],
  ];
  return Array.from({ length: 600 }, (_, i) =>
    (centres[i % 5] as number[]).map((c) => c + 2 * (next() + next() + next() - 1.5)),
  );
}

function separatedBlobs(random: RandomState, perCluster: number, centres: number[][]) {
  const rows: number[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < perCluster * centres.length; i++) {
    const c = i % centres.length;
    rows.push((centres[c] as number[]).map((v) => v + 0.3 * random.normal()));
    truth.push(c);
  }
  return { rows, truth };
}

/** Whether two labelings are the same partition, up to renaming the clusters. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if ((forward.get(x) ?? y) !== y || (backward.get(y) ?? x) !== x) return false;
    forward.set(x, y);
    backward.set(y, x);
  }
  return true;
}

describe('KMeans', () => {
  it('recovers well-separated blobs exactly, with centres at their means', () => {
    const centres = [
      [0, 0, 0],
      [10, 0, 5],
      [0, 10, -5],
      [-10, -10, 0],
    ];
    const { rows, truth } = separatedBlobs(new RandomState(3), 50, centres);
    const model = new KMeans({ nClusters: 4 }).fit(rows);
    expect(samePartition(model.labels, truth)).toBe(true);
    expect(Array.from(model.predict(rows))).toEqual(Array.from(model.labels));
    const learned = model.clusterCenters.toRows();
    for (const centre of centres) {
      const nearest = Math.min(...learned.map((c) => Math.hypot(...c.map((v, j) => v - (centre[j] as number)))));
      expect(nearest).toBeLessThan(0.15);
    }
  });

  it.each([
    // scikit-learn 1.2.1: KMeans(n_clusters=k, init=init, n_init=10, random_state=0).fit(X).inertia_
    [4, 'k-means++', 3092.0767146366666],
    [4, 'random', 3092.0767146366666],
    [6, 'k-means++', 2154.3115180979457],
    [6, 'random', 2153.014048536633],
  ] as const)('reaches an inertia within 1%% of scikit-learn on overlapping blobs (k=%i, %s)', (k, init, reference) => {
    const X = overlappingBlobs();
    const model = new KMeans({ nClusters: k, init }).fit(X);
    expect(Math.abs(model.inertia - reference) / reference).toBeLessThan(0.01);
    // Lloyd's fixed point: the inertia reported is the one of the labels and centres reported.
    const centres = model.clusterCenters.toRows();
    const recomputed = X.reduce((sum, row, i) => {
      const centre = centres[model.labels[i] as number] as number[];
      return sum + row.reduce((s, v, j) => s + (v - (centre[j] as number)) ** 2, 0);
    }, 0);
    expect(model.inertia).toBeCloseTo(recomputed, 8);
  });

  it('keeps the best of nInit runs', () => {
    const X = overlappingBlobs();
    const single = [0, 1, 2, 3, 4].map((seed) => new KMeans({ nClusters: 6, nInit: 1, randomState: seed }).fit(X));
    const many = new KMeans({ nClusters: 6, nInit: 20 }).fit(X);
    expect(many.inertia).toBeLessThanOrEqual(Math.max(...single.map((model) => model.inertia)));
  });

  it('transform gives the Euclidean distance to each centre, nearest at the predicted label', () => {
    const model = new KMeans({ nClusters: 2, nInit: 1 }).fit([
      [0, 0],
      [0, 2],
      [10, 0],
      [10, 2],
    ]);
    const distances = model.transform([
      [0, 1],
      [3, 5],
    ]);
    const centres = model.clusterCenters.toRows();
    const near = centres.findIndex((c) => c[0] === 0);
    expect(centres[near]).toEqual([0, 1]);
    expect(distances.get(0, near)).toBe(0);
    expect(distances.get(0, 1 - near)).toBe(10);
    expect(distances.get(1, near)).toBe(5);
    expect(
      Array.from(
        model.predict([
          [0, 1],
          [3, 5],
          [9, -1],
        ]),
      ),
    ).toEqual([near, near, 1 - near]);
  });

  it('stops at maxIter and still reports labels that match the final centres', () => {
    const X = overlappingBlobs();
    const model = new KMeans({ nClusters: 6, nInit: 1, maxIter: 1 }).fit(X);
    expect(model.nIter).toBe(1);
    expect(Array.from(model.predict(X))).toEqual(Array.from(model.labels));
  });

  it('refuses fewer rows than clusters', () => {
    expect(() => new KMeans({ nClusters: 3 }).fit([[1], [2]])).toThrow(MlInputError);
  });

  it('assigns every row to its nearest centre (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 3,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 3 }),
        (rows, k) => {
          const model = new KMeans({ nClusters: k, nInit: 2 }).fit(rows);
          const X = Matrix.fromRows(rows);
          const labels = model.predict(X);
          expect(labels.every((label) => label >= 0 && label < k)).toBe(true);
          // Each row's assigned centre is its nearest one.
          const distances = model.transform(X);
          for (let i = 0; i < X.nRows; i++) {
            for (let c = 0; c < k; c++) {
              expect(distances.get(i, labels[i] as number)).toBeLessThanOrEqual(distances.get(i, c));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
