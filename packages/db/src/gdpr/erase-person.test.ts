import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../client';
import { appendAudit } from '../identity/audit';
import { recordLoginAttempt } from '../identity/sessions';
import { recordMlPredictions } from '../ml/ml-predictions';
import { addEngagementEvent, updatePerson } from '../people/write-person';
import { queryRows } from '../query-rows';
import { activities, consentRecords, llmCalls, mlModels } from '../schema';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { activeForecastConfig } from '../triage/forecast-config';
import { storeForecasts } from '../triage/forecasts';
import { refreshTriage } from '../triage/refresh-triage';
import { erasePerson } from './erase-person';
import { exportPerson } from './export-person';
import { gdprReport } from './gdpr-report';
import { countPastRetention, erasePeoplePastRetention } from './retention';

const NOW = new Date('2026-11-23T12:00:00Z');
const actor = { id: null, label: 'dpo-test' };
const audit = { actor, at: NOW };
const ALL = { kind: 'all' } as const;
/** Drizzle wraps the database's error; its message is the cause's. */
const failedWith = (message: RegExp) => ({
  cause: expect.objectContaining({ message: expect.stringMatching(message) }),
});

type Identity = {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  phone_e164: string;
  external_ref: string;
};

/** Every (table, column) holding text or JSON in the public schema, with how many rows contain the needle. */
async function findEverywhere(db: Tx, needle: string): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
        order by table_name, column_name`,
  );
  expect(columns.length).toBeGreaterThan(40);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table_name)}
          where position(${needle.toLowerCase()} in lower(${sql.identifier(column_name)}::text)) > 0`,
    );
    if ((row?.n ?? 0) > 0) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

const conversionBySource = (db: Tx) =>
  queryRows<Record<string, unknown>>(
    db,
    sql`select source, count(*)::int as people, count(*) filter (where lifecycle_stage = 'enrolled')::int as enrolled,
          count(*) filter (where lifecycle_stage = 'lost')::int as lost, count(applied_at)::int as applied
        from people group by source order by source`,
  );

/** A digest of the rows erasure touches, to prove a failed or repeated erasure changed nothing. */
async function digest(db: Tx): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of [
    'people',
    'engagement_events',
    'activities',
    'alerts',
    'lead_scores',
    'lead_forecasts',
    'ml_predictions',
    'consent_records',
    'audit_log',
    'gdpr_requests',
    'login_attempts',
    'users',
  ]) {
    const [row] = await queryRows<{ d: string | null }>(
      db,
      sql.raw(`select md5(string_agg(t::text, '|' order by t::text)) as d from ${table} t`),
    );
    out[table] = row?.d ?? '';
  }
  return out;
}

/** A seeded person whose identifiers belong to no one else, so any hit after erasure is a leak. */
async function pickUniquePerson(db: Tx, skip: string[]): Promise<Identity> {
  const [row] = await queryRows<Identity>(
    db,
    sql`select p.id, p.first_name, p.last_name, p.email, p.phone, p.phone_e164, coalesce(p.external_ref, '') as external_ref
        from people p
        where p.email is not null and p.phone_e164 is not null and p.first_name is not null and p.last_name is not null
          ${
            skip.length
              ? sql`and p.id not in (${sql.join(
                  skip.map((id) => sql`${id}`),
                  sql`, `,
                )})`
              : sql``
          }
          and exists (select 1 from engagement_events e where e.person_id = p.id)
          and exists (select 1 from activities a where a.person_id = p.id)
          and exists (select 1 from alerts a where a.person_id = p.id)
          and (select count(*) from people q where lower(q.first_name || ' ' || q.last_name) = lower(p.first_name || ' ' || p.last_name)) = 1
          and (select count(*) from people q where q.phone_e164 = p.phone_e164 or q.phone = p.phone) = 1
          and not exists (select 1 from users u where lower(u.full_name) = lower(p.first_name || ' ' || p.last_name))
        order by p.id limit 1`,
  );
  if (!row) throw new Error('the demo data has no suitable person');
  return row;
}

