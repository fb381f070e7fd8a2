import { performance } from 'node:perf_hooks';
import { type KnownEntity, type LlmFallbackReason, type PiiType, PseudonymMap, redactPii } from '@ivy/core';
import type { AuditEntry, Db } from '@ivy/db';
import { generateText } from 'ai';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import { type CircuitBreaker, createCircuitBreaker } from './circuit-breaker';
import type { LlmProvider } from './llm-provider';
import { type LlmCallRecord, recordLlmCall } from './llm-telemetry';

export type LlmRequest = {
  /** What the call is for, as logged (`triage.explain_score`). */
  purpose: string;
  system: string;
  prompt: string;
  /** The people the prompt is about: their stored names, e-mails and phones are redacted however they appear. */
  knownEntities?: readonly KnownEntity[];
  /** The deterministic answer, used whenever the model is not. */
  fallback: string;
  /** Whether the person concerned allows AI processing of their data; refused means no call. */
  consent?: { allowed: boolean };
  /** Who asked, for the audit entry written when raw prompts are logged. */
  actor?: AuditEntry['actor'];
};

export type LlmAnswer =
  | { text: string; source: 'llm'; model: string }
  | { text: string; source: 'rules'; reason: LlmFallbackReason };

/**
 * The one door through which Ivy talks to language models. Personal data is replaced by pseudonyms before anything
 * is sent and put back into the answer; every call is logged redacted; a slow or failing provider costs a caller at
 * most the timeout, and one that keeps failing is skipped for a while. Whenever no model answers, the caller's own
 * deterministic answer comes back, labelled "rules" with the reason.
 */
export type LlmGateway = {
  /** The model calls go to; null when none is configured, and then none is ever called. */
  readonly model: string | null;
  generate(request: LlmRequest): Promise<LlmAnswer>;
};

export type LlmGatewayOptions = {
  provider: LlmProvider | null;
  /** Where telemetry goes; without it nothing is logged. */
  db?: Db;
  now: () => Date;
  config: Pick<Config, 'IVY_LLM_TIMEOUT_MS' | 'IVY_LLM_LOG_RAW_PROMPTS'>;
  breaker?: CircuitBreaker;
  log?: Pick<FastifyBaseLogger, 'warn'>;
};

class LlmTimeoutError extends Error {
  constructor(ms: number) {
    super(`The language model did not answer within ${ms} ms`);
    this.name = 'LlmTimeoutError';
  }
}

/** Settles with `work`, or rejects when `signal` aborts — also for a provider that ignores the signal. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new LlmTimeoutError(ms));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function countByType(types: readonly PiiType[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of types) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

export function createLlmGateway({
  provider,
  db,
  now,
  config,
  breaker = createCircuitBreaker({ now }),
  log,
}: LlmGatewayOptions): LlmGateway {
  const timeoutMs = config.IVY_LLM_TIMEOUT_MS;
  const logRaw = config.IVY_LLM_LOG_RAW_PROMPTS;

  async function record(call: LlmCallRecord, actor: AuditEntry['actor'] | undefined) {
    if (!db) return;
    try {
      await recordLlmCall(db, call, actor ?? null, now());
    } catch (error) {
      // Telemetry must not take the caller's answer down with it.
      log?.warn({ err: error, purpose: call.purpose }, 'llm call telemetry not stored');
    }
  }

  return {
    model: provider?.model ?? null,
    async generate(request) {
      const fallback = (reason: LlmFallbackReason): LlmAnswer => ({ text: request.fallback, source: 'rules', reason });
      if (!provider) return fallback('no_provider');
      const base = { purpose: request.purpose, model: provider.model, created_at: now() };
      if (request.consent && !request.consent.allowed) {
        await record({ ...base, outcome: 'fallback', reason: 'consent_refused' }, request.actor);
        return fallback('consent_refused');
      }
      const pass = breaker.tryAcquire();
      if (!pass) {
        await record({ ...base, outcome: 'fallback', reason: 'circuit_open' }, request.actor);
        return fallback('circuit_open');
      }

      // One map for the whole call, so the system text, prompt and answer share pseudonyms; it dies with the call.
      const pseudonyms = new PseudonymMap();
      const redaction = {
        level: 'anonymized' as const,
        pseudonyms,
        knownEntities: request.knownEntities,
        referenceYear: now().getUTCFullYear(),
      };
      const system = redactPii(request.system, redaction);
      const prompt = redactPii(request.prompt, redaction);
      const sent = {
        ...base,
        redacted_system: system.redacted_text,
        redacted_prompt: prompt.redacted_text,
        pii_found: countByType([...system.matches, ...prompt.matches].map((match) => match.type)),
        raw_prompt: logRaw ? request.prompt : null,
      };

      const signal = AbortSignal.timeout(timeoutMs);
      const started = performance.now();
      try {
        const result = await untilAborted(
          generateText({
            model: provider.languageModel,
            system: system.redacted_text,
            prompt: prompt.redacted_text,
            abortSignal: signal,
            // The breaker and the caller's fallback handle failure; retries would only spend the timeout.
            maxRetries: 0,
          }),
          signal,
          timeoutMs,
        );
        const latency_ms = Math.round(performance.now() - started);
        const answer = result.text.trim();
        if (!answer) throw new Error('The language model answered with no text');
        breaker.succeeded(pass);
        await record(
          {
            ...sent,
            latency_ms,
            outcome: 'success',
            // The answer saw only pseudonyms; redacting it again catches anything the model made up about a person.
            redacted_response: redactPii(answer, redaction).redacted_text,
            raw_response: logRaw ? pseudonyms.restore(answer) : null,
          },
          request.actor,
        );
        return { text: pseudonyms.restore(answer), source: 'llm', model: provider.model };
      } catch (error) {
        breaker.failed(pass);
        const reason: LlmFallbackReason = signal.aborted ? 'timeout' : 'error';
        log?.warn({ err: error, purpose: request.purpose, reason }, 'language model call failed: rules answer used');
        await record(
          { ...sent, latency_ms: Math.round(performance.now() - started), outcome: 'fallback', reason },
          request.actor,
        );
        return fallback(reason);
      }
    },
  };
}
