import { SLOT_WIDTH } from './histogram';
import type { PackedBins } from './packed-bins';

export type SplitConstraints = {
  minSamplesLeaf: number;
  minChildWeight: number;
  minGainToSplit: number;
  l2Regularization: number;
};

/** The best split of a node: rows of packed feature `feature` with bin <= `bin` go left. */
export type SplitCandidate = {
  /** ½·[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]. */
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
  leftGradient: number;
  leftHessian: number;
  leftCount: number;
};

/**
 * Scans every packed feature's histogram for the split with the largest gain that leaves each child at least
 * `minSamplesLeaf` rows and `minChildWeight` hessian. With missing values in the node both directions are tried —
 * missing right (including "all values left, missing right") then missing left — and the better one is learned;
 * without, missing values are sent where the hessian is larger, as scikit-learn does. Null when no split gains more
 * than `minGainToSplit`.
 */
export function findBestSplit(
  histogram: Float64Array,
  packed: PackedBins,
  sumGradient: number,
  sumHessian: number,
  count: number,
  { minSamplesLeaf, minChildWeight, minGainToSplit, l2Regularization: lambda }: SplitConstraints,
): SplitCandidate | null {
  const parentScore = (sumGradient * sumGradient) / (sumHessian + lambda);
  let bestScore = parentScore + 2 * minGainToSplit;
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissingLeft = false;
  let bestG = 0;
  let bestH = 0;
  let bestC = 0;
  for (let f = 0; f < packed.features.length; f++) {
    const first = (packed.slot[f] as number) * SLOT_WIDTH;
    const nBins = packed.nBins[f] as number;
    const missing = first + nBins * SLOT_WIDTH;
    const missingG = histogram[missing] as number;
    const missingH = histogram[missing + 1] as number;
    const missingC = histogram[missing + 2] as number;
    const hasMissing = missingC > 0;

    // Missing values right: the left child is bins 0..b.
    let gl = 0;
    let hl = 0;
    let cl = 0;
    const lastRight = hasMissing ? nBins : nBins - 1;
    for (let b = 0; b < lastRight; b++) {
      const at = first + b * SLOT_WIDTH;
      gl += histogram[at] as number;
      hl += histogram[at + 1] as number;
      cl += histogram[at + 2] as number;
      if (cl < minSamplesLeaf || hl < minChildWeight) continue;
      const cr = count - cl;
      const hr = sumHessian - hl;
      if (cr < minSamplesLeaf || hr < minChildWeight) break;
      const gr = sumGradient - gl;
      const score = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda);
      if (score > bestScore) {
        bestScore = score;
        bestFeature = f;
        bestBin = b;
        bestMissingLeft = !hasMissing && hl >= hr;
        bestG = gl;
        bestH = hl;
        bestC = cl;
      }
    }
    if (!hasMissing) continue;

    // Missing values left: the left child is the missing bin plus bins 0..b.
    gl = missingG;
    hl = missingH;
    cl = missingC;
    for (let b = 0; b < nBins - 1; b++) {
      const at = first + b * SLOT_WIDTH;
      gl += histogram[at] as number;
      hl += histogram[at + 1] as number;
      cl += histogram[at + 2] as number;
      if (cl < minSamplesLeaf || hl < minChildWeight) continue;
      const cr = count - cl;
      const hr = sumHessian - hl;
      if (cr < minSamplesLeaf || hr < minChildWeight) break;
      const gr = sumGradient - gl;
      const score = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda);
      if (score > bestScore) {
        bestScore = score;
        bestFeature = f;
        bestBin = b;
        bestMissingLeft = true;
        bestG = gl;
        bestH = hl;
        bestC = cl;
      }
    }
  }
  if (bestFeature < 0) return null;
  const gain = 0.5 * (bestScore - parentScore);
  if (!(gain > minGainToSplit)) return null;
  return {
    gain,
    feature: bestFeature,
    bin: bestBin,
    missingLeft: bestMissingLeft,
    leftGradient: bestG,
    leftHessian: bestH,
    leftCount: bestC,
  };
}