describe.each(testDatabaseTargets())('GDPR erasure on $label', (target) => {
  let database: TestDatabase;
  let modelId: string;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 300, seed: 11, asOf: NOW });
    await refreshTriage(database.db, { now: NOW, audit, slaHours: 24 });
    const [model] = await database.db
      .insert(mlModels)
      .values({
        algorithm: 'logistic_regression',
        hyper_parameters: {},
        input_features: [],
        training_window_start: NOW,
        training_window_end: NOW,
        horizon_days: 365,
        row_count: 0,
        metrics: {},
        feature_importance: [],
        artifact: {},
      })
      .returning({ id: mlModels.id });
    modelId = model?.id ?? '';
  }, 120_000);
  afterAll(() => database.close());

  /** Gives the person every kind of data Ivy can hold, through the functions that normally write it. */
  async function giveEverything(person: Identity) {
    const { db } = database;
    const ref = `UCAS-${person.id.slice(0, 8)}`;
    await updatePerson(db, person.id, { postcode: 'LS1 4AP' }, ALL, audit);
    await db.execute(sql`update people set external_ref = ${ref}, campaign = 'Open day autumn',
      attributes = ${JSON.stringify({ referee: `${person.first_name} ${person.last_name}` })}::jsonb where id = ${person.id}`);
    await addEngagementEvent(
      db,
      person.id,
      { type: 'form_submit', occurred_at: NOW, metadata: { form: 'enquiry', from: person.email } },
      ALL,
      audit,
    );
    await db.insert(activities).values({
      person_id: person.id,
      type: 'note',
      subject: `Call with ${person.first_name} ${person.last_name}`,
      body: `Ring back on ${person.phone}`,
      occurred_at: NOW,
    });
    // Someone else's note that quotes them.
    const [other] = await queryRows<{ id: string }>(db, sql`select id from people where id <> ${person.id} limit 1`);
    await db.insert(activities).values({
      person_id: other?.id ?? '',
      type: 'note',
      subject: 'Sibling',
      body: `Sister of ${person.first_name} ${person.last_name} (${person.email})`,
      occurred_at: NOW,
    });
    const { version } = await activeForecastConfig(db);
    await storeForecasts(
      db,
      [
        {
          person_id: person.id,
          probability: 0.4,
          eta_days: 30,
          confidence: 0.6,
          drivers: ['Engaged recently'],
          risks: ['No phone'],
          explanation: { engagement: 0.4, recency: 0.2, source_quality: 0.2, contactability: 0.1, course_fit: 0.1 },
        },
      ],
      { configVersion: version, now: NOW },
    );
    await recordMlPredictions(db, [
      { person_id: person.id, model_id: modelId, horizon_days: 365, probability: 0.3, lower: 0.2, upper: 0.4 },
    ]);
    // A language-model call logged raw while an admin had raw logging on.
    await db.insert(llmCalls).values({
      purpose: 'triage_explanation',
      model: 'fake-model',
      redacted_prompt: 'Explain PERSON_1',
      raw_prompt: `Explain ${person.first_name} ${person.last_name} <${person.email}>`,
      raw_response: `${person.first_name} ${person.last_name} is engaged`,
      outcome: 'success',
    });
    await db.insert(consentRecords).values([
      { person_id: person.id, consent_type: 'marketing', granted: true, purpose: 'Open day news', source: 'web_form' },
      { person_id: person.id, consent_type: 'ai_processing', granted: true, purpose: 'Triage', source: 'staff' },
    ]);
    await recordLoginAttempt(db, { email: person.email, succeeded: false, ip: '10.0.0.1', at: NOW });
    await appendAudit(db, {
      actor,
      action: 'auth.login',
      resourceType: 'system_config',
      outcome: 'failure',
      details: { email: person.email },
      at: NOW,
    });
    await appendAudit(db, {
      actor,
      action: 'person.note',
      resourceType: 'lead_data',
      resourceId: person.id,
      outcome: 'success',
      details: { mentioned: `${person.last_name}, ${person.first_name}`, ref },
      at: NOW,
    });
    return { ...person, external_ref: ref };
  }

  const needles = (p: Identity) => [p.email, p.phone, p.phone_e164, `${p.first_name} ${p.last_name}`, p.external_ref];

  it('exports everything about a person, then erases them from every text and JSON column', async () => {
    const { db } = database;
    const person = await giveEverything(await pickUniquePerson(db, []));
    for (const needle of needles(person)) expect((await findEverywhere(db, needle)).length).toBeGreaterThan(0);

    const exported = await exportPerson(db, person.id, { actor, now: NOW, scope: ALL });
    expect(exported?.person.email).toBe(person.email);
    expect(exported?.engagement_events.length).toBeGreaterThan(0);
    expect(exported?.activities.some((a) => a.body?.includes(person.phone))).toBe(true);
    expect(exported?.alerts.length).toBeGreaterThan(0);
    expect(exported?.lead_score?.person_id).toBe(person.id);
    expect(exported?.lead_forecasts).toHaveLength(1);
    expect(exported?.ml_predictions).toHaveLength(1);
    const [consents] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from consent_records where person_id = ${person.id}`,
    );
    expect(exported?.consent_history).toHaveLength(consents?.n ?? -1);
    expect(exported?.consent_history.map((c) => c.purpose)).toEqual(
      expect.arrayContaining(['Open day news', 'Triage']),
    );
    expect(exported?.audit_entries.some((e) => e.action === 'person.note')).toBe(true);

    const conversions = await conversionBySource(db);
    const result = await erasePerson(db, {
      personId: person.id,
      ground: 'subject_request',
      reason: `Asked by ${person.first_name} ${person.last_name} by letter`,
      actor,
      now: NOW,
    });
    expect(result.status).toBe('erased');
    if (result.status !== 'erased') return;
    expect(result.summary).toMatchObject({
      people: 1,
      lead_scores: 1,
      lead_forecasts: 1,
      ml_predictions: 1,
      consent_records: consents?.n,
      login_attempts: 1,
      notes_elsewhere: 1,
    });
    expect(result.summary.alerts).toBeGreaterThan(0);
    expect(result.summary.audit_log).toBeGreaterThanOrEqual(2);

    for (const needle of needles(person))
      expect({ needle, hits: await findEverywhere(db, needle) }).toEqual({ needle, hits: [] });
    expect(await conversionBySource(db)).toEqual(conversions);

    const [kept] = await queryRows<Record<string, unknown>>(
      db,
      sql`select first_name, email, source, course_id is not null as has_course, enquired_at is not null as enquired,
            (select count(*)::int from engagement_events where person_id = ${person.id}) as events
          from people where id = ${person.id}`,
    );
    expect(kept).toMatchObject({ first_name: null, email: null, has_course: true, enquired: true });
    expect(kept?.events).toBeGreaterThan(0);
    const [entry] = await queryRows<{ details: Record<string, unknown>; actor_label: string }>(
      db,
      sql`select details, actor_label from audit_log where action = 'person.erase' and resource_id = ${person.id}`,
    );
    expect(entry?.details).toMatchObject({ request_id: result.request_id, ground: 'subject_request' });

    // A second erasure finds the marker and changes nothing.
    const before = await digest(db);
    expect(
      await erasePerson(db, { personId: person.id, ground: 'subject_request', reason: 'again', actor, now: NOW }),
    ).toEqual({ status: 'already_erased', request_id: result.request_id });
    expect(await digest(db)).toEqual(before);
  }, 120_000);

  it('rolls back everything when an erasure fails midway', async () => {
    const { db } = database;
    const erased = await queryRows<{ id: string }>(
      db,
      sql`select person_id as id from gdpr_requests where kind = 'erasure'`,
    );
    const person = await giveEverything(
      await pickUniquePerson(
        db,
        erased.map((r) => r.id),
      ),
    );
    await db.execute(sql`create function ivy_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'disk full'; end $$`);
    // Predictions are deleted late, after the person, notes and audit details have been changed.
    await db.execute(sql`create trigger ivy_test_fail before delete on ml_predictions
      for each row execute function ivy_test_fail()`);
    const before = await digest(db);
    await expect(
      erasePerson(db, { personId: person.id, ground: 'subject_request', reason: 'Subject request', actor, now: NOW }),
    ).rejects.toMatchObject(failedWith(/disk full/));
    expect(await digest(db)).toEqual(before);
    await db.execute(sql`drop trigger ivy_test_fail on ml_predictions`);
    await db.execute(sql`drop function ivy_test_fail()`);
    expect(await findEverywhere(db, person.email)).toContain('people.email');
  }, 120_000);

  it('keeps the audit log append-only outside the erasure path', async () => {
    const { db } = database;
    await expect(db.execute(sql`update audit_log set details = '{}'::jsonb`)).rejects.toMatchObject(
      failedWith(/append-only/),
    );
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('ivy.gdpr_erasure', 'on', true)`);
        await tx.execute(sql`update audit_log set action = 'rewritten'`);
      }),
    ).rejects.toMatchObject(failedWith(/append-only/));
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('ivy.gdpr_erasure', 'on', true)`);
        await tx.execute(sql`delete from audit_log`);
      }),
    ).rejects.toMatchObject(failedWith(/append-only/));
  });

  it('erases everyone past retention once, and the report counts it', async () => {
    const { db } = database;
    const retentionDays = 700;
    const due = await countPastRetention(db, retentionDays, NOW);
    expect(due).toBeGreaterThan(0);
    const conversions = await conversionBySource(db);
    const first = await erasePeoplePastRetention(db, { retentionDays, now: NOW, actor, batchSize: 7 });
    expect(first).toMatchObject({ erased: due, failed: [] });
    expect(first.rows.people).toBe(due);
    expect(await countPastRetention(db, retentionDays, NOW)).toBe(0);
    expect(await conversionBySource(db)).toEqual(conversions);
    const second = await erasePeoplePastRetention(db, { retentionDays, now: NOW, actor });
    expect(second).toMatchObject({ erased: 0, rows: {}, failed: [] });

    const report = await gdprReport(db, NOW, retentionDays);
    expect(report.erasures.all_time.by_ground).toEqual({ subject_request: 1, retention: due });
    expect(report.erasures.last_30_days.total).toBe(due + 1);
    expect(report.exports).toEqual({ last_30_days: 1, all_time: 1 });
    expect(report.past_retention_pending).toBe(0);
    expect(report.people.erased).toBe(due + 1);
    expect(report.recent_requests[0]?.kind).toBe('erasure');
  }, 300_000);

  it('reports consent coverage, expired consents and recent withdrawals from the records', async () => {
    const { db } = database;
    const baseline = await gdprReport(db, NOW, 2555);
    const ids = (await queryRows<{ id: string }>(db, sql`select id from people order by id limit 3`)).map((r) => r.id);
    const [a = '', b = '', c = ''] = ids;
    const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
    const record = { consent_type: 'sms_contact' as const, purpose: 'Reminders', source: 'web_form' as const };
    await db.insert(consentRecords).values([
      { ...record, person_id: a, granted: true, recorded_at: at(-100) },
      { ...record, person_id: b, granted: true, recorded_at: at(-100), expires_at: at(-1) },
      { ...record, person_id: c, granted: true, recorded_at: at(-100) },
      { ...record, person_id: c, granted: false, recorded_at: at(-3) },
    ]);
    const report = await gdprReport(db, NOW, 2555);
    const sms = (r: typeof report) => r.consent_coverage.find((row) => row.consent_type === 'sms_contact');
    expect((sms(report)?.granted ?? 0) - (sms(baseline)?.granted ?? 0)).toBe(1);
    expect(sms(report)?.share).toBeCloseTo((sms(report)?.granted ?? 0) / report.people.total);
    expect(report.expired_consents - baseline.expired_consents).toBe(1);
    expect(report.withdrawn_last_30_days - baseline.withdrawn_last_30_days).toBe(1);
  });
});
