import { schema, testDatabaseTargets } from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app';

/** The seed's test sentence (phase 5.1). */
const SEED_SENTENCE = 'Student John Smith, email: john@email.com';

describe.each(testDatabaseTargets())('/ai/pii on $label', (target) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestApp(target);
    const { db } = t.database;
    const [department] = await db.insert(schema.departments).values({ code: 'MUS', name: 'Music' }).returning();
    const [team, other] = await db
      .insert(schema.teams)
      .values([
        { name: 'Music A', department_id: department?.id ?? '' },
        { name: 'Music B', department_id: department?.id ?? '' },
      ])
      .returning();
    cookies.staff = await t.signIn({ email: 'pii.staff@ivy.test', role: 'staff', team_id: team?.id });
    cookies.student = await t.signIn({ email: 'pii.student@ivy.test', role: 'student' });
    const people = await db
      .insert(schema.people)
      .values([
        { first_name: 'Ngozi', last_name: 'Okafor', email: 'n.okafor@example.ac.uk', team_id: team?.id },
        { first_name: 'Hidden', last_name: 'Person', team_id: other?.id },
      ])
      .returning({ id: schema.people.id, first_name: schema.people.first_name });
    for (const person of people) ids[person.first_name ?? ''] = person.id;
  });
  afterAll(() => t.close());

  const redact = (level: string, text = SEED_SENTENCE) =>
    t.request({ method: 'POST', url: '/ai/pii/redact', payload: { text, level } });

  it('detects the name and e-mail in the seed’s sentence, and audits counts, never the text', async () => {
    const response = await t.request({ method: 'POST', url: '/ai/pii/detect', payload: { text: SEED_SENTENCE } });
    expect(response.statusCode).toBe(200);
    const detected = response.json();
    expect(detected.matches.map((m: { type: string; value: string }) => [m.type, m.value])).toEqual([
      ['name', 'John Smith'],
      ['email', 'john@email.com'],
    ]);
    expect(detected.by_type).toEqual({ name: 1, email: 1 });
    const [entry] = await t.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'pii.detect'));
    expect(entry?.details).toMatchObject({ operation_id: detected.operation_id, by_type: { name: 1, email: 1 } });
    expect(JSON.stringify(entry?.details)).not.toContain('john');
  });

  it('redacts the seed’s sentence at all four levels', async () => {
    expect((await redact('full')).json().redacted_text).toBe('Student [REDACTED_NAME], email: [REDACTED_EMAIL]');
    expect((await redact('partial')).json().redacted_text).toBe('Student J*** S***, email: j***@email.com');
    expect((await redact('anonymized')).json().redacted_text).toBe('Student PERSON_1, email: EMAIL_1');
    const hashed = (await redact('hashed')).json().redacted_text as string;
    expect(hashed).toMatch(/^Student \[NAME:[0-9a-f]{12}\], email: \[EMAIL:[0-9a-f]{12}\]$/);
    // Keyed: the same value gets the same tag within the process, and the tag is not a bare hash of the value.
    expect((await redact('hashed')).json().redacted_text).toBe(hashed);
  });

  it('finds a stored person by their record, scope-checked', async () => {
    const text = 'Spoke to ngozi okafor about her offer';
    const plain = (
      await t.app.inject({
        method: 'POST',
        url: '/ai/pii/redact',
        headers: { cookie: cookies.staff },
        payload: { text, level: 'full' },
      })
    ).json();
    expect(plain.redacted_text).toContain('ngozi okafor');
    const known = await t.app.inject({
      method: 'POST',
      url: '/ai/pii/redact',
      headers: { cookie: cookies.staff },
      payload: { text, level: 'full', person_ids: [ids.Ngozi] },
    });
    expect(known.json().redacted_text).toBe('Spoke to [REDACTED_NAME] about her offer');
    const outside = await t.app.inject({
      method: 'POST',
      url: '/ai/pii/redact',
      headers: { cookie: cookies.staff },
      payload: { text, person_ids: [ids.Hidden] },
    });
    expect(outside.statusCode).toBe(404);
  });

  it('refuses bad input by field, and users without the permission', async () => {
    const level = await redact('masked');
    expect(level.statusCode).toBe(400);
    expect(level.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(level.json())).toContain('body.level');
    const empty = await t.request({ method: 'POST', url: '/ai/pii/detect', payload: { text: '' } });
    expect(JSON.stringify(empty.json())).toContain('body.text');
    const student = await t.app.inject({
      method: 'POST',
      url: '/ai/pii/detect',
      headers: { cookie: cookies.student },
      payload: { text: SEED_SENTENCE },
    });
    expect(student.statusCode).toBe(403);
  });

  it('lists the ten types and four levels', async () => {
    const patterns = (await t.request({ method: 'GET', url: '/ai/pii/patterns' })).json();
    expect(patterns.types).toHaveLength(10);
    expect(patterns.redaction_levels).toEqual(['full', 'partial', 'hashed', 'anonymized']);
    expect(patterns.hashed_key).toBe('per_process');
  });
});
