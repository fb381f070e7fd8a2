import { z } from 'zod';
import { MlInputError } from '../errors';
import {
  binaryProba,
  type Classifier,
  checkFeatures,
  checkSampleWeight,
  Estimator,
  encodeBinaryLabels,
  type FitOptions,
  labelsFromProbability,
} from '../estimator';
import type { Matrix, MatrixLike } from '../matrix';
import { checkEnvelope, type EstimatorJSON } from '../serialization';

const paramsSchema = z
  .strictObject({
    /** What each member is, for `getParams()`: its name, `kind` and hyper-parameters. */
    members: z
      .array(z.strictObject({ name: z.string().min(1), kind: z.string(), params: z.record(z.string(), z.unknown()) }))
      .min(1),
    /** One non-negative weight per member (not all 0); null weighs members equally. */
    weights: z.array(z.number().min(0)).nullable(),
    /** Accepted for the shared estimator contract; members keep their own seeds. */
    randomState: z.number().int(),
  })
  .superRefine(({ members, weights }, context) => {
    const names = new Set(members.map((member) => member.name));
    if (names.size !== members.length) {
      context.addIssue({ code: 'custom', path: ['members'], message: 'need distinct names' });
    }
    if (weights === null) return;
    if (weights.length !== members.length) {
      context.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `has ${weights.length} values for ${members.length} members`,
      });
    } else if (!weights.some((w) => w > 0)) {
      context.addIssue({ code: 'custom', path: ['weights'], message: 'must not all be 0' });
    }
  });

export type VotingEnsembleParams = z.infer<typeof paramsSchema>;

export type VotingMember = { name: string; estimator: Classifier };

export type VotingEnsembleOptions = { members: VotingMember[]; weights?: number[] | null; randomState?: number };

/** Per-row summary of how the members' positive-class probabilities agree; every value is in [0, 1]. */
export type VotingSpread = { mean: Float64Array; std: Float64Array; lower: Float64Array; upper: Float64Array };

/** Rebuilds a member from its `kind` and hyper-parameters (the integrator's registry of estimators). */
export type MemberFactory = (kind: string, params: Record<string, unknown>) => Classifier;

/** Restores a member from its own `toJSON()` (the integrator's registry of `fromJSON` functions). */
export type MemberLoader = (json: EstimatorJSON) => Classifier;

type State = { classes: [number, number]; nFeatures: number };

type StateJSON = State & { members: EstimatorJSON[] };

/** The normal 97.5 % quantile: lower/upper bound a 95 % interval. */
const Z_95 = 1.959963984540054;

/**
 * Soft voting over binary classifiers built beforehand (scikit-learn's VotingClassifier with voting='soft'):
 * `fit` fits every member, in place, on the same data, and the positive-class probability is the weighted mean of
 * the members'. `predictWithSpread` also reports how much the members disagree.
 */
export class VotingEnsemble extends Estimator<VotingEnsembleParams, State> implements Classifier {
  readonly kind = 'VotingEnsemble';
  private readonly memberList: readonly VotingMember[];

  constructor({ members, weights = null, randomState = 0 }: VotingEnsembleOptions) {
    const params: VotingEnsembleParams = {
      members: members.map(({ name, estimator }) => ({
        name,
        kind: estimator.kind,
        params: estimator.getParams() as Record<string, unknown>,
      })),
      weights: weights === null ? null : [...weights],
      randomState,
    };
    super(paramsSchema, params, params);
    this.memberList = members.map((member) => ({ ...member }));
  }

  /** Builds an unfitted ensemble from `getParams()`, creating each member with `createMember`. */
  static fromParams(params: VotingEnsembleParams, createMember: MemberFactory): VotingEnsemble {
    return new VotingEnsemble({
      members: params.members.map(({ name, kind, params: memberParams }) => ({
        name,
        estimator: createMember(kind, memberParams),
      })),
      weights: params.weights,
      randomState: params.randomState,
    });
  }

  get members(): readonly VotingMember[] {
    return this.memberList;
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.validatedParams();
    const matrix = checkFeatures(X, this.kind);
    const { classes } = encodeBinaryLabels(y, matrix.nRows, this.kind);
    checkSampleWeight(options.sampleWeight, matrix.nRows, this.kind);
    for (const { estimator } of this.memberList) estimator.fit(matrix, y, options);
    this.fitted = { classes, nFeatures: matrix.nCols };
    return this;
  }

