import type { Faker } from '@faker-js/faker';
import type { CourseLevel, Role } from '@ivy/core';
import { type CycleDates, isoTimestamp, utc } from './calendar';
import type { Rng } from './rng';

type CampusSpec = { code: string; name: string; city: string };
type DepartmentSpec = { code: string; name: string };
type CourseSpec = {
  code: string;
  name: string;
  department: string;
  campus: string;
  level: CourseLevel;
  /** Places per intake. */
  capacity: number;
  /** Annual tuition fee for the oldest intake; postgraduate fees rise about 3% a year. */
  fee: number;
  /** How much more (or less) likely than average an enquirer for this course is to enrol, on the logit scale. */
  appeal: number;
  /** Relative share of enquiries. */
  popularity: number;
  /** Applicants are interviewed or auditioned before a decision. */
  interviews: boolean;
};

/** Home undergraduate tuition fee cap (England, 2025/26). */
const UG_FEE = 9535;
/** Classroom-based foundation years are capped lower. */
const FOUNDATION_FEE = 5760;

const CAMPUSES: CampusSpec[] = [
  { code: 'MAN', name: 'Oxford Road Campus', city: 'Manchester' },
  { code: 'LDS', name: 'Park Lane Campus', city: 'Leeds' },
  { code: 'BRS', name: 'Harbourside Campus', city: 'Bristol' },
];

const DEPARTMENTS: DepartmentSpec[] = [
  { code: 'MUS', name: 'Music' },
  { code: 'CMP', name: 'Computing' },
  { code: 'BUS', name: 'Business' },
  { code: 'HLT', name: 'Health and Nursing' },
  { code: 'PSY', name: 'Psychology' },
];

const COURSES: CourseSpec[] = [
  // Music (auditions for every course)
  c('MUS-PROD', 'Music Production', 'MUS', 'MAN', 'undergraduate', 60, UG_FEE, 0.15, 1.1, true),
  c('MUS-SND', 'Sound Engineering', 'MUS', 'MAN', 'undergraduate', 40, UG_FEE, 0.05, 0.8, true),
  c('MUS-BUS', 'Music Business', 'MUS', 'MAN', 'undergraduate', 45, UG_FEE, -0.1, 0.7, true),
  // Computing
  c('CMP-CS', 'Computer Science', 'CMP', 'LDS', 'undergraduate', 180, UG_FEE, 0.0, 2.4, false),
  c('CMP-SE', 'Software Engineering', 'CMP', 'LDS', 'undergraduate', 120, UG_FEE, 0.05, 1.5, false),
  c('CMP-CYB', 'Cyber Security', 'CMP', 'LDS', 'undergraduate', 80, UG_FEE, -0.05, 1.1, false),
  c('CMP-DS', 'Data Science MSc', 'CMP', 'LDS', 'postgraduate_taught', 60, 11_500, -0.2, 1.0, false),
  c('CMP-AI', 'Artificial Intelligence MSc', 'CMP', 'LDS', 'postgraduate_taught', 40, 12_500, -0.25, 0.9, false),
  // Business
  c('BUS-MGT', 'Business Management', 'BUS', 'MAN', 'undergraduate', 160, UG_FEE, -0.05, 2.0, false),
  c('BUS-ACF', 'Accounting and Finance', 'BUS', 'MAN', 'undergraduate', 100, UG_FEE, 0.0, 1.2, false),
  c('BUS-MKT', 'Marketing', 'BUS', 'BRS', 'undergraduate', 90, UG_FEE, -0.1, 1.0, false),
  c('BUS-MBA', 'MBA', 'BUS', 'MAN', 'postgraduate_taught', 50, 15_000, -0.1, 0.7, true),
  c('BUS-IB', 'International Business MSc', 'BUS', 'BRS', 'postgraduate_taught', 70, 10_500, -0.3, 1.1, false),
  // Health and Nursing (values-based interviews)
  c('HLT-ADN', 'Adult Nursing', 'HLT', 'BRS', 'undergraduate', 150, UG_FEE, 0.3, 1.6, true),
  c('HLT-MHN', 'Mental Health Nursing', 'HLT', 'BRS', 'undergraduate', 80, UG_FEE, 0.25, 0.9, true),
  c('HLT-PHY', 'Physiotherapy', 'HLT', 'BRS', 'undergraduate', 40, UG_FEE, 0.2, 1.0, true),
  c('HLT-PH', 'Public Health MSc', 'HLT', 'BRS', 'postgraduate_taught', 35, 9_000, -0.05, 0.5, false),
  // Psychology
  c('PSY-BSC', 'Psychology', 'PSY', 'LDS', 'undergraduate', 170, UG_FEE, 0.0, 2.2, false),
  c('PSY-FY', 'Psychology with Foundation Year', 'PSY', 'LDS', 'foundation', 30, FOUNDATION_FEE, -0.15, 0.6, false),
  c('PSY-CLIN', 'Clinical Psychology MSc', 'PSY', 'LDS', 'postgraduate_taught', 30, 9_500, 0.1, 0.6, true),
];

function c(
  code: string,
  name: string,
  department: string,
  campus: string,
  level: CourseLevel,
  capacity: number,
  fee: number,
  appeal: number,
  popularity: number,
  interviews: boolean,
): CourseSpec {
  return { code, name, department, campus, level, capacity, fee, appeal, popularity, interviews };
}

