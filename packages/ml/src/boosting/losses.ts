/**
 * A differentiable loss in margin ("raw") space: what boosting needs to start (the best constant), to fit each tree
 * (per-row gradient and hessian) and to judge a round on held-out rows (the weighted mean loss).
 */
export type Loss = {
  initialRaw(y: Float64Array, weight: Float64Array): number;
  /**
   * Writes each row's weighted gradient and hessian of the loss at `raw` side by side, to out[2i] and out[2i + 1]:
   * histogram building reads both for rows scattered over memory, and this way they share a cache line.
   */
  gradients(y: Float64Array, raw: Float64Array, weight: Float64Array, out: Float64Array): void;
  meanLoss(y: Float64Array, raw: Float64Array, weight: Float64Array): number;
};

// Keeps the initial log-odds finite when a class has (almost) no weight, as scikit-learn clips with machine epsilon.
const EPSILON = 2.220446049250313e-16;

/** Binary log-loss on 0/1 targets; raw is the log-odds. */
export const logLoss: Loss = {
  initialRaw(y, weight) {
    let positive = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const w = weight[i] as number;
      positive += w * (y[i] as number);
      total += w;
    }
    const rate = Math.min(1 - EPSILON, Math.max(EPSILON, positive / total));
    return Math.log(rate / (1 - rate));
  },
  gradients(y, raw, weight, out) {
    for (let i = 0; i < y.length; i++) {
      const p = 1 / (1 + Math.exp(-(raw[i] as number)));
      const w = weight[i] as number;
      out[2 * i] = w * (p - (y[i] as number));
      out[2 * i + 1] = w * p * (1 - p);
    }
  },
  meanLoss(y, raw, weight) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const r = raw[i] as number;
      const w = weight[i] as number;
      // log(1 + e^r) − y·r, written to stay finite for large |r|.
      const softplus = r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r));
      sum += w * (softplus - (y[i] as number) * r);
      total += w;
    }
    return total > 0 ? sum / total : 0;
  },
};

/** Half the squared error; raw is the prediction itself. */
export const squaredError: Loss = {
  initialRaw(y, weight) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      sum += (weight[i] as number) * (y[i] as number);
      total += weight[i] as number;
    }
    return sum / total;
  },
  gradients(y, raw, weight, out) {
    for (let i = 0; i < y.length; i++) {
      const w = weight[i] as number;
      out[2 * i] = w * ((raw[i] as number) - (y[i] as number));
      out[2 * i + 1] = w;
    }
  },
  meanLoss(y, raw, weight) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const residual = (raw[i] as number) - (y[i] as number);
      sum += (weight[i] as number) * 0.5 * residual * residual;
      total += weight[i] as number;
    }
    return total > 0 ? sum / total : 0;
  },
};
