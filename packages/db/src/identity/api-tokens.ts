import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Tx } from '../client';
import { apiTokens, users } from '../schema';
import { type AuditContext, appendAudit } from './audit';
import { type Principal, principalQuery, toPrincipal } from './principal';

export async function createApiToken(
  db: Tx,
  token: { userId: string; name: string; tokenHash: string; expiresAt: Date | null },
  audit: AuditContext,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        user_id: token.userId,
        name: token.name,
        token_hash: token.tokenHash,
        expires_at: token.expiresAt,
        created_at: audit.at,
      })
      .returning({
        id: apiTokens.id,
        name: apiTokens.name,
        created_at: apiTokens.created_at,
        expires_at: apiTokens.expires_at,
      });
    if (!row) throw new Error('insert returned no row');
    await appendAudit(tx, {
      ...audit,
      action: 'auth.token.create',
      resourceType: 'system_config',
      resourceId: row.id,
      outcome: 'success',
    });
    return row;
  });
}

export function listApiTokens(db: Tx, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      created_at: apiTokens.created_at,
      expires_at: apiTokens.expires_at,
      revoked_at: apiTokens.revoked_at,
    })
    .from(apiTokens)
    .where(eq(apiTokens.user_id, userId))
    .orderBy(desc(apiTokens.created_at));
}

/** Revokes one of the user's own tokens; false when they have no such live token. */
export async function revokeApiToken(db: Tx, tokenId: string, userId: string, audit: AuditContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revoked_at: audit.at })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.user_id, userId), isNull(apiTokens.revoked_at)))
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) return false;
    await appendAudit(tx, {
      ...audit,
      action: 'auth.token.revoke',
      resourceType: 'system_config',
      resourceId: tokenId,
      outcome: 'success',
    });
    return true;
  });
}

/** The user behind a live bearer token hash; null for an unknown, expired or revoked token or inactive user. */
export async function findPrincipalByApiToken(db: Tx, tokenHash: string, now: Date): Promise<Principal | null> {
  const [row] = await principalQuery(db)
    .innerJoin(apiTokens, eq(apiTokens.user_id, users.id))
    .where(
      and(
        eq(apiTokens.token_hash, tokenHash),
        isNull(apiTokens.revoked_at),
        or(isNull(apiTokens.expires_at), gt(apiTokens.expires_at, now)),
        eq(users.active, true),
      ),
    );
  return row ? toPrincipal(row) : null;
}
