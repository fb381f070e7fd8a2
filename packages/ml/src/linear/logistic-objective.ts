/** Beyond this |Δmargin| the accurate loss-difference formula would overflow; the plain difference is exact enough. */
const LARGE_STEP = 30;

/** log(1 + e^t) without overflow. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** 1 / (1 + e^-t) without overflow. */
export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/**
 * scikit-learn's L2-penalised logistic objective f(β, b) = Σᵢ wᵢ·logloss(yᵢ, b + xᵢ·β) + ½‖β‖², with C and the class
 * weights already folded into w. Parameters form one vector [β₀ … βₚ₋₁, b] (b only with an intercept).
 *
 * It keeps the margins of the current parameters, so a line search costs O(n) per trial step rather than a full
 * pass over X: `setDirection` computes X·d once, and every trial only adds α·(X·d) to the margins.
 */
export class LogisticObjective {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly nParams: number;
  private readonly margins: Float64Array;
  private readonly directionMargins: Float64Array;
  /** σ(±margin): the probability of the wrong label at the line's start, for the accurate loss differences. */
  private readonly wrongProbability: Float64Array;
  /** Per-row residuals or curvatures: scratch for the gradient and the Hessian. */
  private readonly rowScratch: Float64Array;
  private betaDotDirection = 0;
  private directionNormSquared = 0;

  constructor(
    private readonly columns: readonly Float64Array[],
    private readonly labels: Uint8Array,
    private readonly weights: Float64Array,
    readonly fitIntercept: boolean,
  ) {
    this.nRows = labels.length;
    this.nFeatures = columns.length;
    this.nParams = this.nFeatures + (fitIntercept ? 1 : 0);
    this.margins = new Float64Array(this.nRows);
    this.directionMargins = new Float64Array(this.nRows);
    this.wrongProbability = new Float64Array(this.nRows);
    this.rowScratch = new Float64Array(this.nRows);
  }

  /** Makes `params` the current point: recomputes every margin. */
  setParams(params: Float64Array): void {
    linearPredictor(this.columns, params, this.fitIntercept, this.margins);
  }

  /** f at the current point. */
  value(params: Float64Array): number {
    let loss = 0;
    for (let i = 0; i < this.nRows; i++) {
      const z = this.margins[i] as number;
      loss += (this.weights[i] as number) * softplus(this.labels[i] ? -z : z);
    }
    let penalty = 0;
    for (let j = 0; j < this.nFeatures; j++) penalty += (params[j] as number) ** 2;
    return loss + 0.5 * penalty;
  }

  /** ∇f at the current point, into `out`. */
  gradient(params: Float64Array, out: Float64Array): Float64Array {
    const { nRows, margins, weights, labels } = this;
    const residual = this.rowScratch;
    let interceptGradient = 0;
    for (let i = 0; i < nRows; i++) {
      const r = (weights[i] as number) * (sigmoid(margins[i] as number) - (labels[i] as number));
      residual[i] = r;
      interceptGradient += r;
    }
    columnDots(this.columns, residual, out);
    for (let j = 0; j < this.nFeatures; j++) out[j] = (out[j] as number) + (params[j] as number);
    if (this.fitIntercept) out[this.nFeatures] = interceptGradient;
    return out;
  }

