import type { RandomState } from '../random';

export type Split = { train: Int32Array; validation: Int32Array };

/**
 * Holds out `fraction` of the rows for early stopping (rounded up, like scikit-learn's train_test_split). With
 * `classes` (0/1 per row) each class is split on its own so both parts keep the base rate; a class with a single
 * row stays in training. Both parts are in ascending row order.
 */
export function validationSplit(nRows: number, fraction: number, random: RandomState, classes?: Float64Array): Split {
  const held = new Uint8Array(nRows);
  if (classes) {
    for (const label of [0, 1]) {
      const members: number[] = [];
      for (let i = 0; i < nRows; i++) if (classes[i] === label) members.push(i);
      holdOut(Int32Array.from(members), fraction, random, held);
    }
  } else {
    const all = new Int32Array(nRows);
    for (let i = 0; i < nRows; i++) all[i] = i;
    holdOut(all, fraction, random, held);
  }
  let nHeld = 0;
  for (let i = 0; i < nRows; i++) nHeld += held[i] as number;
  const train = new Int32Array(nRows - nHeld);
  const validation = new Int32Array(nHeld);
  let t = 0;
  let v = 0;
  for (let i = 0; i < nRows; i++) {
    if (held[i] === 1) validation[v++] = i;
    else train[t++] = i;
  }
  return { train, validation };
}

function holdOut(members: Int32Array, fraction: number, random: RandomState, held: Uint8Array): void {
  if (members.length < 2) return;
  const count = Math.min(members.length - 1, Math.ceil(fraction * members.length));
  random.shuffle(members);
  for (let k = 0; k < count; k++) held[members[k] as number] = 1;
}
