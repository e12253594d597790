import { createOpenRouter } from '@openrouter-adapters/ai-sdk';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import {
  type ChatCall,
  type ChatOutcome,
  type ChatPath,
  callHeaders,
  emptyOutcome,
  partialOf,
  promptFor,
  weatherToolDescription,
} from './chat-path';
import type { PathClientSettings } from './core-paths';

const weatherTool = tool({
  description: weatherToolDescription,
  inputSchema: jsonSchema<{ location: string }>({
    type: 'object',
    properties: { location: { type: 'string' } },
    required: ['location'],
    additionalProperties: false,
  }),
});

/** Finish reasons of a reply that reached its natural end (`error`, `interrupted`, `other` did not). */
const completeFinishReasons = new Set(['stop', 'length', 'content-filter', 'tool-calls']);

function servedModelOf(providerMetadata: unknown): string | undefined {
  const openrouter = (providerMetadata as { openrouter?: { model?: unknown } } | undefined)?.openrouter;
  return typeof openrouter?.model === 'string' ? openrouter.model : undefined;
}

/** `generateText` and `streamText` over our AI SDK provider (the AI SDK's own retries left at their default). */
export function aiSdkPaths(settings: PathClientSettings): ChatPath[] {
  const provider = createOpenRouter({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey,
    maxRetries: settings.maxRetries ?? 2,
    initialRetryDelayMs: 5,
    maxRetryDelayMs: 2_000,
    idleTimeoutMs: settings.idleTimeoutMs ?? 2_000,
    timeoutMs: 20_000,
  });
  const options = (call: ChatCall) => ({
    model: provider(call.model, call.models ? { models: call.models } : {}),
    prompt: promptFor(call),
    headers: callHeaders(call),
    ...(call.signal ? { abortSignal: call.signal } : {}),
    ...(call.tools ? { tools: { get_weather: weatherTool } } : {}),
  });
  const generate: ChatPath = {
    name: 'ai-sdk.generateText',
    streaming: false,
    async run(call) {
      const outcome = emptyOutcome();
      try {
        const result = await generateText(options(call));
        return {
          ...outcome,
          ok: completeFinishReasons.has(result.finishReason),
          text: result.text,
          toolCalls: result.toolCalls.length,
          finishReason: result.finishReason,
          servedModel: servedModelOf(result.providerMetadata),
        };
      } catch (error) {
        const partial = partialOf(error);
        return { ...outcome, error, text: partial?.text ?? '', finishReason: partial?.finishReason };
      }
    },
  };
  const stream: ChatPath = {
    name: 'ai-sdk.streamText',
    streaming: true,
    async run(call) {
      const outcome: ChatOutcome = emptyOutcome();
      const errors: unknown[] = [];
      try {
        const result = streamText({ ...options(call), onError: () => {} });
        for await (const part of result.fullStream) {
          if (part.type === 'text-delta') {
            outcome.text += part.text;
            call.onProgress?.('text');
          } else if (part.type === 'tool-input-start' || part.type === 'tool-input-delta') {
            call.onProgress?.('tool-call');
          } else if (part.type === 'tool-call') {
            outcome.toolCalls += 1;
          } else if (part.type === 'error') {
            errors.push(part.error);
          } else if (part.type === 'finish-step') {
            outcome.servedModel = servedModelOf(part.providerMetadata) ?? outcome.servedModel;
          } else if (part.type === 'finish') {
            outcome.finishReason = part.finishReason;
          } else if (part.type === 'abort') {
            errors.push(new Error(`stream aborted${part.reason ? `: ${part.reason}` : ''}`));
          }
        }
        return {
          ...outcome,
          ok: errors.length === 0 && completeFinishReasons.has(outcome.finishReason ?? ''),
          error: errors[0],
        };
      } catch (error) {
        return { ...outcome, error: errors[0] ?? error };
      }
    },
  };
  return [generate, stream];
}
