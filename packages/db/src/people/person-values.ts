import { normalizePhone, type PersonCreate, stageChangeTimestamps } from '@ivy/core';
import type { people } from '../schema';

export type PersonInsert = typeof people.$inferInsert;

/**
 * The row to insert for a validated new person: derived columns (E.164 phone, the stage timestamps up to the
 * person's stage) are computed here, the one place both the API and the importer create people.
 */
export function personInsertValues(input: PersonCreate, now: Date): PersonInsert {
  const stage = input.lifecycle_stage ?? 'enquirer';
  const enquiredAt = input.enquired_at ? new Date(input.enquired_at) : now;
  const stageTimes = stageChangeTimestamps('enquirer', stage, { enquired_at: enquiredAt }, now);
  return {
    ...input,
    phone_e164: input.phone ? normalizePhone(input.phone) : null,
    lifecycle_stage: stage,
    ...stageTimes,
    enquired_at: enquiredAt,
    lost_reason: stage === 'lost' ? (input.lost_reason ?? null) : null,
    created_at: now,
    updated_at: now,
    last_activity_at: enquiredAt > now ? now : enquiredAt,
  };
}
