import { schema, testDatabaseTargets } from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCatalogue, openTestApp, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('POST /ai/triage/leads on $label', (target) => {
  let t: TestApp;
  let teamLead = '';
  let otherLead = '';
  let staffCookie = '';

  beforeAll(async () => {
    t = await openTestApp(target);
    const { team, courses } = await insertCatalogue(t.database);
    staffCookie = await t.signIn({ email: 'officer@ivy.test', role: 'staff', team_id: team.id });
    const [mine, other] = await t.database.db
      .insert(schema.people)
      .values([
        { email: 'keen@x.ac.uk', team_id: team.id, course_id: courses[0]?.id, source: 'referral' },
        { email: 'elsewhere@x.ac.uk', source: 'ucas' },
      ])
      .returning({ id: schema.people.id });
    teamLead = mine?.id ?? '';
    otherLead = other?.id ?? '';
  });
  afterAll(() => t.close());

  const triage = (payload: object, cookie?: string) =>
    cookie
      ? t.app.inject({ method: 'POST', url: '/ai/triage/leads', payload, headers: { cookie } })
      : t.request({ method: 'POST', url: '/ai/triage/leads', payload });

  it('answers the seed’s curl example with a low score and a data-completeness blocker', async () => {
    const response = await triage({
      leads: [{ id: 'test123', has_email: false, has_phone: false, source: 'unknown' }],
    });
    expect(response.statusCode).toBe(200);
    const [lead] = response.json().leads;
    expect(lead).toMatchObject({ leadId: 'test123', band: 'low', action: 'verify_data', weights_version: 1 });
    expect(lead.score).toBeLessThan(20);
    expect(lead.blockers[0]).toEqual({
      type: 'data_completeness',
      severity: 'critical',
      description: 'No valid e-mail address or phone number',
      action_required: 'Find a working e-mail address or phone number',
    });
    expect(lead.alerts[0]).toMatchObject({ id: null, type: 'data_completeness', level: 3, status: 'open' });
    expect(lead.explanation).toMatchObject({ source: 'rules' });
    expect(lead.explanation.text).toMatch(/^Scored [\d.]+ of 100 \(low\)\./);
    expect(lead.improvements.length).toBeGreaterThan(0);
    expect(lead.factors.map((factor: { factor: string }) => factor.factor)).toEqual([
      'engagement',
      'recency',
      'source_quality',
      'contactability',
      'course_fit',
    ]);
  });

  it('refuses a body with both or neither of leads and lead_ids, and an unknown source, naming the field', async () => {
    const both = await triage({ leads: [{ id: 'a' }], lead_ids: [teamLead] });
    expect(both.statusCode).toBe(400);
    expect(both.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(both.json())).toContain('leads');
    expect((await triage({})).statusCode).toBe(400);
    const source = await triage({ leads: [{ id: 'a', source: 'tiktok' }] });
    expect(source.statusCode).toBe(400);
    expect(JSON.stringify(source.json())).toContain('leads.0.source');
  });

  it('triages stored people, storing their scores and alerts', async () => {
    const response = await triage({ lead_ids: [teamLead] }, staffCookie);
    expect(response.statusCode).toBe(200);
    const [lead] = response.json().leads;
    expect(lead.leadId).toBe(teamLead);
    const [stored] = await t.database.db
      .select()
      .from(schema.leadScores)
      .where(eq(schema.leadScores.person_id, teamLead));
    expect(stored).toMatchObject({ score: lead.score, band: lead.band, weights_version: 1 });
    // No phone and no consent recorded: a stored, addressable alert.
    expect(lead.alerts[0]).toMatchObject({ type: 'data_completeness', status: 'open' });
    expect(lead.alerts[0].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 for a person outside the caller’s scope, and stores nothing at all', async () => {
    await t.database.db.delete(schema.leadScores);
    const response = await triage({ lead_ids: [teamLead, otherLead] }, staffCookie);
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain(otherLead);
    expect(await t.database.db.select().from(schema.leadScores)).toEqual([]);
  });
});
