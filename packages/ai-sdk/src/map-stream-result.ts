import type { LanguageModelV4StreamResult, SharedV4Warning } from '@ai-sdk/provider';
import type { ChatStream } from '@openrouter-adapters/core';
import { mapChatStream } from './map-chat-stream';

/** `doStream`'s result for a started core stream: the V4 part stream, the request and the response headers. */
export function mapStreamResult(
  stream: ChatStream,
  url: string,
  request: { body: unknown; warnings: SharedV4Warning[] },
  call: { includeRawChunks?: boolean | undefined },
): LanguageModelV4StreamResult {
  return {
    stream: mapChatStream(stream, {
      warnings: request.warnings,
      includeRawChunks: call.includeRawChunks === true,
      url,
      requestBody: request.body,
    }),
    request: { url, body: request.body },
    response: { headers: stream.response.headers },
  };
}
