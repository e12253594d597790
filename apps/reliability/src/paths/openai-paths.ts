import OpenAI from 'openai';
import {
  type ChatCall,
  type ChatOutcome,
  type ChatPath,
  callHeaders,
  emptyOutcome,
  promptFor,
  weatherFunctionTool,
} from './chat-path';

/**
 * The official `openai` client pointed at our middleware (which holds the server key; the client's
 * own key is a placeholder). The client's retries are off so attempts are the middleware's.
 */
export function openAiMiddlewarePaths(settings: { baseURL: string }): ChatPath[] {
  const client = new OpenAI({
    baseURL: settings.baseURL,
    apiKey: 'placeholder-not-a-key',
    maxRetries: 0,
    timeout: 20_000,
    logLevel: 'off',
  });
  const body = (call: ChatCall) => ({
    model: call.model,
    ...(call.models ? { models: call.models } : {}),
    messages: [{ role: 'user' as const, content: promptFor(call) }],
    ...(call.tools ? { tools: [weatherFunctionTool] } : {}),
  });
  const requestOptions = (call: ChatCall) => ({
    headers: callHeaders(call),
    ...(call.signal ? { signal: call.signal } : {}),
  });
  const create: ChatPath = {
    name: 'openai.create→middleware',
    streaming: false,
    async run(call) {
      const outcome = emptyOutcome();
      try {
        const completion = await client.chat.completions.create(
          { ...body(call), stream: false },
          requestOptions(call),
        );
        const choice = completion.choices[0];
        const finishReason = choice?.finish_reason as string | undefined;
        return {
          ...outcome,
          ok: finishReason !== 'error',
          text: choice?.message.content ?? '',
          toolCalls: choice?.message.tool_calls?.length ?? 0,
          finishReason,
          servedModel: completion.model,
          error: (choice as { error?: unknown } | undefined)?.error,
        };
      } catch (error) {
        return { ...outcome, error };
      }
    },
  };
  const stream: ChatPath = {
    name: 'openai.stream→middleware',
    streaming: true,
    async run(call) {
      const outcome: ChatOutcome = emptyOutcome();
      const toolIndexes = new Set<number>();
      try {
        const chunks = await client.chat.completions.create(
          { ...body(call), stream: true },
          requestOptions(call),
        );
        for await (const chunk of chunks) {
          outcome.servedModel = chunk.model || outcome.servedModel;
          const choice = chunk.choices[0];
          if (choice?.delta?.content) {
            outcome.text += choice.delta.content;
            call.onProgress?.('text');
          }
          for (const toolCall of choice?.delta?.tool_calls ?? []) {
            toolIndexes.add(toolCall.index);
            call.onProgress?.('tool-call');
          }
          if (choice?.finish_reason) outcome.finishReason = choice.finish_reason;
        }
        return {
          ...outcome,
          ok: outcome.finishReason !== 'error' && outcome.finishReason !== undefined,
          toolCalls: toolIndexes.size,
        };
      } catch (error) {
        return { ...outcome, error, toolCalls: toolIndexes.size };
      }
    },
  };
  return [create, stream];
}