  /**
   * ∇²f at the current point, row-major nParams × nParams (lower triangle filled). Rows are processed in blocks so
   * the block of every column stays in cache while all pairs of columns are multiplied.
   */
  hessian(): Float64Array {
    const { nRows, nFeatures, nParams, margins, weights } = this;
    const hessian = new Float64Array(nParams * nParams);
    const curvature = this.rowScratch;
    for (let i = 0; i < nRows; i++) {
      const p = sigmoid(margins[i] as number);
      curvature[i] = (weights[i] as number) * p * (1 - p);
    }
    const block = 2048;
    const scaled = new Float64Array(block);
    for (let start = 0; start < nRows; start += block) {
      const end = Math.min(nRows, start + block);
      for (let j = 0; j < nFeatures; j++) {
        const xj = this.columns[j] as Float64Array;
        let interceptTerm = 0;
        for (let i = start; i < end; i++) {
          const t = (curvature[i] as number) * (xj[i] as number);
          scaled[i - start] = t;
          interceptTerm += t;
        }
        let k = 0;
        // Four columns per sweep: each load of the scaled column feeds four products.
        for (; k + 3 <= j; k += 4) {
          const x0 = this.columns[k] as Float64Array;
          const x1 = this.columns[k + 1] as Float64Array;
          const x2 = this.columns[k + 2] as Float64Array;
          const x3 = this.columns[k + 3] as Float64Array;
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let i = start; i < end; i++) {
            const t = scaled[i - start] as number;
            s0 += t * (x0[i] as number);
            s1 += t * (x1[i] as number);
            s2 += t * (x2[i] as number);
            s3 += t * (x3[i] as number);
          }
          const row = j * nParams + k;
          hessian[row] = (hessian[row] as number) + s0;
          hessian[row + 1] = (hessian[row + 1] as number) + s1;
          hessian[row + 2] = (hessian[row + 2] as number) + s2;
          hessian[row + 3] = (hessian[row + 3] as number) + s3;
        }
        for (; k <= j; k++) {
          const xk = this.columns[k] as Float64Array;
          let sum = 0;
          for (let i = start; i < end; i++) sum += (scaled[i - start] as number) * (xk[i] as number);
          hessian[j * nParams + k] = (hessian[j * nParams + k] as number) + sum;
        }
        if (this.fitIntercept) {
          hessian[nFeatures * nParams + j] = (hessian[nFeatures * nParams + j] as number) + interceptTerm;
        }
      }
    }
    for (let j = 0; j < nFeatures; j++) hessian[j * nParams + j] = (hessian[j * nParams + j] as number) + 1;
    if (this.fitIntercept) {
      let sum = 0;
      for (let i = 0; i < nRows; i++) sum += curvature[i] as number;
      hessian[nFeatures * nParams + nFeatures] = sum;
    }
    return hessian;
  }

  /** Prepares the line `params + α·direction` for `lineValueAndSlope`. */
  setDirection(params: Float64Array, direction: Float64Array): void {
    linearPredictor(this.columns, direction, this.fitIntercept, this.directionMargins);
    for (let i = 0; i < this.nRows; i++) {
      const z = this.margins[i] as number;
      this.wrongProbability[i] = sigmoid(this.labels[i] ? -z : z);
    }
    let betaDotDirection = 0;
    let directionNormSquared = 0;
    for (let j = 0; j < this.nFeatures; j++) {
      const d = direction[j] as number;
      betaDotDirection += (params[j] as number) * d;
      directionNormSquared += d * d;
    }
    this.betaDotDirection = betaDotDirection;
    this.directionNormSquared = directionNormSquared;
  }

  /**
   * out[0] = f(params + α·d) − f(params) and out[1] = its derivative in α. The difference is summed from per-row
   * differences log1p(σ(m)·expm1(Δm)), accurate even when it is 1e-16 of f: near the optimum a plain f(α) − f(0)
   * is all rounding and a line search could no longer see the decrease that tight coefficients need.
   */
  lineValueAndSlope(alpha: number, out: Float64Array): void {
    const { nRows, margins, directionMargins, wrongProbability, weights, labels } = this;
    let difference = 0;
    let slope = 0;
    for (let i = 0; i < nRows; i++) {
      const u = directionMargins[i] as number;
      const z = margins[i] as number;
      const w = weights[i] as number;
      const positive = labels[i] === 1;
      const step = positive ? -alpha * u : alpha * u;
      const delta =
        step > -LARGE_STEP && step < LARGE_STEP
          ? Math.log1p((wrongProbability[i] as number) * Math.expm1(step))
          : softplus(positive ? -(z + alpha * u) : z + alpha * u) - softplus(positive ? -z : z);
      difference += w * delta;
      slope += w * (sigmoid(z + alpha * u) - (labels[i] as number)) * u;
    }
    out[0] = difference + alpha * this.betaDotDirection + 0.5 * alpha * alpha * this.directionNormSquared;
    out[1] = slope + this.betaDotDirection + alpha * this.directionNormSquared;
  }

  /** Moves the current point to `params + α·d` (the caller updates `params`) without another pass over X. */
  moveAlong(alpha: number): void {
    for (let i = 0; i < this.nRows; i++) {
      this.margins[i] = (this.margins[i] as number) + alpha * (this.directionMargins[i] as number);
    }
  }

  /**
   * A diagonal change of variables that makes the problem well scaled for L-BFGS: features centred on their
   * weighted mean (decoupling them from the intercept) and each parameter divided by the square root of its
   * curvature at β = 0, where every row's logistic curvature is exactly ¼. The optimum is unchanged.
   */
  preconditioner(): { center: Float64Array; scale: Float64Array } {
    const { nRows, nFeatures, weights } = this;
    const center = new Float64Array(nFeatures);
    const scale = new Float64Array(this.nParams);
    let totalWeight = 0;
    for (let i = 0; i < nRows; i++) totalWeight += weights[i] as number;
    for (let j = 0; j < nFeatures; j++) {
      const column = this.columns[j] as Float64Array;
      let mean = 0;
      if (this.fitIntercept && totalWeight > 0) {
        for (let i = 0; i < nRows; i++) mean += (weights[i] as number) * (column[i] as number);
        mean /= totalWeight;
      }
      let spread = 0;
      for (let i = 0; i < nRows; i++) spread += (weights[i] as number) * ((column[i] as number) - mean) ** 2;
      center[j] = mean;
      scale[j] = 1 / Math.sqrt(0.25 * spread + 1);
    }
    if (this.fitIntercept) scale[nFeatures] = totalWeight > 0 ? 1 / Math.sqrt(0.25 * totalWeight) : 1;
    return { center, scale };
  }
}

