import type { Role } from '@ivy/core';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { departments, people, teams, users } from '../schema';

export const DEMO_EMAIL_DOMAIN = 'demo.ivy';

/**
 * One user per role for demo mode, placed so data scopes are visible: staff and manager in the first department
 * (staff in its first team, the manager in its second), the student linked to one of the staff team's people.
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
  return demoUsers.map(({ email, role }) => ({ email, role }));
}
