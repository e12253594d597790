import {
  createOpenRouterClient,
  type OpenRouterClient,
  type WireChatRequest,
} from '@openrouter-adapters/core';
import {
  type ChatCall,
  type ChatOutcome,
  type ChatPath,
  callHeaders,
  emptyOutcome,
  partialOf,
  promptFor,
  weatherFunctionTool,
} from './chat-path';

export type PathClientSettings = {
  baseURL: string;
  apiKey: string;
  /** Streaming idle timeout (keep-alives count). */
  idleTimeoutMs?: number;
  maxRetries?: number;
};

function bodyFor(call: ChatCall): WireChatRequest {
  return {
    model: call.model,
    ...(call.models ? { models: call.models } : {}),
    messages: [{ role: 'user', content: promptFor(call) }],
    ...(call.tools
      ? {
          tools: [weatherFunctionTool],
        }
      : {}),
  };
}

export function createCoreClient(settings: PathClientSettings): OpenRouterClient {
  return createOpenRouterClient({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey,
    maxRetries: settings.maxRetries ?? 2,
    initialRetryDelayMs: 5,
    maxRetryDelayMs: 2_000,
    idleTimeoutMs: settings.idleTimeoutMs ?? 2_000,
    timeoutMs: 20_000,
  });
}

/** `client.chat.send` and `client.chat.stream` of core. */
export function corePaths(settings: PathClientSettings): ChatPath[] {
  const client = createCoreClient(settings);
  const send: ChatPath = {
    name: 'core.send',
    streaming: false,
    async run(call) {
      const outcome = emptyOutcome();
      try {
        const result = await client.chat.send(bodyFor(call), {
          signal: call.signal,
          headers: callHeaders(call),
        });
        return {
          ...outcome,
          ok: result.error === undefined && result.finishReason !== 'error',
          text: result.text,
          toolCalls: result.toolCalls.length,
          finishReason: result.finishReason,
          servedModel: result.model,
          error: result.error,
        };
      } catch (error) {
        const partial = partialOf(error);
        return { ...outcome, error, text: partial?.text ?? '', finishReason: partial?.finishReason };
      }
    },
  };
  const stream: ChatPath = {
    name: 'core.stream',
    streaming: true,
    async run(call) {
      const outcome: ChatOutcome = emptyOutcome();
      try {
        const events = await client.chat.stream(bodyFor(call), {
          signal: call.signal,
          headers: callHeaders(call),
        });
        for await (const event of events) {
          if (event.type === 'ping') {
            outcome.pings += 1;
            call.onProgress?.('ping');
          } else if (event.type === 'chunk') {
            for (const delta of event.deltas) {
              if (delta.type === 'text') {
                outcome.text += delta.text;
                call.onProgress?.('text');
              } else if (delta.type === 'tool-call-start' || delta.type === 'tool-call-delta') {
                call.onProgress?.('tool-call');
              } else if (delta.type === 'tool-call-end') {
                outcome.toolCalls += 1;
              }
            }
          } else if (event.type === 'error') {
            return {
              ...outcome,
              error: event.error,
              text: event.error.partial?.text ?? outcome.text,
              finishReason: event.error.partial?.finishReason,
            };
          } else {
            return {
              ...outcome,
              ok: true,
              text: event.result.text,
              finishReason: event.result.finishReason,
              servedModel: event.result.model,
            };
          }
        }
        return { ...outcome, error: new Error('the stream ended without an end or error event') };
      } catch (error) {
        const partial = partialOf(error);
        return {
          ...outcome,
          error,
          text: partial?.text ?? outcome.text,
          finishReason: partial?.finishReason,
        };
      }
    },
  };
  return [send, stream];
}
