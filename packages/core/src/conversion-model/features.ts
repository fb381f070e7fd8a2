import { type EstimatorJSON, Matrix, OneHotEncoder } from '@ivy/ml';
import {
  CATEGORICAL_LEAD_FEATURES,
  type CategoricalLeadFeature,
  type LeadFeatures,
  NUMERIC_LEAD_FEATURES,
  type NumericLeadFeature,
} from '../features/lead-features';

export type InputFeature = NumericLeadFeature | CategoricalLeadFeature;

/** Features that combine two signals; `create_interaction_features: false` leaves them out. */
export const INTERACTION_LEAD_FEATURES = ['engagement_x_recency'] as const satisfies readonly NumericLeadFeature[];

/** Every lead feature a model may use, numeric ones first, in their fixed order. */
export function candidateFeatures(withInteractions: boolean): InputFeature[] {
  const interactions = new Set<string>(INTERACTION_LEAD_FEATURES);
  return [
    ...NUMERIC_LEAD_FEATURES.filter((name) => withInteractions || !interactions.has(name)),
    ...CATEGORICAL_LEAD_FEATURES,
  ];
}

export type FeatureLayoutJSON = {
  numeric: NumericLeadFeature[];
  categorical: CategoricalLeadFeature[];
  encoder: EstimatorJSON | null;
};

/**
 * How lead features become the model matrix: the chosen numeric features as they are (NaN when missing), then the
 * chosen categorical ones one-hot encoded, a category unseen in training encoded as all zeros. `columnFeatures` names
 * the input feature behind each column, so explanations can be summed back to what a user recognises.
 */
export class FeatureLayout {
  private constructor(
    readonly numeric: readonly NumericLeadFeature[],
    readonly categorical: readonly CategoricalLeadFeature[],
    private readonly encoder: OneHotEncoder | null,
  ) {}

  static fit(rows: readonly LeadFeatures[], features: readonly InputFeature[]): FeatureLayout {
    const chosen = new Set<string>(features);
    const numeric = NUMERIC_LEAD_FEATURES.filter((name) => chosen.has(name));
    const categorical = CATEGORICAL_LEAD_FEATURES.filter((name) => chosen.has(name));
    const encoder =
      categorical.length === 0
        ? null
        : new OneHotEncoder({ handleUnknown: 'ignore' }).fit(categoricalColumns(rows, categorical), {
            names: categorical,
          });
    return new FeatureLayout(numeric, categorical, encoder);
  }

  static fromJSON(json: FeatureLayoutJSON): FeatureLayout {
    return new FeatureLayout(json.numeric, json.categorical, json.encoder && OneHotEncoder.fromJSON(json.encoder));
  }

  toJSON(): FeatureLayoutJSON {
    return { numeric: [...this.numeric], categorical: [...this.categorical], encoder: this.encoder?.toJSON() ?? null };
  }

  get inputFeatures(): InputFeature[] {
    return [...this.numeric, ...this.categorical];
  }

  /** The input feature of each model column, in column order. */
  get columnFeatures(): InputFeature[] {
    const oneHot = this.encoder?.columnFeatureNames ?? [];
    return [...this.numeric, ...this.categorical.flatMap((name, k) => (oneHot[k] ?? []).map(() => name))];
  }

  encode(rows: readonly LeadFeatures[]): Matrix {
    const columns: Float64Array[] = this.numeric.map((name) =>
      Float64Array.from(rows, (row) => {
        // Features that went through JSON arrive with null where NaN was.
        const value = (row as Record<string, unknown>)[name];
        return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
      }),
    );
    if (this.encoder) columns.push(...this.encoder.transform(categoricalColumns(rows, this.categorical)).columns);
    return new Matrix(columns, rows.length);
  }
}

function categoricalColumns(rows: readonly LeadFeatures[], names: readonly CategoricalLeadFeature[]) {
  return names.map((name) =>
    rows.map((row) => {
      const value = (row as Record<string, unknown>)[name];
      return typeof value === 'string' && value !== '' ? value : null;
    }),
  );
}
