import { schema, testDatabaseTargets } from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCatalogue, openTestApp, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('/ai/forecast on $label', (target) => {
  let t: TestApp;
  let personId = '';
  let staffCookie = '';

  beforeAll(async () => {
    t = await openTestApp(target);
    const { team, courses } = await insertCatalogue(t.database);
    staffCookie = await t.signIn({ email: 'forecaster@ivy.test', role: 'staff', team_id: team.id });
    const [person] = await t.database.db
      .insert(schema.people)
      .values({
        email: 'likely@x.ac.uk',
        phone: '07700 900456',
        phone_e164: '+447700900456',
        consent_email: true,
        team_id: team.id,
        course_id: courses[0]?.id,
        source: 'referral',
      })
      .returning({ id: schema.people.id });
    personId = person?.id ?? '';
    await t.database.db.insert(schema.engagementEvents).values(
      ['event_attended', 'email_click', 'web_visit', 'web_visit', 'portal_login'].map((type) => ({
        person_id: personId,
        type: type as 'web_visit',
        occurred_at: new Date('2026-11-20T10:00:00Z'),
      })),
    );
  });
  afterAll(() => t.close());

  it('starts from the seed’s defaults', async () => {
    const response = await t.request({ method: 'GET', url: '/ai/forecast/config' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      version: 1,
      bias: -3,
      weights: {
        engagement_points: 0.085,
        recency_points: 0.07,
        source_points: 0.06,
        contactability_points: 0.055,
        course_fit_points: 0.05,
      },
      eta_base_days: 45,
      eta_engagement_shortening_max: 20,
      min_probability_for_eta: 0.25,
    });
  });

  it('answers the seed’s curl example with probability, drivers and risks, and no ETA below 0.25', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/ai/forecast/leads',
      payload: { leads: [{ id: 'test123', has_email: true, has_phone: true, source: 'organic_search' }] },
    });
    expect(response.statusCode).toBe(200);
    const [lead] = response.json().leads;
    expect(lead).toMatchObject({ leadId: 'test123', eta_days: null, config_version: 1, persisted: false });
    expect(lead.probability).toBeGreaterThan(0);
    expect(lead.probability).toBeLessThan(0.25);
    expect(lead.drivers).toContain('Valid e-mail, valid phone, no consent recorded');
    expect(lead.risks).toContain('No engagement in the last 90 days');
    expect(Object.keys(lead.explanation)).toHaveLength(5);
  });

  it('forecasts a stored, engaged person with an ETA, and stores it when asked', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/ai/forecast/leads',
      headers: { cookie: staffCookie },
      payload: { lead_ids: [personId], persist: true },
    });
    expect(response.statusCode).toBe(200);
    const [lead] = response.json().leads;
    expect(lead.probability).toBeGreaterThanOrEqual(0.25);
    expect(lead.eta_days).toBeGreaterThan(25);
    expect(lead.eta_days).toBeLessThan(45);
    const stored = await t.database.db
      .select()
      .from(schema.leadForecasts)
      .where(eq(schema.leadForecasts.person_id, personId));
    expect(stored).toEqual([
      expect.objectContaining({ probability: lead.probability, eta_days: lead.eta_days, config_version: 1 }),
    ]);
  });

  it('refuses to persist raw leads', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/ai/forecast/leads',
      payload: { leads: [{ id: 'x' }], persist: true },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('persist');
  });

  it('changes the configuration as a new audited version', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/ai/forecast/config',
      payload: { weights: { engagement_points: 0.1 }, eta_base_days: 35 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      version: 2,
      eta_base_days: 35,
      weights: { engagement_points: 0.1, recency_points: 0.07 },
    });
    const audit = await t.database.db
      .select({ details: schema.auditLog.details })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'forecast.config.update'));
    expect(audit).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ old_version: 1, new_version: 2 }) }),
    ]);
  });

  it('refuses an invalid change, naming the field, and the old configuration still applies', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/ai/forecast/config',
      payload: { eta_engagement_shortening_max: 60 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(response.json())).toContain('body.eta_engagement_shortening_max');
    const current = await t.request({ method: 'GET', url: '/ai/forecast/config' });
    expect(current.json()).toMatchObject({ version: 2, eta_engagement_shortening_max: 20 });
  });

  it('lists every version, newest first, naming who made it', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/ai/forecast/config/history',
      headers: { cookie: staffCookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().versions).toEqual([
      expect.objectContaining({
        version: 2,
        active: true,
        created_by_label: 'test.admin@ivy.test',
        config: expect.objectContaining({ eta_base_days: 35 }),
      }),
      expect.objectContaining({
        version: 1,
        active: false,
        created_by_label: 'system',
        config: expect.objectContaining({ eta_base_days: 45 }),
      }),
    ]);
  });

  it('lets staff read the configuration but not change it', async () => {
    const read = await t.app.inject({ method: 'GET', url: '/ai/forecast/config', headers: { cookie: staffCookie } });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/ai/forecast/config',
      headers: { cookie: staffCookie },
      payload: { bias: -2 },
    });
    expect(write.statusCode).toBe(403);
  });
});
