import { readTriageEvidence, type TriageEvidence, type Tx } from '@ivy/db';

export type EvidenceCache = { get(): Promise<TriageEvidence> };

/**
 * How old the evidence behind a per-request score may be. Enrolment rates by source and committed seats move over
 * days; recomputing them over every person for each request would cost more than the scoring itself.
 */
export const EVIDENCE_MAX_AGE_MS = 60_000;

/** Evidence read at most once per `maxAgeMs` (on real time, not the app's clock); a failed read is not kept. */
export function createEvidenceCache(
  db: Tx,
  { maxAgeMs = EVIDENCE_MAX_AGE_MS, clock = () => performance.now() } = {},
): EvidenceCache {
  let cached: { readAt: number; evidence: Promise<TriageEvidence> } | undefined;
  return {
    get() {
      const now = clock();
      if (!cached || now - cached.readAt > maxAgeMs) {
        const evidence = readTriageEvidence(db);
        cached = { readAt: now, evidence };
        evidence.catch(() => {
          if (cached?.evidence === evidence) cached = undefined;
        });
      }
      return cached.evidence;
    },
  };
}
