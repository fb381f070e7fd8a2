import type { KnownEntity } from '@ivy/core';
import { and } from 'drizzle-orm';
import type { Tx } from '../client';
import type { PeopleScope } from '../identity/principal';
import { uuidIn } from '../query-rows';
import { people } from '../schema';
import { peopleScopeCondition } from './people-scope';

/**
 * Who the people with `ids` are, as PII detection matches them (stored names, e-mail, phone), for those inside
 * `scope`; `missing` lists the ids that are unknown or outside it.
 */
export async function knownEntitiesInScope(
  db: Tx,
  ids: readonly string[],
  scope: PeopleScope,
): Promise<{ entities: KnownEntity[]; missing: string[] }> {
  if (ids.length === 0) return { entities: [], missing: [] };
  const rows = await db
    .select({
      id: people.id,
      first_name: people.first_name,
      last_name: people.last_name,
      email: people.email,
      phone: people.phone,
    })
    .from(people)
    .where(and(uuidIn(people.id, ids), peopleScopeCondition(scope)));
  const found = new Set(rows.map((row) => row.id));
  return {
    entities: rows.map(({ id: _id, ...identity }) => identity),
    missing: ids.filter((id) => !found.has(id)),
  };
}
