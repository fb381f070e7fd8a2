import { schema, seedDemoData, type TestDatabase, testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { SESSION_COOKIE } from '../auth/guard';
import { hashPassword } from '../auth/secrets';
import { loadConfig } from '../config';
import type { IvyApp } from '../http/types';
import { recordingJobQueue, TEST_NOW, TEST_PASSWORD } from '../testing/test-app';
import { aiSubjectsOf } from './ai-subjects';
import { EXPLAIN_SCORE_PURPOSE } from './explain-score';
import { type FakeLlmProvider, fakeLlmProvider } from './fake-llm-provider';
import { createLlmGateway } from './llm-gateway';

const BATCH = 25;

type Person = typeof schema.people.$inferSelect;

/** Everything that identifies the demo people, lower-cased: e-mails, phones (as stored and E.164), full names. */
function identifiersOf(people: readonly Person[]): Set<string> {
  const identifiers = new Set<string>();
  for (const person of people) {
    if (person.email?.trim()) identifiers.add(person.email.trim().toLowerCase());
    // Placeholders stored as phones ("0", "n/a", "01xx") identify no one and occur in any text with numbers.
    if (person.phone && person.phone.replace(/\D/g, '').length >= 7) identifiers.add(person.phone.trim());
    if (person.phone_e164) identifiers.add(person.phone_e164.toLowerCase());
    const first = person.first_name?.trim();
    const last = person.last_name?.trim();
    if (first && last) {
      identifiers.add(`${first} ${last}`.toLowerCase());
      identifiers.add(`${last}, ${first}`.toLowerCase());
    }
  }
  return identifiers;
}

/** Which identifiers each outbound text contains. */
function leaksIn(sent: readonly string[], identifiers: ReadonlySet<string>) {
  return sent.flatMap((outbound, call) => {
    const text = outbound.toLowerCase();
    return [...identifiers].filter((identifier) => text.includes(identifier)).map((found) => ({ call, found }));
  });
}

/**
 * Issue 7's property: run every feature that calls a language model over the whole demo dataset, with a fake
 * provider recording each outbound request, and find no person's stored e-mail, phone or full name in any of them.
 * Features that use the gateway: the triage explanation (POST /ai/triage/leads with lead_ids).
 */
describe.each(testDatabaseTargets())('no personal data reaches the language model, on $label', (target) => {
  let database: TestDatabase;
  let app: IvyApp;
  let provider: FakeLlmProvider;
  let cookie = '';
  let people: Person[] = [];

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 300, seed: 7, asOf: TEST_NOW });
    people = await database.db.select().from(schema.people);
    // Answers naming the lead by pseudonym when it was given one, so restoring is exercised on real data too.
    provider = fakeLlmProvider((outbound) => {
      const pseudonym = /PERSON_\d+/.exec(outbound)?.[0];
      return pseudonym ? `${pseudonym} should be called this week.` : 'Worth a call this week.';
    });
    app = await buildApp({
      database,
      config: loadConfig({}),
      jobs: recordingJobQueue(),
      now: () => TEST_NOW,
      llmProvider: provider,
    });
    await database.db.insert(schema.users).values({
      email: 'llm.admin@ivy.test',
      full_name: 'LLM Admin',
      role: 'admin',
      password_hash: await hashPassword(TEST_PASSWORD),
    });
    const login = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'llm.admin@ivy.test', password: TEST_PASSWORD },
    });
    cookie = `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`;
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('explains every demo person through the model without sending any stored identifier', async () => {
    expect(people.length).toBe(300);
    const explanations: { source: string; model?: string }[] = [];
    for (let i = 0; i < people.length; i += BATCH) {
      const response = await app.inject({
        method: 'POST',
        url: '/ai/triage/leads',
        headers: { cookie },
        payload: { lead_ids: people.slice(i, i + BATCH).map((person) => person.id) },
      });
      expect(response.statusCode).toBe(200);
      explanations.push(...response.json().leads.map((lead: { explanation: object }) => lead.explanation));
    }
    expect(explanations).toHaveLength(people.length);
    expect(explanations.every((e) => e.source === 'llm' && e.model === 'fake-model-1')).toBe(true);
    expect(provider.sent).toHaveLength(people.length);

    const identifiers = identifiersOf(people);
    expect(identifiers.size).toBeGreaterThan(600);
    const leaks = leaksIn(provider.sent, identifiers);
    expect(leaks).toEqual([]);

    // What was logged is what was sent: redacted text only, one row per call.
    const rows = await database.db.select().from(schema.llmCalls);
    expect(rows).toHaveLength(people.length);
    expect(rows.every((row) => row.purpose === EXPLAIN_SCORE_PURPOSE && row.raw_prompt === null)).toBe(true);
    const logged = rows
      .map((row) => [row.redacted_system, row.redacted_prompt, row.redacted_response].join('\n'))
      .join('\n')
      .toLowerCase();
    expect([...identifiers].filter((identifier) => logged.includes(identifier))).toEqual([]);
  }, 300_000);

  it('redacts every demo person from a prompt that quotes their details, and restores them in the answer', async () => {
    const echo = fakeLlmProvider();
    const llm = createLlmGateway({ provider: echo, now: () => TEST_NOW, config: loadConfig({}) });
    const subjects = await aiSubjectsOf(
      database.db,
      people.map((person) => person.id),
      TEST_NOW,
    );
    const requests = people.map((person) => {
      const name = [person.first_name, person.last_name].filter(Boolean).join(' ');
      const prompt = [
        `Enquiry from ${name || 'someone'}${person.email ? ` <${person.email}>` : ''}.`,
        person.phone ? `Call them on ${person.phone}` : '',
        person.phone_e164 ? `(${person.phone_e164}).` : '',
        person.first_name && person.last_name ? `Filed as ${person.last_name}, ${person.first_name}.` : '',
      ].join(' ');
      return { prompt, knownEntities: subjects.get(person.id)?.knownEntities };
    });
    const answers = [];
    for (const { prompt, knownEntities } of requests) {
      answers.push(
        await llm.generate({ purpose: 'test.quote', system: 'Summarise.', prompt, knownEntities, fallback: '' }),
      );
    }
    const identifiers = identifiersOf(people);
    expect(leaksIn(echo.sent, identifiers)).toEqual([]);
    // The echo came back with its pseudonyms: restored, it is exactly what the caller wrote.
    expect(answers.map((answer) => answer.text)).toEqual(requests.map(({ prompt }) => `Summarise.\n${prompt}`.trim()));
  }, 300_000);

  it('explains by rules, without calling the model, a person who refused AI processing and a bulk request', async () => {
    const [refuser, other] = people;
    if (!refuser || !other) throw new Error('demo data missing');
    await database.db.insert(schema.consentRecords).values({
      person_id: refuser.id,
      consent_type: 'ai_processing',
      granted: false,
      purpose: 'AI-written summaries of my record',
      source: 'staff',
      recorded_at: TEST_NOW,
    });
    const before = provider.sent.length;
    const triage = (ids: string[]) =>
      app.inject({ method: 'POST', url: '/ai/triage/leads', headers: { cookie }, payload: { lead_ids: ids } });

    const explained = (await triage([refuser.id, other.id])).json().leads;
    expect(explained.map((lead: { explanation: { source: string } }) => lead.explanation.source)).toEqual([
      'rules',
      'llm',
    ]);
    expect(provider.sent.length).toBe(before + 1);

    const bulk = (await triage(people.slice(0, BATCH + 1).map((person) => person.id))).json().leads;
    expect(bulk.every((lead: { explanation: { source: string } }) => lead.explanation.source === 'rules')).toBe(true);
    expect(provider.sent.length).toBe(before + 1);
  });
});
