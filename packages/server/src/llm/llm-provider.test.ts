import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createLlmGateway } from './llm-gateway';
import { llmProviderFromConfig } from './llm-provider';

describe('llmProviderFromConfig', () => {
  it('configures no provider without a key or base URL', () => {
    expect(llmProviderFromConfig(loadConfig({}))).toBeNull();
  });

  it('chooses Gemini from its key, with its default model unless one is named', () => {
    const gemini = llmProviderFromConfig(loadConfig({ GOOGLE_GENERATIVE_AI_API_KEY: 'test-key' }));
    expect(gemini).toMatchObject({ name: 'google', model: 'gemini-2.5-flash' });
    expect(gemini?.languageModel).toMatchObject({ modelId: 'gemini-2.5-flash' });
    const named = llmProviderFromConfig(
      loadConfig({ GOOGLE_GENERATIVE_AI_API_KEY: 'test-key', IVY_LLM_MODEL: 'gemini-2.5-pro' }),
    );
    expect(named?.model).toBe('gemini-2.5-pro');
  });

  it('prefers an OpenAI-compatible endpoint, which must name its model', () => {
    const env = { GOOGLE_GENERATIVE_AI_API_KEY: 'test-key', IVY_LLM_BASE_URL: 'http://127.0.0.1:11434/v1' };
    expect(() => llmProviderFromConfig(loadConfig(env))).toThrow(/IVY_LLM_MODEL/);
    expect(llmProviderFromConfig(loadConfig({ ...env, IVY_LLM_MODEL: 'llama3.2' }))).toMatchObject({
      name: 'openai-compatible',
      model: 'llama3.2',
    });
  });
});

describe('an OpenAI-compatible endpoint through the gateway', () => {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      bodies.push(body);
      const { model } = JSON.parse(body) as { model: string };
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 0,
          model,
          choices: [
            { index: 0, message: { role: 'assistant', content: 'Ring PERSON_1 today.' }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  let baseUrl = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('puts only redacted text on the wire and restores the answer', async () => {
    const config = loadConfig({ IVY_LLM_BASE_URL: baseUrl, IVY_LLM_MODEL: 'llama3.2' });
    const llm = createLlmGateway({ provider: llmProviderFromConfig(config), now: () => new Date(), config });
    const answer = await llm.generate({
      purpose: 'test.wire',
      system: 'Be brief.',
      prompt: 'Priya Patel (priya.patel@example.org) wants a call back.',
      knownEntities: [{ first_name: 'Priya', last_name: 'Patel', email: 'priya.patel@example.org' }],
      fallback: 'rules',
    });
    expect(answer).toEqual({ text: 'Ring Priya Patel today.', source: 'llm', model: 'llama3.2' });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('PERSON_1 (EMAIL_1) wants a call back.');
    expect(bodies[0]).not.toMatch(/priya|patel/i);
  });
});
