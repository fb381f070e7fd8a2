export * from './checksums';
export { DEFAULT_MIN_CONFIDENCE, type DetectPiiOptions, detectPii, type PiiMatch } from './detect-pii';
export { type KnownEntity, phoneKeys } from './known-entities';
export * from './redact-pii';
export * from './vocabulary';
