import { currentConsents, type KnownEntity } from '@ivy/core';
import type { Tx } from '@ivy/db';

/** What the gateway needs about a person a prompt concerns: who they are (to redact) and whether they said no. */
export type AiSubject = { knownEntities: KnownEntity[]; consent: { allowed: boolean } };

/**
 * The people with `ids` as language-model calls see them. AI processing is declined only by an explicit refusal or
 * withdrawal: the prompts carry no identity, so a person with no AI consent on record is not excluded.
 */
export async function aiSubjectsOf(db: Tx, ids: readonly string[], now: Date): Promise<Map<string, AiSubject>> {
  if (ids.length === 0) return new Map();
  const [rows, records] = await Promise.all([
    db.query.people.findMany({
      columns: { id: true, first_name: true, last_name: true, email: true, phone: true },
      where: (person, { inArray }) => inArray(person.id, [...ids]),
    }),
    db.query.consentRecords.findMany({
      where: (record, { and, eq, inArray }) =>
        and(inArray(record.person_id, [...ids]), eq(record.consent_type, 'ai_processing')),
    }),
  ]);
  return new Map(
    rows.map(({ id, ...identity }) => {
      const state = currentConsents(
        records.filter((record) => record.person_id === id),
        now,
      ).ai_processing.state;
      return [id, { knownEntities: [identity], consent: { allowed: state !== 'refused' && state !== 'withdrawn' } }];
    }),
  );
}
