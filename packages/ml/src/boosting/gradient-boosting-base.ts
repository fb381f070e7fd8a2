import { checkFeatures, checkSampleWeight, Estimator, type FitOptions } from '../estimator';
import { treeExpectedValue, treeShap } from '../explain/tree-shap';
import { Matrix, type MatrixLike } from '../matrix';
import { addGainImportance, type Tree, type TreeJSON, treeFromJSON, treeToJSON } from '../tree/tree';
import { type BoostedTrees, boost } from './boost';
import { addEnsemblePrediction, type CompiledEnsemble, compileEnsemble } from './compiled-ensemble';
import { defaultThreads } from './helper';
import type { Loss } from './losses';
import { defaultGradientBoostingParams, type GradientBoostingParams, gradientBoostingParamsSchema } from './params';

export type BoostingState = BoostedTrees & { nFeatures: number };

export type BoostingStateJSON = { init: number; nFeatures: number; trees: TreeJSON[] };

export type ShapValues = {
  /** The expected margin: init plus every tree's cover-weighted mean. */
  base: number;
  /** nRows × nFeatures contributions in margin space; each row sums to margin − base. */
  values: Matrix;
};

/** What the gradient-boosting classifier and regressor share: fitting, margins, importances, SHAP, saving. */
export abstract class GradientBoostingBase<S extends BoostingState> extends Estimator<GradientBoostingParams, S> {
  /** Per fitted (or loaded) set of trees; compiled when fitting, so a first prediction pays no per-model setup. */
  private compiled = new WeakMap<readonly Tree[], CompiledEnsemble>();

  protected constructor(params: Partial<GradientBoostingParams>) {
    super(gradientBoostingParamsSchema, params, defaultGradientBoostingParams);
  }

  /** Checked hyper-parameters and X, before the subclass reads y. */
  protected fitInputs(X: MatrixLike): { params: GradientBoostingParams; matrix: Matrix } {
    const params = this.validatedParams();
    return { params, matrix: checkFeatures(X, this.kind) };
  }

  protected boostOn(
    { params, matrix }: { params: GradientBoostingParams; matrix: Matrix },
    y: Float64Array,
    options: FitOptions,
    loss: Loss,
    stratify: boolean,
  ): BoostingState {
    const weight =
      checkSampleWeight(options.sampleWeight, matrix.nRows, this.kind) ?? new Float64Array(matrix.nRows).fill(1);
    const boosted = boost(matrix, y, weight, loss, params, stratify, this.kind);
    this.compiled.set(boosted.trees, compileEnsemble(boosted.trees));
    return { ...boosted, nFeatures: matrix.nCols };
  }

  /** The raw margin: log-odds for the classifier, the prediction itself for the regressor. */
  decisionFunction(X: MatrixLike): Float64Array {
    const state = this.state;
    const matrix = checkFeatures(X, this.kind, state.nFeatures);
    let compiled = this.compiled.get(state.trees);
    if (!compiled) {
      compiled = compileEnsemble(state.trees);
      this.compiled.set(state.trees, compiled);
    }
    const margin = new Float64Array(matrix.nRows).fill(state.init);
    addEnsemblePrediction(compiled, matrix, margin, this.params.nThreads ?? defaultThreads());
    return margin;
  }

  /** Trees kept after early stopping. */
  get nTreesFitted(): number {
    return this.state.trees.length;
  }

  /** Total split gain per feature over all trees, normalised to sum to 1 (all zeros when no tree split). */
  featureImportances(kind: 'gain' = 'gain'): Float64Array {
    const { trees, nFeatures } = this.state;
    const importance = new Float64Array(nFeatures);
    if (kind === 'gain') for (const tree of trees) addGainImportance(tree, importance);
    let total = 0;
    for (let j = 0; j < nFeatures; j++) total += importance[j] as number;
    if (total > 0) for (let j = 0; j < nFeatures; j++) importance[j] = (importance[j] as number) / total;
    return importance;
  }

  /** Exact TreeSHAP contributions of each feature to each row's margin. */
  shapValues(X: MatrixLike): ShapValues {
    const { trees, init, nFeatures } = this.state;
    const matrix = checkFeatures(X, this.kind, nFeatures);
    const out = new Float64Array(matrix.nRows * nFeatures);
    let base = init;
    for (const tree of trees) {
      treeShap(tree, matrix, out);
      base += treeExpectedValue(tree);
    }
    return { base, values: Matrix.fromRowMajor(out, matrix.nRows, nFeatures) };
  }

  protected boostingStateToJSON(state: BoostingState): BoostingStateJSON {
    return { init: state.init, nFeatures: state.nFeatures, trees: state.trees.map(treeToJSON) };
  }
}

export function boostingStateFromJSON(json: BoostingStateJSON): BoostingState {
  const trees: Tree[] = json.trees.map(treeFromJSON);
  return { init: json.init, nFeatures: json.nFeatures, trees };
}
