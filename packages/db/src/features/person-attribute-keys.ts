import type { AttributeModelUse } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { personAttributeKeys } from '../schema';

export type AttributeDeclaration = { key: string; model_use: AttributeModelUse };

/**
 * Records what a mapping declares about its attribute keys. A key already declared as not a feature keeps that
 * declaration, whatever this mapping says: a mapping that forgets to mark a leaking column must not undo one that
 * did. A 'feature' key may become 'leaks_outcome' or 'identifier'.
 */
export async function declareAttributeKeys(
  db: Tx,
  declarations: readonly AttributeDeclaration[],
  now: Date,
): Promise<void> {
  const byKey = new Map<string, AttributeModelUse>();
  for (const { key, model_use } of declarations) {
    if (byKey.get(key) === undefined || byKey.get(key) === 'feature') byKey.set(key, model_use);
  }
  if (byKey.size === 0) return;
  await db
    .insert(personAttributeKeys)
    .values([...byKey].map(([key, model_use]) => ({ key, model_use, updated_at: now })))
    .onConflictDoUpdate({
      target: personAttributeKeys.key,
      set: { model_use: sql`excluded.model_use`, updated_at: sql`excluded.updated_at` },
      setWhere: sql`${personAttributeKeys.model_use} = 'feature' and excluded.model_use <> 'feature'`,
    });
}