/**
 * out[i] = b + Σⱼ βⱼ·xᵢⱼ. Four features per pass over the rows: column-major X would otherwise read and write the
 * whole output once per feature.
 */
export function linearPredictor(
  columns: readonly Float64Array[],
  params: Float64Array,
  fitIntercept: boolean,
  out: Float64Array,
): Float64Array {
  out.fill(fitIntercept ? (params[columns.length] as number) : 0);
  const n = out.length;
  let j = 0;
  for (; j + 4 <= columns.length; j += 4) {
    const x0 = columns[j] as Float64Array;
    const x1 = columns[j + 1] as Float64Array;
    const x2 = columns[j + 2] as Float64Array;
    const x3 = columns[j + 3] as Float64Array;
    const b0 = params[j] as number;
    const b1 = params[j + 1] as number;
    const b2 = params[j + 2] as number;
    const b3 = params[j + 3] as number;
    for (let i = 0; i < n; i++) {
      out[i] =
        (out[i] as number) +
        b0 * (x0[i] as number) +
        b1 * (x1[i] as number) +
        b2 * (x2[i] as number) +
        b3 * (x3[i] as number);
    }
  }
  for (; j < columns.length; j++) {
    const beta = params[j] as number;
    const column = columns[j] as Float64Array;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + beta * (column[i] as number);
  }
  return out;
}

/** out[j] = Σᵢ xᵢⱼ·vᵢ, four features per pass over v. */
function columnDots(columns: readonly Float64Array[], v: Float64Array, out: Float64Array): void {
  const n = v.length;
  let j = 0;
  for (; j + 4 <= columns.length; j += 4) {
    const x0 = columns[j] as Float64Array;
    const x1 = columns[j + 1] as Float64Array;
    const x2 = columns[j + 2] as Float64Array;
    const x3 = columns[j + 3] as Float64Array;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const r = v[i] as number;
      s0 += r * (x0[i] as number);
      s1 += r * (x1[i] as number);
      s2 += r * (x2[i] as number);
      s3 += r * (x3[i] as number);
    }
    out[j] = s0;
    out[j + 1] = s1;
    out[j + 2] = s2;
    out[j + 3] = s3;
  }
  for (; j < columns.length; j++) {
    const column = columns[j] as Float64Array;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (v[i] as number) * (column[i] as number);
    out[j] = sum;
  }
}
