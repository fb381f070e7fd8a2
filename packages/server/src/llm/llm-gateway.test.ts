import { schema, type TestDatabase, testDatabaseTargets } from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { fakeLlmProvider } from './fake-llm-provider';
import { createLlmGateway, type LlmRequest } from './llm-gateway';

const JANE = { first_name: 'Jane', last_name: 'Doe', email: 'Jane.Doe@Example.com', phone: '07700 900123' };
const IDENTIFIERS = ['Jane', 'Doe', 'jane.doe@example.com', '07700 900123', '07700900123', '+447700900123'];

const REQUEST: LlmRequest = {
  purpose: 'test.summary',
  system: 'Summarise the enquiry for an admissions officer.',
  prompt: 'Jane Doe (Jane.Doe@Example.com, 07700 900123) asked about Music Production fees.',
  knownEntities: [JANE],
  fallback: 'rules answer',
};

const config = (env: Record<string, string> = {}) => loadConfig(env);

describe.each(testDatabaseTargets())('the LLM gateway on $label', (target) => {
  let database: TestDatabase;
  let clock = new Date('2026-11-23T12:00:00Z');
  const now = () => clock;

  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    clock = new Date('2026-11-23T12:00:00Z');
    await database.db.delete(schema.llmCalls);
  });

  const calls = () => database.db.select().from(schema.llmCalls).orderBy(schema.llmCalls.created_at);

  it('with no provider answers with the fallback and calls nothing', async () => {
    const llm = createLlmGateway({ provider: null, db: database.db, now, config: config() });
    expect(llm.model).toBeNull();
    expect(await llm.generate(REQUEST)).toEqual({ text: 'rules answer', source: 'rules', reason: 'no_provider' });
    expect(await calls()).toEqual([]);
  });

  it('sends pseudonyms instead of the person, restores them in the answer, and logs only redacted text', async () => {
    const provider = fakeLlmProvider();
    const llm = createLlmGateway({ provider, db: database.db, now, config: config() });
    const answer = await llm.generate(REQUEST);

    expect(provider.sent).toHaveLength(1);
    const [sent = ''] = provider.sent;
    for (const identifier of IDENTIFIERS) expect(sent.toLowerCase()).not.toContain(identifier.toLowerCase());
    expect(sent).toMatch(/PERSON_1 \(EMAIL_1, PHONE_1\) asked about Music Production fees\./);
    // The echoing model answered with the pseudonyms, which come back as the person's own details.
    expect(answer).toEqual({ text: `${REQUEST.system}\n${REQUEST.prompt}`, source: 'llm', model: 'fake-model-1' });

    const [row] = await calls();
    expect(row).toMatchObject({
      purpose: 'test.summary',
      model: 'fake-model-1',
      outcome: 'success',
      reason: null,
      raw_prompt: null,
      raw_response: null,
      pii_found: { name: 1, email: 1, phone: 1 },
    });
    expect(row?.redacted_prompt).toBe('PERSON_1 (EMAIL_1, PHONE_1) asked about Music Production fees.');
    expect(row?.redacted_response).toContain('PERSON_1');
    expect(row?.latency_ms).toBeGreaterThanOrEqual(0);
    const stored = JSON.stringify(row).toLowerCase();
    for (const identifier of IDENTIFIERS) expect(stored).not.toContain(identifier.toLowerCase());
  });

  it('falls back with "timeout" when the model does not answer in time, even if it ignores the abort', async () => {
    const provider = fakeLlmProvider(() => new Promise<string>(() => {}));
    const llm = createLlmGateway({ provider, db: database.db, now, config: config({ IVY_LLM_TIMEOUT_MS: '100' }) });
    const started = Date.now();
    expect(await llm.generate(REQUEST)).toEqual({ text: 'rules answer', source: 'rules', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await calls()).toMatchObject([{ outcome: 'fallback', reason: 'timeout' }]);
  });

  it('falls back with "error" when the provider fails or says nothing', async () => {
    let call = 0;
    const provider = fakeLlmProvider(() => {
      call += 1;
      if (call === 1) throw new Error('503 from provider');
      return '   ';
    });
    const llm = createLlmGateway({ provider, db: database.db, now, config: config() });
    expect(await llm.generate(REQUEST)).toMatchObject({ source: 'rules', reason: 'error' });
    expect(await llm.generate(REQUEST)).toMatchObject({ source: 'rules', reason: 'error' });
    expect((await calls()).map((row) => row.reason)).toEqual(['error', 'error']);
  });

  it('opens the circuit after 5 consecutive failures, and half-opens with one trial after 60 s', async () => {
    let healthy = false;
    const provider = fakeLlmProvider(() => {
      if (!healthy) throw new Error('down');
      return 'PERSON_1 is a strong lead.';
    });
    const llm = createLlmGateway({ provider, db: database.db, now, config: config() });
    for (let i = 0; i < 5; i++) expect(await llm.generate(REQUEST)).toMatchObject({ reason: 'error' });
    expect(provider.sent).toHaveLength(5);

    expect(await llm.generate(REQUEST)).toMatchObject({ source: 'rules', reason: 'circuit_open' });
    clock = new Date(clock.getTime() + 59_999);
    expect(await llm.generate(REQUEST)).toMatchObject({ reason: 'circuit_open' });
    expect(provider.sent).toHaveLength(5);

    // Cool-down over: one trial, which fails, so the circuit opens for another minute.
    clock = new Date(clock.getTime() + 1);
    expect(await llm.generate(REQUEST)).toMatchObject({ reason: 'error' });
    expect(provider.sent).toHaveLength(6);
    expect(await llm.generate(REQUEST)).toMatchObject({ reason: 'circuit_open' });

    clock = new Date(clock.getTime() + 60_000);
    healthy = true;
    expect(await llm.generate(REQUEST)).toEqual({
      text: 'Jane Doe is a strong lead.',
      source: 'llm',
      model: 'fake-model-1',
    });
    expect(await llm.generate(REQUEST)).toMatchObject({ source: 'llm' });
    expect(provider.sent).toHaveLength(8);
    const rows = await calls();
    expect(rows.filter((row) => row.reason === 'circuit_open')).toHaveLength(3);
    expect(rows.filter((row) => row.reason === 'circuit_open').every((row) => row.redacted_prompt === null)).toBe(true);
  });

  it('does not call the model for a person who refused AI processing', async () => {
    const provider = fakeLlmProvider();
    const llm = createLlmGateway({ provider, db: database.db, now, config: config() });
    expect(await llm.generate({ ...REQUEST, consent: { allowed: false } })).toEqual({
      text: 'rules answer',
      source: 'rules',
      reason: 'consent_refused',
    });
    expect(provider.sent).toEqual([]);
    expect(await calls()).toMatchObject([{ outcome: 'fallback', reason: 'consent_refused', redacted_prompt: null }]);
  });

  it('stores raw prompts only when IVY_LLM_LOG_RAW_PROMPTS is on, and audits each such call', async () => {
    const provider = fakeLlmProvider(() => 'Call PERSON_1 today.');
    const actor = { id: null, label: 'test' };
    const off = createLlmGateway({ provider, db: database.db, now, config: config() });
    await off.generate({ ...REQUEST, actor });
    const on = createLlmGateway({
      provider,
      db: database.db,
      now,
      config: config({ IVY_LLM_LOG_RAW_PROMPTS: 'true' }),
    });
    await on.generate({ ...REQUEST, actor });

    const rows = await calls();
    expect(rows.map((row) => row.raw_prompt)).toEqual([null, REQUEST.prompt]);
    expect(rows[1]?.raw_response).toBe('Call Jane Doe today.');
    expect(rows[1]?.redacted_response).toBe('Call PERSON_1 today.');
    const audits = await database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'llm.raw_prompt.log'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      resource_type: 'pii_data',
      resource_id: rows[1]?.id,
      actor_label: 'test',
      outcome: 'success',
      details: { purpose: 'test.summary', model: 'fake-model-1' },
    });
  });
});