export type CampusRow = { id: string; code: string; name: string; city: string; created_at: string };
export type DepartmentRow = { id: string; code: string; name: string; created_at: string };
export type TeamRow = { id: string; name: string; department_id: string; created_at: string };
export type UserRow = {
  id: string;
  email: string;
  full_name: string;
  role: Role;
  team_id: string;
  active: boolean;
  created_at: string;
};
export type CourseRow = {
  id: string;
  code: string;
  name: string;
  level: CourseLevel;
  department_id: string;
  campus_id: string;
  intake: string;
  capacity: number;
  fee_gbp: number;
  created_at: string;
};

export type TeamKind = 'home' | 'international';

/** One course as offered at one intake, with what the people generator needs to know about it. */
export type Offering = {
  courseId: string;
  code: string;
  name: string;
  slug: string;
  level: CourseLevel;
  departmentCode: string;
  appeal: number;
  popularity: number;
  interviews: boolean;
  /** Index into DemoCatalogue.intakes. */
  intakeIndex: number;
  teams: Record<TeamKind, { teamId: string; ownerIds: string[] }>;
};

export type DemoCatalogue = {
  campuses: CampusRow[];
  departments: DepartmentRow[];
  teams: TeamRow[];
  users: UserRow[];
  courses: CourseRow[];
  intakes: CycleDates[];
  /** Offerings per intake index, in the order of COURSES. */
  offerings: Offering[][];
};

/** Builds the institution: campuses, departments with two recruitment teams each, staff, and courses per intake. */
export function buildCatalogue(rng: Rng, faker: Faker, intakes: CycleDates[]): DemoCatalogue {
  const oldest = intakes[0];
  if (!oldest) throw new Error('At least one intake is needed');
  const createdAt = isoTimestamp(utc(oldest.intakeYear - 2, 6, 1, 9));

  const campuses = CAMPUSES.map((spec) => ({ id: rng.uuid(), ...spec, created_at: createdAt }));
  const departments = DEPARTMENTS.map((spec) => ({ id: rng.uuid(), ...spec, created_at: createdAt }));

  const teams: TeamRow[] = [];
  const users: UserRow[] = [];
  const usedEmails = new Set<string>();
  const teamsByDepartment = new Map<string, Record<TeamKind, { teamId: string; ownerIds: string[] }>>();
  for (const department of departments) {
    const byKind = {} as Record<TeamKind, { teamId: string; ownerIds: string[] }>;
    for (const kind of ['home', 'international'] as const) {
      const team: TeamRow = {
        id: rng.uuid(),
        name: `${department.name} — ${kind === 'home' ? 'UK Recruitment' : 'International Recruitment'}`,
        department_id: department.id,
        created_at: createdAt,
      };
      teams.push(team);
      const ownerIds: string[] = [];
      const members: Role[] = kind === 'home' ? ['manager', 'staff', 'staff'] : ['staff', 'staff'];
      for (const role of members) {
        const user = staffUser(rng, faker, role, team.id, usedEmails, createdAt);
        users.push(user);
        ownerIds.push(user.id);
      }
      byKind[kind] = { teamId: team.id, ownerIds };
    }
    teamsByDepartment.set(department.code, byKind);
  }

  const courses: CourseRow[] = [];
  const offerings: Offering[][] = intakes.map(() => []);
  for (const spec of COURSES) {
    const department = departments.find((d) => d.code === spec.department);
    const campus = campuses.find((x) => x.code === spec.campus);
    const departmentTeams = teamsByDepartment.get(spec.department);
    if (!department || !campus || !departmentTeams) throw new Error(`Inconsistent catalogue entry ${spec.code}`);
    intakes.forEach((dates, intakeIndex) => {
      const yearsOn = dates.intakeYear - oldest.intakeYear;
      const fee = spec.level === 'postgraduate_taught' ? Math.round((spec.fee * 1.03 ** yearsOn) / 50) * 50 : spec.fee;
      const row: CourseRow = {
        id: rng.uuid(),
        code: spec.code,
        name: spec.name,
        level: spec.level,
        department_id: department.id,
        campus_id: campus.id,
        intake: dates.intakeDate,
        capacity: Math.max(10, Math.round((spec.capacity * rng.between(0.9, 1.12)) / 5) * 5),
        fee_gbp: fee,
        created_at: isoTimestamp(dates.enquiryWindowStart - 30 * 86_400_000),
      };
      courses.push(row);
      offerings[intakeIndex]?.push({
        courseId: row.id,
        code: spec.code,
        name: spec.name,
        slug: spec.name.toLowerCase().replace(/[^a-z]+/g, '-'),
        level: spec.level,
        departmentCode: spec.department,
        appeal: spec.appeal,
        popularity: spec.popularity,
        interviews: spec.interviews,
        intakeIndex,
        teams: departmentTeams,
      });
    });
  }
  return { campuses, departments, teams, users, courses, intakes, offerings };
}

function staffUser(
  rng: Rng,
  faker: Faker,
  role: Role,
  teamId: string,
  usedEmails: Set<string>,
  createdAt: string,
): UserRow {
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const base = `${asciiLetters(first)}.${asciiLetters(last)}`;
  let email = `${base}@staff.ivy.ac.uk`;
  for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@staff.ivy.ac.uk`;
  usedEmails.add(email);
  return {
    id: rng.uuid(),
    email,
    full_name: `${first} ${last}`,
    role,
    team_id: teamId,
    active: true,
    created_at: createdAt,
  };
}

/** Lower-case ASCII letters of a name, for e-mail local parts ("O'Connor-Smith" → "oconnorsmith"). */
export function asciiLetters(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
