import type { Role } from '@ivy/core';
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { departments, teams, users } from '../schema';
import { type AuditContext, appendAudit } from './audit';

export type UserFilters = { q?: string; role?: Role; active?: boolean; limit: number; offset: number };

const userColumns = {
  id: users.id,
  email: users.email,
  full_name: users.full_name,
  role: users.role,
  is_active: users.active,
  created_at: users.created_at,
  last_login: users.last_login_at,
  team_id: teams.id,
  team_name: teams.name,
  department_id: departments.id,
  department_name: departments.name,
};

type UserRow = {
  id: string;
  email: string;
  full_name: string;
  role: Role;
  is_active: boolean;
  created_at: Date;
  last_login: Date | null;
  team_id: string | null;
  team_name: string | null;
  department_id: string | null;
  department_name: string | null;
};

export type UserAccount = ReturnType<typeof toAccount>;

function toAccount(row: UserRow) {
  return {
    id: row.id,
    username: row.email,
    email: row.email,
    full_name: row.full_name,
    role: row.role,
    is_active: row.is_active,
    created_at: row.created_at,
    last_login: row.last_login,
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
    department: row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
  };
}

function accountsQuery(db: Tx) {
  return db
    .select(userColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.team_id))
    .leftJoin(departments, eq(departments.id, teams.department_id));
}

export async function listUsers(db: Tx, filters: UserFilters) {
  const conditions: (SQL | undefined)[] = [
    filters.q ? or(ilike(users.email, `%${filters.q}%`), ilike(users.full_name, `%${filters.q}%`)) : undefined,
    filters.role ? eq(users.role, filters.role) : undefined,
    filters.active === undefined ? undefined : eq(users.active, filters.active),
  ];
  const [rows, [total]] = await Promise.all([
    accountsQuery(db)
      .where(and(...conditions))
      .orderBy(asc(users.full_name), asc(users.id))
      .limit(filters.limit)
      .offset(filters.offset),
    db
      .select({ total: count() })
      .from(users)
      .where(and(...conditions)),
  ]);
  return { users: rows.map(toAccount), total: total?.total ?? 0 };
}

export async function findUserAccount(db: Tx, username: string) {
  const [row] = await accountsQuery(db).where(eq(sql`lower(${users.email})`, username.trim().toLowerCase()));
  return row ? toAccount(row) : null;
}

export type UserChange = { full_name?: string; role?: Role; team_id?: string | null; is_active?: boolean };

/** Applies a change to a user and audits it (old and new role when it changes); null when there is no such user. */
export async function updateUser(db: Tx, username: string, change: UserChange, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const before = await findUserAccount(tx, username);
    if (!before) return null;
    const { is_active, ...fields } = change;
    await tx
      .update(users)
      .set({ ...fields, ...(is_active === undefined ? {} : { active: is_active }), updated_at: audit.at })
      .where(eq(users.id, before.id));
    await appendAudit(tx, {
      ...audit,
      action: is_active === false ? 'user.deactivate' : 'user.update',
      resourceType: 'system_config',
      resourceId: before.id,
      outcome: 'success',
      details: {
        fields: Object.keys(change),
        ...(change.role && change.role !== before.role ? { role: { from: before.role, to: change.role } } : {}),
      },
    });
    return findUserAccount(tx, username);
  });
}

export function listTeams(db: Tx) {
  return db
    .select({ id: teams.id, name: teams.name, department: { id: departments.id, name: departments.name } })
    .from(teams)
    .innerJoin(departments, eq(departments.id, teams.department_id))
    .orderBy(asc(departments.name), asc(teams.name));
}
