/*
 * Imported attributes (people.attributes: what the source system recorded and Ivy has no column for) as model
 * features. Which attributes a model may use is declared by the import mapping that wrote them:
 * - 'feature' (the default): known before the outcome, a candidate feature;
 * - 'leaks_outcome': written after contact or after the decision (a sales tag, a lead-quality grade, the last
 *   notable activity), so it would teach a model the answer: never a feature;
 * - 'identifier': a record number, not a property of the lead: never a feature.
 * A key no mapping declared (attributes written through the API, the demo data's) is never a feature either, and a
 * key once declared as not a feature stays so whatever a later mapping says: leaking is the costlier mistake.
 */

export const ATTRIBUTE_MODEL_USES = ['feature', 'leaks_outcome', 'identifier'] as const;
export type AttributeModelUse = (typeof ATTRIBUTE_MODEL_USES)[number];

/** An attribute's input-feature name: `attributes.<key>`, as the importer names the field in its reports. */
export type AttributeFeature = `attributes.${string}`;
export const ATTRIBUTE_FEATURE_PREFIX = 'attributes.';

/**
 * A text attribute with more distinct values than this over the training rows is free text or an identifier, not a
 * category a model can learn from, and is left out rather than one-hot encoded into thousands of columns.
 */
export const MAX_ATTRIBUTE_CATEGORIES = 50;

/** Attribute values as features: numbers as they are, yes/no as 1/0, text as a category; null (unanswered) left out. */
export type AttributeFeatureValues = Record<string, number | string>;

export type AttributeValue = string | number | boolean | null;

export function attributeFeature(key: string): AttributeFeature {
  return `${ATTRIBUTE_FEATURE_PREFIX}${key}`;
}

export function isAttributeFeature(name: string): name is AttributeFeature {
  return name.startsWith(ATTRIBUTE_FEATURE_PREFIX) && name.length > ATTRIBUTE_FEATURE_PREFIX.length;
}

/** The attribute key behind an attribute feature's name. */
export function attributeKey(feature: AttributeFeature): string {
  return feature.slice(ATTRIBUTE_FEATURE_PREFIX.length);
}

/**
 * The feature values of a person's attributes; `keys`, when given, keeps only those (the declared features). A
 * non-finite number or an empty text is as good as unanswered.
 */
export function attributeFeatureValues(
  attributes: Readonly<Record<string, AttributeValue>> | null | undefined,
  keys?: ReadonlySet<string>,
): AttributeFeatureValues {
  const values: AttributeFeatureValues = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (keys && !keys.has(key)) continue;
    if (typeof value === 'boolean') values[key] = value ? 1 : 0;
    else if (typeof value === 'number' && Number.isFinite(value)) values[key] = value;
    else if (typeof value === 'string' && value.trim() !== '') values[key] = value;
  }
  return values;
}
