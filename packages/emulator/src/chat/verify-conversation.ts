import type { WireChatRequest, WireMessage, WireReasoningDetail } from '@openrouter-adapters/core';
import type { CatalogueProvider, ReasoningFormat } from '../catalogue/catalogue-types';
import { EmulatorHttpError } from '../http/emulator-http-error';
import { verifyEncryptedReasoning, verifyReasoningText } from '../reasoning/reasoning-signatures';
import type { IssuedToolCall } from '../server/emulator-state';

/** A 400 as OpenRouter forwards it from the provider: "Provider returned error" + the upstream body in `metadata.raw`. */
function providerRejected(provider: CatalogueProvider, raw: unknown): EmulatorHttpError {
  return new EmulatorHttpError(400, 'Provider returned error', {
    metadata: { raw: JSON.stringify(raw), provider_name: provider.name, error_type: 'invalid_request' },
  });
}

const anthropicError = (message: string): unknown => ({
  type: 'error',
  error: { type: 'invalid_request_error', message },
});
const googleError = (message: string): unknown => ({
  error: { code: 400, message, status: 'INVALID_ARGUMENT' },
});
const openAiError = (message: string): unknown => ({
  error: { message, type: 'invalid_request_error', param: 'input', code: 'invalid_encrypted_content' },
});

function detailsOf(message: WireMessage): WireReasoningDetail[] {
  return message.role === 'assistant' && Array.isArray(message.reasoning_details)
    ? message.reasoning_details
    : [];
}

/**
 * Checks what a conversation sends back against what the emulator issued, as the real providers do:
 * Anthropic reasoning signatures (missing, altered text, foreign signature), the thinking block a
 * Claude tool turn must start with while reasoning is on, Gemini thought signatures (the
 * `reasoning.encrypted` detail whose `id` is the tool call id) and OpenAI encrypted reasoning.
 */
export function verifyConversation(
  request: WireChatRequest,
  options: {
    format: ReasoningFormat | null;
    reasoningEnabled: boolean;
    provider: CatalogueProvider;
    issuedToolCalls: Map<string, IssuedToolCall>;
  },
): EmulatorHttpError | undefined {
  const { format, provider } = options;
  if (!format) return undefined;
  const messages = request.messages;
  let providerIndex = -1;
  let lastAssistant: { message: WireMessage; providerIndex: number } | undefined;
  for (const message of messages) {
    if (message.role !== 'system' && message.role !== 'developer') providerIndex += 1;
    if (message.role !== 'assistant') continue;
    lastAssistant = { message, providerIndex };
    const details = detailsOf(message);
    for (const detail of details) {
      if (detail.format !== format) continue;
      if (format === 'anthropic-claude-v1' && detail.type === 'reasoning.text') {
        const text = typeof detail.text === 'string' ? detail.text : '';
        const signature = typeof detail.signature === 'string' ? detail.signature : '';
        if (!signature) {
          return providerRejected(
            provider,
            anthropicError(`messages.${providerIndex}.content.0.thinking.signature: Field required`),
          );
        }
        if (!verifyReasoningText(text, signature)) {
          return providerRejected(
            provider,
            anthropicError(
              `messages.${providerIndex}.content.0: Invalid \`signature\` in \`thinking\` block`,
            ),
          );
        }
      }
      if (detail.type === 'reasoning.encrypted') {
        const data =
          typeof (detail as { data?: unknown }).data === 'string' ? (detail as { data: string }).data : '';
        const id = typeof detail.id === 'string' ? detail.id : '';
        if (format === 'google-gemini-v1' && !verifyEncryptedReasoning('gemini', id, data)) {
          return providerRejected(provider, googleError('Corrupted thought signature.'));
        }
        if (format === 'openai-responses-v1' && !verifyEncryptedReasoning('openai', id, data)) {
          return providerRejected(
            provider,
            openAiError(`The encrypted content for item ${id || '(missing id)'} could not be verified.`),
          );
        }
      }
    }
    if (format === 'google-gemini-v1' && message.role === 'assistant') {
      for (const [position, call] of (message.tool_calls ?? []).entries()) {
        if (!options.issuedToolCalls.get(call.id)?.thoughtSignature) continue;
        const carried = details.some(
          (detail) => detail.type === 'reasoning.encrypted' && detail.id === call.id,
        );
        if (!carried) {
          return providerRejected(
            provider,
            googleError(
              `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${call.function.name}\` , position ${position + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
            ),
          );
        }
      }
    }
  }
  if (
    format === 'anthropic-claude-v1' &&
    options.reasoningEnabled &&
    lastAssistant &&
    lastAssistant.message.role === 'assistant'
  ) {
    const calls = lastAssistant.message.tool_calls ?? [];
    const issuedWithReasoning = calls.some((call) => options.issuedToolCalls.get(call.id)?.withReasoning);
    const startsWithThinking = detailsOf(lastAssistant.message).some(
      (detail) =>
        detail.type === 'reasoning.text' && typeof detail.signature === 'string' && detail.signature !== '',
    );
    if (issuedWithReasoning && !startsWithThinking) {
      return providerRejected(
        provider,
        anthropicError(
          `messages.${lastAssistant.providerIndex}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`tool_use\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
        ),
      );
    }
  }
  return undefined;
}