  /** Rows are [P(classes[0]), P(classes[1])], P(classes[1]) being the weighted mean of the members'. */
  predictProba(X: MatrixLike): Matrix {
    return binaryProba(this.predictWithSpread(X).mean);
  }

  predict(X: MatrixLike): Float64Array {
    return labelsFromProbability(this.predictProba(X).column(1), this.state.classes);
  }

  /**
   * The members' positive-class probabilities p_m summarised per row, with w_m the normalised weights (Σ w_m = 1):
   * - mean = Σ w_m p_m (what `predictProba` returns);
   * - std = √(Σ w_m (p_m − mean)²), the weighted population standard deviation across members;
   * - lower, upper = clamp(mean ∓ 1.96 · std / √m_eff, 0, 1), with m_eff = 1 / Σ w_m² the effective number of
   *   members (m when weights are equal): a normal 95 % interval for the mean, treating the members as a sample of
   *   plausible models. It is shown as the "model disagreement" band; it says nothing about calibration error.
   */
  predictWithSpread(X: MatrixLike): VotingSpread {
    const { nFeatures } = this.state;
    const matrix = checkFeatures(X, this.kind, nFeatures);
    const weights = this.normalisedWeights();
    const probabilities = this.memberList.map(({ estimator }) => estimator.predictProba(matrix).column(1));
    const n = matrix.nRows;
    const mean = new Float64Array(n);
    const std = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    let sumOfSquaredWeights = 0;
    for (const w of weights) sumOfSquaredWeights += w * w;
    const halfWidthPerStd = Z_95 * Math.sqrt(sumOfSquaredWeights);
    for (let m = 0; m < probabilities.length; m++) {
      const p = probabilities[m] as Float64Array;
      const w = weights[m] as number;
      for (let i = 0; i < n; i++) mean[i] = (mean[i] as number) + w * (p[i] as number);
    }
    for (let m = 0; m < probabilities.length; m++) {
      const p = probabilities[m] as Float64Array;
      const w = weights[m] as number;
      for (let i = 0; i < n; i++) std[i] = (std[i] as number) + w * ((p[i] as number) - (mean[i] as number)) ** 2;
    }
    for (let i = 0; i < n; i++) {
      // Rounding can push a mean of probabilities a hair outside [0, 1].
      const centre = clamp(mean[i] as number);
      const spread = Math.sqrt(std[i] as number);
      mean[i] = centre;
      std[i] = spread;
      lower[i] = clamp(centre - halfWidthPerStd * spread);
      upper[i] = clamp(centre + halfWidthPerStd * spread);
    }
    return { mean, std, lower, upper };
  }

  private normalisedWeights(): Float64Array {
    const { weights } = this.params;
    const raw = weights ? Float64Array.from(weights) : new Float64Array(this.memberList.length).fill(1);
    const total = raw.reduce((sum, w) => sum + w, 0);
    return raw.map((w) => w / total);
  }

  protected stateToJSON(state: State): StateJSON {
    return { ...state, members: this.memberList.map(({ estimator }) => estimator.toJSON()) };
  }

  /** Restores a saved ensemble; `loadMember` turns each member's saved JSON back into a fitted classifier. */
  static fromJSON(json: unknown, loadMember: MemberLoader): VotingEnsemble {
    const { params, state } = checkEnvelope(json, 'VotingEnsemble');
    const saved = params as VotingEnsembleParams;
    const { classes, nFeatures, members } = state as StateJSON;
    if (members.length !== saved.members.length) {
      throw new MlInputError(`saved VotingEnsemble has ${members.length} fitted members for ${saved.members.length}`);
    }
    return new VotingEnsemble({
      members: saved.members.map(({ name }, k) => ({ name, estimator: loadMember(members[k] as EstimatorJSON) })),
      weights: saved.weights,
      randomState: saved.randomState,
    }).restore(json, () => ({ classes, nFeatures }));
  }
}

function clamp(p: number): number {
  return Math.min(1, Math.max(0, p));
}
