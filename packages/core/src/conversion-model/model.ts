import {
  type Classifier,
  type EstimatorJSON,
  IsotonicCalibration,
  loadClassifier,
  type Matrix,
  MlInputError,
} from '@ivy/ml';
import { z } from 'zod';
import { type AttributeFeature, isAttributeFeature } from '../features/attribute-features';
import { CATEGORICAL_LEAD_FEATURES, type LeadFeatures, NUMERIC_LEAD_FEATURES } from '../features/lead-features';
import { MODEL_TYPES, type ModelType } from './config';
import { probabilityContributions } from './estimators';
import { FeatureLayout } from './features';

export type ConversionPrediction = {
  /** Calibrated probability that the lead enrols. */
  probability: number;
  /**
   * How much the committee of models (each cross-validation fold's and the final one) disagree about this lead:
   * standard_error is the spread of their calibrated probabilities, lower/upper = probability ± 1.96 of it, in [0, 1].
   */
  confidence_interval: { lower: number; upper: number; standard_error: number };
  /**
   * The input features that moved this prediction most, in probability points against the model's average lead
   * (before calibration): at most 5, largest |contribution| first, features that did not move it left out.
   */
  contributions: { feature: string; contribution: number }[];
};

export type LoadedConversionModel = {
  algorithm: ModelType;
  input_features: string[];
  /** `contributions: false` skips the per-lead explanation (TreeSHAP), by far the costliest part, for large batches. */
  predict(rows: readonly LeadFeatures[], options?: PredictOptions): ConversionPrediction[];
};

export type PredictOptions = { contributions?: boolean };

const ARTIFACT_FORMAT = 'ivy-conversion-model';
const ARTIFACT_VERSION = 1;
const TOP_CONTRIBUTIONS = 5;
/** The normal 97.5 % quantile. */
const Z_95 = 1.959963984540054;

const envelope = z.looseObject({ format: z.literal('ivy-ml'), kind: z.string() });
const attributeFeature = z.custom<AttributeFeature>(
  (value) => typeof value === 'string' && isAttributeFeature(value),
  'an attribute feature is named attributes.<key>',
);

const artifactSchema = z.strictObject({
  format: z.literal(ARTIFACT_FORMAT),
  version: z.literal(ARTIFACT_VERSION),
  algorithm: z.enum(MODEL_TYPES),
  layout: z.strictObject({
    numeric: z.array(z.union([z.enum(NUMERIC_LEAD_FEATURES), attributeFeature])),
    categorical: z.array(z.union([z.enum(CATEGORICAL_LEAD_FEATURES), attributeFeature])),
    encoder: envelope.nullable(),
  }),
  model: envelope,
  committee: z.array(envelope).min(1),
  calibration: envelope,
});

export type ConversionModelArtifact = z.infer<typeof artifactSchema>;

/** A trained conversion model: features → calibrated probability, committee interval and top contributions. */
export class ConversionModel implements LoadedConversionModel {
  constructor(
    readonly algorithm: ModelType,
    private readonly layout: FeatureLayout,
    /** Trained on every row; its probability, calibrated, is the prediction. */
    private readonly model: Classifier,
    /** The cross-validation fold models; with `model` they form the committee whose disagreement is reported. */
    private readonly committee: readonly Classifier[],
    private readonly calibration: IsotonicCalibration,
  ) {}

  get input_features(): string[] {
    return this.layout.inputFeatures;
  }

  predict(
    rows: readonly LeadFeatures[],
    { contributions: explain = true }: PredictOptions = {},
  ): ConversionPrediction[] {
    if (rows.length === 0) return [];
    const X = this.layout.encode(rows);
    const members = [...this.committee, this.model].map((member) =>
      this.calibration.calibrate(positiveProbability(member, X)),
    );
    // The full model is the committee's last member: its calibrated probability is the prediction.
    const probability = members.at(-1) as Float64Array;
    const contributions = explain ? probabilityContributions(this.model, X) : [];
    const columnFeatures = this.layout.columnFeatures;
    return rows.map((_, i) => {
      const p = probability[i] as number;
      const standardError = spread(members, i);
      const perFeature = new Map<string, number>();
      contributions.forEach((column, j) => {
        const feature = columnFeatures[j] as string;
        perFeature.set(feature, (perFeature.get(feature) ?? 0) + (column[i] as number));
      });
      return {
        probability: p,
        confidence_interval: {
          lower: Math.max(0, p - Z_95 * standardError),
          upper: Math.min(1, p + Z_95 * standardError),
          standard_error: standardError,
        },
        contributions: [...perFeature]
          .filter(([, contribution]) => contribution !== 0)
          .sort(([, a], [, b]) => Math.abs(b) - Math.abs(a))
          .slice(0, TOP_CONTRIBUTIONS)
          .map(([feature, contribution]) => ({ feature, contribution })),
      };
    });
  }

  toArtifact(): ConversionModelArtifact {
    return {
      format: ARTIFACT_FORMAT,
      version: ARTIFACT_VERSION,
      algorithm: this.algorithm,
      layout: this.layout.toJSON(),
      model: this.model.toJSON(),
      committee: this.committee.map((member) => member.toJSON()),
      calibration: this.calibration.toJSON(),
    };
  }
}

/** Restores a model from `trainConversionModel`'s artifact (after any JSON round-trip); it predicts bit for bit alike. */
export function loadConversionModel(artifact: unknown): LoadedConversionModel {
  const parsed = artifactSchema.safeParse(artifact);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `This is not a saved conversion model this version can read (${issue?.path.join('.') || 'artifact'}: ${issue?.message}).`,
    );
  }
  const saved = parsed.data;
  try {
    return new ConversionModel(
      saved.algorithm,
      FeatureLayout.fromJSON(saved.layout as Parameters<typeof FeatureLayout.fromJSON>[0]),
      loadClassifier(saved.model),
      saved.committee.map((member) => loadClassifier(member)),
      IsotonicCalibration.fromJSON(saved.calibration as EstimatorJSON),
    );
  } catch (error) {
    if (error instanceof MlInputError) throw new Error(`The saved conversion model is damaged: ${error.message}`);
    throw error;
  }
}

export function positiveProbability(model: Classifier, X: Matrix): Float64Array {
  return model.predictProba(X).column(1);
}

/** Population standard deviation of the members' values at row i. */
export function spread(members: readonly Float64Array[], i: number): number {
  let sum = 0;
  for (const member of members) sum += member[i] as number;
  const mean = sum / members.length;
  let squares = 0;
  for (const member of members) squares += ((member[i] as number) - mean) ** 2;
  return Math.sqrt(squares / members.length);
}
