import type { DataScope, Role } from '@ivy/core';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { departments, sessions, teams, users } from '../schema';

/** The signed-in user as every route sees them: who, which role, and where in the organisation. */
export type Principal = {
  id: string;
  email: string;
  full_name: string;
  role: Role;
  team: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  /** For a student: the person record that is theirs. */
  person_id: string | null;
};

const principalColumns = {
  id: users.id,
  email: users.email,
  full_name: users.full_name,
  role: users.role,
  person_id: users.person_id,
  team_id: teams.id,
  team_name: teams.name,
  department_id: departments.id,
  department_name: departments.name,
};

type PrincipalRow = {
  id: string;
  email: string;
  full_name: string;
  role: Role;
  person_id: string | null;
  team_id: string | null;
  team_name: string | null;
  department_id: string | null;
  department_name: string | null;
};

export function toPrincipal(row: PrincipalRow): Principal {
  return {
    id: row.id,
    email: row.email,
    full_name: row.full_name,
    role: row.role,
    person_id: row.person_id,
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
    department: row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
  };
}

export function principalQuery(db: Tx) {
  return db
    .select(principalColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.team_id))
    .leftJoin(departments, eq(departments.id, teams.department_id));
}

/** An active user by e-mail, with the password hash to check; null when there is none. */
export async function findUserForSignIn(db: Tx, email: string) {
  const [row] = await db
    .select({ ...principalColumns, password_hash: users.password_hash, active: users.active })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.team_id))
    .leftJoin(departments, eq(departments.id, teams.department_id))
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  if (!row) return null;
  return { principal: toPrincipal(row), passwordHash: row.password_hash, active: row.active };
}

/** The user behind a live session token hash; null for an unknown, expired or revoked session or inactive user. */
export async function findPrincipalBySession(db: Tx, tokenHash: string, now: Date): Promise<Principal | null> {
  const [row] = await principalQuery(db)
    .innerJoin(sessions, eq(sessions.user_id, users.id))
    .where(
      and(
        eq(sessions.token_hash, tokenHash),
        isNull(sessions.revoked_at),
        gt(sessions.expires_at, now),
        eq(users.active, true),
      ),
    );
  return row ? toPrincipal(row) : null;
}

/** Which people a principal's role lets them see; the queries on people apply it in SQL. */
export type PeopleScope =
  | { kind: 'all' }
  | { kind: 'department'; departmentId: string | null; userId: string }
  | { kind: 'team'; teamId: string | null; userId: string }
  | { kind: 'own'; personId: string | null };

export function peopleScopeFor(principal: Principal, dataScope: DataScope): PeopleScope {
  switch (dataScope) {
    case 'all':
    case 'system':
      return { kind: 'all' };
    case 'department':
      return { kind: 'department', departmentId: principal.department?.id ?? null, userId: principal.id };
    case 'team':
      return { kind: 'team', teamId: principal.team?.id ?? null, userId: principal.id };
    case 'own':
      return { kind: 'own', personId: principal.person_id };
  }
}
