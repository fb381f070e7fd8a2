import { readTriageEvidence, type TriageEvidence, type Tx } from '@ivy/db';
import { createTtlCache, type TtlCache } from '../cache/ttl-cache';

export type EvidenceCache = TtlCache<TriageEvidence>;

/**
 * How old the evidence behind a per-request score may be. Enrolment rates by source and committed seats move over
 * days; recomputing them over every person for each request would cost more than the scoring itself.
 */
export const EVIDENCE_MAX_AGE_MS = 60_000;

export function createEvidenceCache(
  db: Tx,
  { maxAgeMs = EVIDENCE_MAX_AGE_MS, clock }: { maxAgeMs?: number; clock?: () => number } = {},
): EvidenceCache {
  return createTtlCache(() => readTriageEvidence(db), { maxAgeMs, clock });
}
