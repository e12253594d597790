import type { ResponseMeta } from '../client/response-meta';
import { normalizeUsage } from '../usage';
import type { WireAnnotation } from '../wire/annotations';
import type { WireChatResponse, WireChoice } from '../wire/chat';
import type { ChatResult, ChatToolCall } from './chat-result';
import { uniqueToolCallId } from './unique-tool-call-id';

const stringOr = (value: unknown, fallback: string | undefined): string | undefined =>
  typeof value === 'string' && value !== '' ? value : fallback;

/** `message.content` is a string, `null`, or (some providers) an array of text parts. */
const contentText = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (part != null && typeof part === 'object' && typeof part.text === 'string') text += part.text;
  }
  return text;
};

/**
 * The `ChatResult` of a non-streaming chat completion: the same shape as a streamed one, with the
 * same tool-call id reconciliation (unique, never empty), normalised usage and choice-level error.
 * Only choice 0 is read; legacy `/completions` bodies (`choices[].text`) work too.
 */
export function chatResultFromResponse(body: WireChatResponse, meta?: ResponseMeta): ChatResult {
  const choices: unknown[] = Array.isArray(body.choices) ? body.choices : [];
  const choice = (choices.find((item) => (item as WireChoice | null)?.index === 0) ?? choices[0]) as
    | WireChoice
    | undefined;
  const message = choice?.message ?? undefined;
  const usedIds = new Set<string>();
  const toolCalls: ChatToolCall[] = [];
  for (const call of Array.isArray(message?.tool_calls) ? message.tool_calls : []) {
    if (call == null || typeof call !== 'object') continue;
    const index = toolCalls.length;
    const wireArguments = call.function?.arguments as unknown;
    toolCalls.push({
      index,
      id: uniqueToolCallId(call.id, index, usedIds),
      name: stringOr(call.function?.name, '') as string,
      arguments:
        typeof wireArguments === 'string'
          ? wireArguments
          : wireArguments == null
            ? ''
            : JSON.stringify(wireArguments),
    });
  }
  const annotations: WireAnnotation[] = [];
  const seenAnnotations = new Set<string>();
  for (const annotation of Array.isArray(message?.annotations) ? message.annotations : []) {
    const key = JSON.stringify(annotation);
    if (seenAnnotations.has(key)) continue;
    seenAnnotations.add(key);
    annotations.push(annotation);
  }
  const usage = body.usage;
  return {
    generationId: stringOr(body.id, meta?.generationId),
    model: stringOr(body.model, undefined),
    provider: stringOr(body.provider, undefined),
    created: typeof body.created === 'number' ? body.created : undefined,
    systemFingerprint: stringOr(body.system_fingerprint, undefined),
    text: message != null ? contentText(message.content) : contentText(choice?.text),
    refusal: stringOr(message?.refusal, undefined),
    reasoning: stringOr(message?.reasoning, '') as string,
    reasoningDetails: Array.isArray(message?.reasoning_details) ? message.reasoning_details.slice() : [],
    toolCalls,
    annotations,
    images: Array.isArray(message?.images) ? message.images.slice() : [],
    logprobs: choice?.logprobs ?? undefined,
    finishReason: stringOr(choice?.finish_reason, undefined),
    nativeFinishReason: stringOr(choice?.native_finish_reason, undefined),
    usage: usage != null && typeof usage === 'object' ? normalizeUsage(usage) : undefined,
    error: choice?.error ?? (body.error as ChatResult['error']) ?? undefined,
    response: meta,
  };
}
