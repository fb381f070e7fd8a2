import type { Role } from '@ivy/core';
import { and, asc, eq, ne, notLike, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { departments, people, teams, users } from '../schema';

export const DEMO_EMAIL_DOMAIN = 'demo.ivy';

/**
 * One user per role for demo mode, placed so data scopes are visible: staff and manager in the first department
 * (staff in its first team, the manager in its second), the student linked to one of the staff team's people. The
 * demo staff member takes over one seeded teammate's caseload, so "my leads" and "my alerts" show real work.
 * `passwordHash` is computed by the caller (the server owns hashing). Idempotent: existing demo users are kept.
 */
export async function ensureDemoUsers(db: Tx, passwordHash: string): Promise<{ email: string; role: Role }[]> {
  const [department] = await db.select().from(departments).orderBy(asc(departments.code)).limit(1);
  const departmentTeams = department
    ? await db.select().from(teams).where(eq(teams.department_id, department.id)).orderBy(asc(teams.name))
    : [];
  const staffTeam = departmentTeams[0] ?? null;
  const managerTeam = departmentTeams[1] ?? staffTeam;
  const [studentRecord] = staffTeam
    ? await db
        .select({ id: people.id })
        .from(people)
        .where(eq(people.team_id, staffTeam.id))
        .orderBy(asc(people.created_at), asc(people.id))
        .limit(1)
    : [];

  const demoUsers: {
    email: string;
    full_name: string;
    role: Role;
    team_id: string | null;
    person_id: string | null;
  }[] = [
    {
      email: `superadmin@${DEMO_EMAIL_DOMAIN}`,
      full_name: 'Sasha Super',
      role: 'super_admin',
      team_id: null,
      person_id: null,
    },
    { email: `admin@${DEMO_EMAIL_DOMAIN}`, full_name: 'Alex Admin', role: 'admin', team_id: null, person_id: null },
    {
      email: `manager@${DEMO_EMAIL_DOMAIN}`,
      full_name: 'Morgan Manager',
      role: 'manager',
      team_id: managerTeam?.id ?? null,
      person_id: null,
    },
    {
      email: `staff@${DEMO_EMAIL_DOMAIN}`,
      full_name: 'Sam Staff',
      role: 'staff',
      team_id: staffTeam?.id ?? null,
      person_id: null,
    },
    {
      email: `student@${DEMO_EMAIL_DOMAIN}`,
      full_name: 'Stevie Student',
      role: 'student',
      team_id: null,
      person_id: studentRecord?.id ?? null,
    },
  ];
  await db
    .insert(users)
    .values(demoUsers.map((user) => ({ ...user, password_hash: passwordHash })))
    .onConflictDoNothing();
  if (staffTeam) await handOverCaseload(db, `staff@${DEMO_EMAIL_DOMAIN}`, staffTeam.id);
  return demoUsers.map(({ email, role }) => ({ email, role }));
}

/** Gives a demo user with no leads the leads of the first seeded staff member of their team. */
async function handOverCaseload(db: Tx, email: string, teamId: string) {
  const [demoUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!demoUser) return;
  const [owned] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(people)
    .where(eq(people.owner_id, demoUser.id));
  if ((owned?.count ?? 0) > 0) return;
  const [teammate] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.team_id, teamId),
        eq(users.role, 'staff'),
        ne(users.id, demoUser.id),
        notLike(users.email, `%@${DEMO_EMAIL_DOMAIN}`),
      ),
    )
    .orderBy(asc(users.email))
    .limit(1);
  if (teammate) await db.update(people).set({ owner_id: demoUser.id }).where(eq(people.owner_id, teammate.id));
}
