import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { Config } from '../config';

/** A language model Ivy may call, and the name it is shown under ("Written by gemini-2.5-flash"). */
export type LlmProvider = {
  name: string;
  model: string;
  languageModel: Exclude<LanguageModel, string>;
};

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';

export function googleProvider({ apiKey, model = DEFAULT_GEMINI_MODEL }: { apiKey: string; model?: string }) {
  const google = createGoogleGenerativeAI({ apiKey });
  return { name: 'google', model, languageModel: google(model) } satisfies LlmProvider;
}

export function openAiCompatibleProvider({
  baseUrl,
  apiKey,
  model,
}: {
  baseUrl: string;
  apiKey?: string;
  model: string;
}): LlmProvider {
  const provider = createOpenAICompatible({ name: 'openai-compatible', baseURL: baseUrl, apiKey });
  return { name: 'openai-compatible', model, languageModel: provider.chatModel(model) };
}

/**
 * The provider the configuration names, or null when none is configured — then no language model is ever called.
 * An explicit endpoint wins over Gemini's key, so a local model can be tried without unsetting the key.
 */
export function llmProviderFromConfig(config: Config): LlmProvider | null {
  if (config.IVY_LLM_BASE_URL) {
    if (!config.IVY_LLM_MODEL) {
      throw new Error('Invalid configuration:\n  IVY_LLM_MODEL: required with IVY_LLM_BASE_URL (e.g. llama3.2)');
    }
    return openAiCompatibleProvider({
      baseUrl: config.IVY_LLM_BASE_URL,
      apiKey: config.IVY_LLM_API_KEY,
      model: config.IVY_LLM_MODEL,
    });
  }
  if (config.GOOGLE_GENERATIVE_AI_API_KEY) {
    return googleProvider({ apiKey: config.GOOGLE_GENERATIVE_AI_API_KEY, model: config.IVY_LLM_MODEL });
  }
  return null;
}
