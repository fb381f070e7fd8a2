import { ParameterError } from '../errors';

/** scikit-learn's class_weight: none, inversely proportional to class frequency, or one weight per class label. */
export type ClassWeight = null | 'balanced' | Readonly<Record<string, number>>;

/**
 * The weight of each encoded class [classes[0], classes[1]]. 'balanced' is n / (2·count) over the rows, ignoring
 * sample weights, exactly as scikit-learn computes it; a dictionary is keyed by the label as written (`'1'`,
 * `'-2'`, `'0.5'`), and a class it leaves out keeps weight 1.
 */
export function resolveClassWeight(
  classWeight: ClassWeight,
  classes: readonly [number, number],
  encoded: Uint8Array,
  context: string,
): [number, number] {
  if (classWeight === null) return [1, 1];
  if (classWeight === 'balanced') {
    let positives = 0;
    for (let i = 0; i < encoded.length; i++) positives += encoded[i] as number;
    const n = encoded.length;
    return [n / (2 * (n - positives)), n / (2 * positives)];
  }
  const weights: [number, number] = [1, 1];
  for (const [label, weight] of Object.entries(classWeight)) {
    const index = classes.indexOf(Number(label));
    if (label.trim() === '' || index < 0) {
      throw new ParameterError(
        `${context}: classWeight names class ${label}, but the labels are ${classes.join(' and ')}`,
      );
    }
    weights[index] = weight;
  }
  return weights;
}
