import { MockLanguageModelV3 } from 'ai/test';
import type { LlmProvider } from './llm-provider';

// The provider spec's types, taken from the mock so no transitive package is imported by name.
type LanguageModelV3CallOptions = Parameters<MockLanguageModelV3['doGenerate']>[0];
type LanguageModelV3GenerateResult = Awaited<ReturnType<MockLanguageModelV3['doGenerate']>>;

/** Tests only: a provider at the SDK boundary that records every request that would leave Ivy. */
export type FakeLlmProvider = LlmProvider & {
  /** Every call's outbound text (system and user messages), in call order. */
  readonly sent: string[];
};

type Reply = (outbound: string, options: LanguageModelV3CallOptions) => string | Promise<string>;

function outboundText(options: LanguageModelV3CallOptions): string {
  return options.prompt
    .flatMap((message) =>
      typeof message.content === 'string'
        ? [message.content]
        : message.content.map((part) => ('text' in part ? part.text : JSON.stringify(part))),
    )
    .join('\n');
}

export function textResult(text: string): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: undefined },
    usage: {
      inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 10, text: 10, reasoning: undefined },
    },
    warnings: [],
  };
}

/** Answers with `reply(outbound)`; by default echoes what it was sent, so tests see pseudonyms come back. */
export function fakeLlmProvider(reply: Reply = (outbound) => outbound, model = 'fake-model-1'): FakeLlmProvider {
  const sent: string[] = [];
  const languageModel = new MockLanguageModelV3({
    provider: 'fake',
    modelId: model,
    doGenerate: async (options) => {
      const outbound = outboundText(options);
      sent.push(outbound);
      return textResult(await reply(outbound, options));
    },
  });
  return { name: 'fake', model, languageModel, sent };
}
