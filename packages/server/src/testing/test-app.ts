import type { Role } from '@ivy/core';
import { schema, type TestDatabase, type TestDatabaseTarget } from '@ivy/db';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type BuildAppOptions, buildApp } from '../app';
import { SESSION_COOKIE } from '../auth/guard';
import { hashPassword } from '../auth/secrets';
import { loadConfig } from '../config';
import type { IvyApp } from '../http/types';
import type { JobName, JobQueue } from '../jobs/job-names';

export type RecordingJobQueue = JobQueue & { sent: { name: JobName; data: Record<string, unknown> }[] };

export function recordingJobQueue(): RecordingJobQueue {
  const sent: RecordingJobQueue['sent'] = [];
  return {
    sent,
    async send(name, data = {}) {
      sent.push({ name, data });
      return `recorded-${sent.length}`;
    },
  };
}

export const TEST_NOW = new Date('2026-11-23T12:00:00Z');

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestApp = {
  app: IvyApp;
  /** The jobs routes asked for, in order: the queue is a recorder here, not pg-boss. */
  jobs: RecordingJobQueue;
  database: TestDatabase;
  /** `app.inject` as the signed-in admin created for the test. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Creates a user with TEST_PASSWORD, signs them in, and returns their session cookie. */
  signIn(user: { email: string; role: Role; team_id?: string | null; person_id?: string | null }): Promise<string>;
  close(): Promise<void>;
};

/** The app on a fresh database of the given target, with the clock pinned to TEST_NOW and an admin signed in. */
export async function openTestApp(
  target: TestDatabaseTarget,
  options: Pick<BuildAppOptions, 'logger'> = {},
): Promise<TestApp> {
  const database = await target.open();
  const jobs = recordingJobQueue();
  const app = await buildApp({ database, config: loadConfig({}), jobs, now: () => TEST_NOW, ...options });
  const passwordHash = await hashPassword(TEST_PASSWORD);

  async function signIn(user: { email: string; role: Role; team_id?: string | null; person_id?: string | null }) {
    await database.db
      .insert(schema.users)
      .values({ full_name: user.email.split('@')[0] ?? 'user', ...user, password_hash: passwordHash });
    const response = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (response.statusCode !== 200 || !cookie) throw new Error(`sign-in failed: ${response.body}`);
    return `${SESSION_COOKIE}=${cookie.value}`;
  }

  const adminCookie = await signIn({ email: 'test.admin@ivy.test', role: 'admin' });
  return {
    app,
    jobs,
    database,
    signIn,
    request: (options) => app.inject({ ...options, headers: { ...options.headers, cookie: adminCookie } }),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A small catalogue: one department, one campus, two courses, one staff owner. */
export async function insertCatalogue(database: TestDatabase) {
  const { db } = database;
  const [department] = await db.insert(schema.departments).values({ code: 'MUS', name: 'Music' }).returning();
  const [campus] = await db
    .insert(schema.campuses)
    .values({ code: 'LDN', name: 'London Campus', city: 'London' })
    .returning();
  if (!department || !campus) throw new Error('catalogue insert failed');
  const [team] = await db
    .insert(schema.teams)
    .values({ name: 'Music Admissions', department_id: department.id })
    .returning();
  const [owner] = await db
    .insert(schema.users)
    .values({ email: 'sam.owner@staff.ivy.ac.uk', full_name: 'Sam Owner', role: 'staff', team_id: team?.id })
    .returning();
  const courses = await db
    .insert(schema.courses)
    .values([
      {
        code: 'MUSPROD',
        name: 'Music Production',
        level: 'undergraduate',
        department_id: department.id,
        campus_id: campus.id,
        intake: '2027-09-01',
        capacity: 60,
        fee_gbp: 9535,
      },
      {
        code: 'SNDENG',
        name: 'Sound Engineering',
        level: 'undergraduate',
        department_id: department.id,
        campus_id: campus.id,
        intake: '2027-09-01',
        capacity: 40,
        fee_gbp: 9535,
      },
    ])
    .returning();
  if (!team || !owner || courses.length !== 2) throw new Error('catalogue insert failed');
  return { department, campus, team, owner, courses };
}
