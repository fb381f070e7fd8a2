import type { Role } from '@ivy/core';
import type { Tx } from '../client';
import { users } from '../schema';
import { type AuditContext, appendAudit } from './audit';

export type NewUser = { email: string; full_name: string; role: Role; team_id?: string | null; password_hash: string };

/** Creates a user and audits it in one transaction; a clash on the e-mail surfaces as the database's 23505. */
export async function createUser(db: Tx, user: NewUser, audit: AuditContext): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ ...user, email: user.email.trim(), created_at: audit.at, updated_at: audit.at })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned no row');
    await appendAudit(tx, {
      ...audit,
      action: 'user.create',
      resourceType: 'system_config',
      resourceId: row.id,
      outcome: 'success',
      details: { role: user.role },
    });
    return row.id;
  });
}
