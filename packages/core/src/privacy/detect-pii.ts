import {
  detectAcademic,
  detectAddresses,
  detectDatesOfBirth,
  detectEmails,
  detectFinancial,
  detectNiNumbers,
  detectPhones,
  detectPostcodes,
  detectStudentIds,
  type PiiCandidate,
} from './detectors';
import { detectKnownEntities, type KnownEntity } from './known-entities';
import { detectNames } from './names';
import type { PiiType } from './vocabulary';

export interface PiiMatch {
  type: PiiType;
  value: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** 0–1: how sure the rule is that this is personal data of `type`. */
  confidence: number;
  /** Up to 30 characters either side of the value, and the value. */
  context: string;
  /** The rule that found it (`email`, `uk_ni_number`, `known_name`…). */
  detector: string;
}

export interface DetectPiiOptions {
  /** People the text may concern: their stored identifiers are matched exactly, with confidence 1. */
  knownEntities?: readonly KnownEntity[];
  /** Only these types (default all). */
  types?: readonly PiiType[];
  /** Findings below this are dropped (default 0.5). */
  minConfidence?: number;
  /** The year bare dates are judged against as possible birth dates (default: the current UTC year). */
  referenceYear?: number;
}

export const DEFAULT_MIN_CONFIDENCE = 0.5;
const CONTEXT_CHARS = 30;

/**
 * Personal data in free text: non-overlapping matches in text order. Where rules disagree about a span, the more
 * confident finding wins, then the longer one.
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiMatch[] {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const wanted = options.types ? new Set(options.types) : null;
  const phones = detectPhones(text);
  const candidates: PiiCandidate[] = [
    ...detectEmails(text),
    ...phones,
    ...detectPostcodes(text),
    ...detectNiNumbers(text),
    ...detectDatesOfBirth(text, options.referenceYear ?? new Date().getUTCFullYear()),
    ...detectFinancial(text),
    ...detectStudentIds(text),
    ...detectAcademic(text),
    ...detectAddresses(text),
    ...detectNames(text),
    ...(options.knownEntities?.length ? detectKnownEntities(text, options.knownEntities, phones) : []),
  ].filter((c) => c.end > c.start && c.confidence >= minConfidence && (!wanted || wanted.has(c.type)));

  candidates.sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiCandidate[] = [];
  for (const candidate of candidates) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) kept.push(candidate);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((c) => ({
    type: c.type,
    value: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    confidence: c.confidence,
    context: text.slice(Math.max(0, c.start - CONTEXT_CHARS), c.end + CONTEXT_CHARS),
    detector: c.detector,
  }));
}
