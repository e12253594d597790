import type { LanguageModelV4StreamResult, SharedV4Warning } from '@ai-sdk/provider';
import type { ChatStream } from '@openrouter-adapters/core';
import { mapChatStream } from './map-chat-stream';

export type StreamResultContext = {
  url: string;
  requestBody: unknown;
  warnings: SharedV4Warning[];
  includeRawChunks: boolean | undefined;
};

/** `doStream`'s result for a started core stream: the V4 part stream, the request and the response headers. */
export function mapStreamResult(
  stream: ChatStream,
  context: StreamResultContext,
): LanguageModelV4StreamResult {
  const { url, requestBody } = context;
  return {
    stream: mapChatStream(stream, {
      warnings: context.warnings,
      includeRawChunks: context.includeRawChunks === true,
      url,
      requestBody,
    }),
    request: { url, body: requestBody },
    response: { headers: stream.response.headers },
  };
}
