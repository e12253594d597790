import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenRouter } from '@openrouter-adapters/langchain';
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
import type { PathClientSettings } from './core-paths';

function metadataOf(message: AIMessageChunk | undefined): { finishReason?: string; model?: string } {
  const metadata = (message?.response_metadata ?? {}) as { finish_reason?: unknown; model?: unknown };
  return {
    ...(typeof metadata.finish_reason === 'string' ? { finishReason: metadata.finish_reason } : {}),
    ...(typeof metadata.model === 'string' ? { model: metadata.model } : {}),
  };
}

/** `invoke` and `stream` of our LangChain chat model (built fresh per call so call options stay per call). */
export function langchainPaths(settings: PathClientSettings): ChatPath[] {
  const modelFor = (call: ChatCall) => {
    const model = new ChatOpenRouter(call.model, {
      baseURL: settings.baseURL,
      apiKey: settings.apiKey,
      maxRetries: settings.maxRetries ?? 2,
      idleTimeout: settings.idleTimeoutMs ?? 2_000,
      timeout: 20_000,
      ...(call.models ? { models: call.models } : {}),
    });
    return call.tools ? model.bindTools([weatherFunctionTool]) : model;
  };
  const callOptions = (call: ChatCall) => ({
    headers: callHeaders(call),
    ...(call.signal ? { signal: call.signal } : {}),
  });
  const invoke: ChatPath = {
    name: 'langchain.invoke',
    streaming: false,
    async run(call) {
      const outcome = emptyOutcome();
      try {
        const message = (await modelFor(call).invoke(promptFor(call), callOptions(call))) as AIMessageChunk;
        const metadata = metadataOf(message);
        return {
          ...outcome,
          ok: metadata.finishReason !== 'error',
          text: message.text,
          toolCalls: message.tool_calls?.length ?? 0,
          finishReason: metadata.finishReason,
          servedModel: metadata.model,
        };
      } catch (error) {
        const partial = partialOf(error);
        return { ...outcome, error, text: partial?.text ?? '', finishReason: partial?.finishReason };
      }
    },
  };
  const stream: ChatPath = {
    name: 'langchain.stream',
    streaming: true,
    async run(call) {
      const outcome: ChatOutcome = emptyOutcome();
      let merged: AIMessageChunk | undefined;
      try {
        const chunks = await modelFor(call).stream(promptFor(call), callOptions(call));
        for await (const chunk of chunks) {
          merged = merged === undefined ? chunk : merged.concat(chunk);
          if (chunk.text !== '') call.onProgress?.('text');
          if ((chunk.tool_call_chunks?.length ?? 0) > 0) call.onProgress?.('tool-call');
        }
        const metadata = metadataOf(merged);
        return {
          ...outcome,
          ok: metadata.finishReason !== 'error',
          text: merged?.text ?? '',
          toolCalls: merged?.tool_calls?.length ?? 0,
          finishReason: metadata.finishReason,
          servedModel: metadata.model,
        };
      } catch (error) {
        const partial = partialOf(error);
        return {
          ...outcome,
          error,
          text: merged?.text || partial?.text || '',
          finishReason: partial?.finishReason,
        };
      }
    },
  };
  return [invoke, stream];
}
