import type { ChatResult } from '@openrouter-adapters/core';

const encoder = new TextEncoder();

/**
 * The bytes that end a stream that failed after it started, in OpenRouter's in-band shape: a
 * blank line (completing any event the client was parsing), one chunk with a top-level `error`
 * and `finish_reason: "error"`, then `data: [DONE]`.
 */
export function inBandErrorBytes(input: {
  endpoint: 'chat/completions' | 'completions';
  partial: ChatResult | undefined;
  code: number;
  errorType: string;
  message: string;
}): Uint8Array {
  const { partial } = input;
  const chat = input.endpoint === 'chat/completions';
  const chunk = {
    id: partial?.generationId ?? `gen-gateway-${Date.now()}`,
    object: chat ? 'chat.completion.chunk' : 'text_completion',
    created: partial?.created ?? Math.floor(Date.now() / 1000),
    model: partial?.model ?? '',
    ...(partial?.provider === undefined ? {} : { provider: partial.provider }),
    error: {
      code: input.code,
      message: input.message,
      metadata: { error_type: input.errorType, limit_source: 'gateway' },
    },
    choices: [
      chat
        ? { index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: null }
        : { index: 0, text: '', finish_reason: 'error', native_finish_reason: null },
    ],
  };
  return encoder.encode(`\ndata: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`);
}
