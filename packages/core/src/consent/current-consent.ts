import type { ConsentSource, ConsentType, DataCategory } from './vocabulary';
import { CONSENT_TYPES } from './vocabulary';

/** One row of a person's consent history, as stored: a grant, a refusal or a withdrawal. */
export type ConsentRecord = {
  consent_type: ConsentType;
  granted: boolean;
  purpose: string;
  /** The data a grant covers; empty means every category. */
  data_categories: DataCategory[];
  source: ConsentSource;
  recorded_at: Date;
  expires_at: Date | null;
};

export type ConsentState = 'granted' | 'refused' | 'withdrawn' | 'expired' | 'not_recorded';

export type CurrentConsent<R extends ConsentRecord = ConsentRecord> = {
  /** True only for an unexpired grant: what every use of the consent must check. */
  granted: boolean;
  expired: boolean;
  state: ConsentState;
  /** The latest record of the type, which decides the state; null when none was ever recorded. */
  record: R | null;
};

/** A refusal that follows an earlier grant is a withdrawal; a refusal with no grant before it is a refusal. */
function stateOf(history: readonly ConsentRecord[], latest: ConsentRecord, now: Date): ConsentState {
  if (latest.granted) return latest.expires_at !== null && latest.expires_at <= now ? 'expired' : 'granted';
  return history.some((r) => r.granted && r.recorded_at <= latest.recorded_at) ? 'withdrawn' : 'refused';
}

/**
 * Each consent type's current state from a person's history in any order: the latest record wins (ties by position,
 * later in the array being later), and a grant past its expiry counts as not given.
 */
export function currentConsents<R extends ConsentRecord>(
  records: readonly R[],
  now: Date,
): Record<ConsentType, CurrentConsent<R>> {
  const result = {} as Record<ConsentType, CurrentConsent<R>>;
  for (const type of CONSENT_TYPES) {
    const history = records.filter((r) => r.consent_type === type);
    let latest: R | null = null;
    for (const record of history) {
      if (latest === null || record.recorded_at >= latest.recorded_at) latest = record;
    }
    if (latest === null) {
      result[type] = { granted: false, expired: false, state: 'not_recorded', record: null };
      continue;
    }
    const state = stateOf(history, latest, now);
    result[type] = { granted: state === 'granted', expired: state === 'expired', state, record: latest };
  }
  return result;
}

export type ConsentDecisionReason =
  | 'granted'
  | 'refused'
  | 'withdrawn'
  | 'expired'
  | 'not_recorded'
  | 'category_not_covered';

export type ConsentDecision<R extends ConsentRecord = ConsentRecord> = {
  allowed: boolean;
  reason: ConsentDecisionReason;
  consent: R | null;
};

/** Whether a use of type `type` (and, if given, of data category `dataCategory`) is covered by current consent. */
export function consentDecision<R extends ConsentRecord>(
  records: readonly R[],
  { type, dataCategory, now }: { type: ConsentType; dataCategory?: DataCategory | null; now: Date },
): ConsentDecision<R> {
  const current = currentConsents(records, now)[type];
  if (current.state !== 'granted') return { allowed: false, reason: current.state, consent: current.record };
  const categories = current.record?.data_categories ?? [];
  if (dataCategory && categories.length > 0 && !categories.includes(dataCategory)) {
    return { allowed: false, reason: 'category_not_covered', consent: current.record };
  }
  return { allowed: true, reason: 'granted', consent: current.record };
}
