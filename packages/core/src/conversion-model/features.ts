import { type EstimatorJSON, Matrix, OneHotEncoder } from '@ivy/ml';
import {
  type AttributeFeature,
  attributeFeature,
  attributeKey,
  isAttributeFeature,
  MAX_ATTRIBUTE_CATEGORIES,
} from '../features/attribute-features';
import {
  CATEGORICAL_LEAD_FEATURES,
  type CategoricalLeadFeature,
  type LeadFeatures,
  NUMERIC_LEAD_FEATURES,
  type NumericLeadFeature,
} from '../features/lead-features';

export type InputFeature = NumericLeadFeature | CategoricalLeadFeature | AttributeFeature;
type NumericFeature = NumericLeadFeature | AttributeFeature;
type CategoricalFeature = CategoricalLeadFeature | AttributeFeature;

/** Features that combine two signals; `create_interaction_features: false` leaves them out. */
export const INTERACTION_LEAD_FEATURES = ['engagement_x_recency'] as const satisfies readonly NumericLeadFeature[];

/** Every lead feature a model may use, numeric ones first, in their fixed order, then the `attributes` given. */
export function candidateFeatures(
  withInteractions: boolean,
  attributes: readonly AttributeFeature[] = [],
): InputFeature[] {
  const interactions = new Set<string>(INTERACTION_LEAD_FEATURES);
  return [
    ...NUMERIC_LEAD_FEATURES.filter((name) => withInteractions || !interactions.has(name)),
    ...CATEGORICAL_LEAD_FEATURES,
    ...attributes,
  ];
}

/**
 * The attribute features the rows carry, sorted by name, less the text attributes with more than
 * MAX_ATTRIBUTE_CATEGORIES distinct values (free text or identifiers, not categories).
 */
export function attributeCandidates(rows: readonly LeadFeatures[]): AttributeFeature[] {
  const texts = new Map<string, Set<string>>();
  const keys = new Set<string>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row.attributes ?? {})) {
      keys.add(key);
      if (typeof value !== 'string') continue;
      const seen = texts.get(key) ?? new Set<string>();
      if (seen.size <= MAX_ATTRIBUTE_CATEGORIES) seen.add(value);
      texts.set(key, seen);
    }
  }
  return [...keys]
    .filter((key) => (texts.get(key)?.size ?? 0) <= MAX_ATTRIBUTE_CATEGORIES)
    .sort()
    .map(attributeFeature);
}

export type FeatureLayoutJSON = {
  numeric: NumericFeature[];
  categorical: CategoricalFeature[];
  encoder: EstimatorJSON | null;
};

/**
 * How lead features become the model matrix: the chosen numeric features as they are (NaN when missing), then the
 * chosen categorical ones one-hot encoded, a category unseen in training encoded as all zeros. An attribute feature
 * is numeric when every training row that has it holds a number (yes/no included), categorical otherwise; either
 * way a lead without it reads it as missing. `columnFeatures` names the input feature behind each column, so
 * explanations can be summed back to what a user recognises.
 */
export class FeatureLayout {
  private constructor(
    readonly numeric: readonly NumericFeature[],
    readonly categorical: readonly CategoricalFeature[],
    private readonly encoder: OneHotEncoder | null,
  ) {}

  static fit(rows: readonly LeadFeatures[], features: readonly InputFeature[]): FeatureLayout {
    const chosen = new Set<string>(features);
    const attributes = features.filter(isAttributeFeature);
    const textAttributes = new Set(
      attributes.filter((name) => rows.some((row) => typeof featureValue(row, name) === 'string')),
    );
    const numeric: NumericFeature[] = [
      ...NUMERIC_LEAD_FEATURES.filter((name) => chosen.has(name)),
      ...attributes.filter((name) => !textAttributes.has(name)),
    ];
    const categorical: CategoricalFeature[] = [
      ...CATEGORICAL_LEAD_FEATURES.filter((name) => chosen.has(name)),
      ...attributes.filter((name) => textAttributes.has(name)),
    ];
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
        const value = featureValue(row, name);
        return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
      }),
    );
    if (this.encoder) columns.push(...this.encoder.transform(categoricalColumns(rows, this.categorical)).columns);
    return new Matrix(columns, rows.length);
  }
}

function categoricalColumns(rows: readonly LeadFeatures[], names: readonly CategoricalFeature[]) {
  return names.map((name) =>
    rows.map((row) => {
      const value = featureValue(row, name);
      // A text attribute may hold a number on some leads (a code written as digits): the same category as its text.
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      return typeof value === 'string' && value !== '' ? value : null;
    }),
  );
}

function featureValue(row: LeadFeatures, name: InputFeature): unknown {
  if (isAttributeFeature(name)) return row.attributes?.[attributeKey(name)];
  return (row as Record<string, unknown>)[name];
}
