import { testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCatalogue, openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('people API on $label', (target) => {
  let t: TestApp;
  let catalogue: Awaited<ReturnType<typeof insertCatalogue>>;

  beforeAll(async () => {
    t = await openTestApp(target);
    catalogue = await insertCatalogue(t.database);
  });
  afterAll(() => t.close());

  async function createPerson(body: Record<string, unknown>) {
    const response = await t.request({ method: 'POST', url: '/people', payload: body });
    return { status: response.statusCode, body: response.json(), type: response.headers['content-type'] };
  }

  it('creates an enquirer with a normalised phone and returns the profile', async () => {
    const created = await createPerson({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'Ada.Lovelace@example.ac.uk',
      phone: '07911 123456',
      postcode: 'sw1a 1aa',
      source: 'event',
      course_id: catalogue.courses[0]?.id,
      owner_id: catalogue.owner.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      lifecycle_stage: 'enquirer',
      phone_e164: '+447911123456',
      postcode: 'SW1A 1AA',
      course: { name: 'Music Production' },
      owner: { full_name: 'Sam Owner' },
      enquired_at: TEST_NOW.toISOString(),
      applications: [],
      recent_events: [],
    });
  });

  it('answers 409 naming the field when the normalised e-mail already exists', async () => {
    const duplicate = await createPerson({ first_name: 'Ada', email: '  ADA.LOVELACE@example.ac.uk ' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.type).toContain('application/problem+json');
    expect(duplicate.body.errors).toEqual([{ path: 'body.email', message: 'already exists' }]);
  });

  it('rejects an invalid e-mail, an unknown stage and an unknown field with problem+json field paths', async () => {
    const invalid = await createPerson({ email: 'not-an-email', lifecycle_stage: 'prospect', favourite_colour: 'red' });
    expect(invalid.status).toBe(400);
    expect(invalid.type).toContain('application/problem+json');
    const paths = invalid.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.lifecycle_stage', 'body.favourite_colour']));
    expect(invalid.body.detail).toContain('body.email');
    expect(JSON.stringify(invalid.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers 400 on a course that does not exist and writes nothing', async () => {
    const before = await t.request({ method: 'GET', url: '/people/leads' });
    const response = await createPerson({
      email: 'ghost@example.ac.uk',
      course_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('body.course_id');
    const after = await t.request({ method: 'GET', url: '/people/leads' });
    expect(after.json().total).toBe(before.json().total);
  });

  it('stamps stage dates on a stage change and clears the loss when a lost lead returns', async () => {
    const { body: person } = await createPerson({ email: 'grace@example.ac.uk', first_name: 'Grace' });
    const lost = await t.request({
      method: 'PATCH',
      url: `/people/${person.id}`,
      payload: { lifecycle_stage: 'lost', lost_reason: 'chose_another_university' },
    });
    expect(lost.json()).toMatchObject({ lifecycle_stage: 'lost', lost_at: TEST_NOW.toISOString() });
    const back = await t.request({
      method: 'PATCH',
      url: `/people/${person.id}`,
      payload: { lifecycle_stage: 'applicant' },
    });
    expect(back.json()).toMatchObject({
      lifecycle_stage: 'applicant',
      applied_at: TEST_NOW.toISOString(),
      lost_at: null,
      lost_reason: null,
    });
  });

  it('answers 404 for a person that does not exist and 400 for a malformed id', async () => {
    const missing = await t.request({ method: 'GET', url: '/people/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const malformed = await t.request({ method: 'GET', url: '/people/not-a-uuid' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toBe('params.id');
  });

  it('records an engagement event and moves last activity forward, refusing future dates', async () => {
    const { body: person } = await createPerson({ email: 'events@example.ac.uk', enquired_at: '2026-10-01T09:00:00Z' });
    expect(person.last_activity_at).toBe('2026-10-01T09:00:00.000Z');
    const event = await t.request({
      method: 'POST',
      url: `/people/${person.id}/events`,
      payload: { type: 'web_visit', occurred_at: '2026-11-20T10:00:00Z', duration_seconds: 240 },
    });
    expect(event.statusCode).toBe(201);
    const future = await t.request({
      method: 'POST',
      url: `/people/${person.id}/events`,
      payload: { type: 'call', occurred_at: '2027-01-01T00:00:00Z' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].path).toBe('body.occurred_at');
    const unknownType = await t.request({
      method: 'POST',
      url: `/people/${person.id}/events`,
      payload: { type: 'tweet' },
    });
    expect(unknownType.statusCode).toBe(400);
    const profile = (await t.request({ method: 'GET', url: `/people/${person.id}` })).json();
    expect(profile.last_activity_at).toBe('2026-11-20T10:00:00.000Z');
    expect(profile.event_counts).toEqual({ web_visit: 1 });
    expect(profile.recent_events[0]).toMatchObject({ type: 'web_visit', duration_seconds: 240 });
  });
});

describe.each(testDatabaseTargets())('lead list on $label', (target) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp(target);
    const { courses } = await insertCatalogue(t.database);
    const stages = ['enquirer', 'applicant', 'offer'] as const;
    for (let i = 0; i < 25; i++) {
      const response = await t.request({
        method: 'POST',
        url: '/people',
        payload: {
          first_name: `Person${String(i).padStart(2, '0')}`,
          last_name: i % 2 ? 'Smith' : 'Jones',
          email: `person${i}@example.ac.uk`,
          lifecycle_stage: stages[i % 3],
          source: i % 5 === 0 ? 'ucas' : 'organic_search',
          course_id: courses[i % 2]?.id,
          enquired_at: new Date(Date.UTC(2026, 8, 1 + i)).toISOString(),
        },
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  async function list(query: string) {
    const response = await t.request({ method: 'GET', url: `/people/leads?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('pages through every lead exactly once with the cursor, in sort order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`sort=name&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(25);
      seen.push(
        ...page.items.map((item: { last_name: string; first_name: string }) => `${item.last_name} ${item.first_name}`),
      );
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('filters by stage and source lists, with the total counting every match', async () => {
    const page = await list('stage=applicant,offer&source=ucas');
    const expected = Array.from({ length: 25 }, (_, i) => i).filter((i) => i % 3 !== 0 && i % 5 === 0).length;
    expect(page.total).toBe(expected);
    for (const item of page.items) {
      expect(['applicant', 'offer']).toContain(item.lifecycle_stage);
      expect(item.source).toBe('ucas');
    }
  });

  it('searches names and e-mails, and sorts by last activity', async () => {
    const page = await list('q=person1&sort=-last_activity_at');
    expect(page.total).toBe(11);
    const times = page.items.map((item: { last_activity_at: string }) => item.last_activity_at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('filters by created range inclusive of the last day', async () => {
    const page = await list('created_from=2026-11-23&created_to=2026-11-23');
    expect(page.total).toBe(25);
    const none = await list('created_to=2026-11-22');
    expect(none.total).toBe(0);
  });

  it('rejects an unknown stage, a bad sort and a forged cursor', async () => {
    for (const query of ['stage=prospect', 'sort=email', 'cursor=bm9wZQ']) {
      const response = await t.request({ method: 'GET', url: `/people/leads?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
