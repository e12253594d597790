import type {
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  SharedV4ProviderOptions,
  SharedV4Warning,
} from '@ai-sdk/provider';
import type {
  WireAssistantMessage,
  WireCacheControl,
  WireContentPart,
  WireGeneratedImage,
  WireMessage,
  WireReasoningDetail,
  WireTextPart,
  WireToolCall,
} from '@openrouter-adapters/core';
import { convertFilePart } from './convert-file-part';
import { convertToolResultOutput } from './convert-tool-result-output';
import { encodeBase64 } from './encode-base64';
import { resolveMediaType } from './media-type';
import { readMessageOptions } from './read-message-options';

type AssistantMessage = Extract<LanguageModelV4Message, { role: 'assistant' }>;
type UserMessage = Extract<LanguageModelV4Message, { role: 'user' }>;
type ToolMessage = Extract<LanguageModelV4Message, { role: 'tool' }>;

/**
 * The V4 prompt as OpenRouter chat messages. Prompt-caching markers (`cacheControl`) are honoured
 * on messages and parts; assistant `reasoning_details` go back verbatim, in order, exactly once;
 * anything without an OpenRouter equivalent produces a warning instead of vanishing.
 */
export function convertToOpenRouterMessages(
  prompt: LanguageModelV4Prompt,
  warnings: SharedV4Warning[],
): WireMessage[] {
  const messages: WireMessage[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case 'system': {
        const cacheControl = cacheControlOf(message.providerOptions);
        messages.push({
          role: 'system',
          content:
            cacheControl === undefined
              ? message.content
              : [{ type: 'text', text: message.content, cache_control: cacheControl }],
        });
        break;
      }
      case 'user':
        messages.push({ role: 'user', content: convertUserContent(message) });
        break;
      case 'assistant':
        messages.push(convertAssistantMessage(message, warnings));
        break;
      case 'tool':
        convertToolMessage(message, messages, warnings);
        break;
    }
  }
  return messages;
}

function convertUserContent(message: UserMessage): string | WireContentPart[] {
  const messageCache = cacheControlOf(message.providerOptions);
  const only = message.content[0];
  if (
    message.content.length === 1 &&
    only?.type === 'text' &&
    messageCache === undefined &&
    cacheControlOf(only.providerOptions) === undefined
  ) {
    return only.text;
  }
  const last = message.content.length - 1;
  return message.content.map((part, index): WireContentPart => {
    const options = readMessageOptions(part.providerOptions);
    const cacheControl = options?.cacheControl ?? (index === last ? messageCache : undefined);
    if (part.type === 'text') return textPart(part.text, cacheControl);
    return convertFilePart({
      data: part.data,
      mediaType: part.mediaType,
      filename: part.filename,
      options,
      cacheControl,
    });
  });
}

function convertAssistantMessage(
  message: AssistantMessage,
  warnings: SharedV4Warning[],
): WireAssistantMessage {
  const messageOptions = readMessageOptions(message.providerOptions);
  const textParts: WireTextPart[] = [];
  const toolCalls: WireToolCall[] = [];
  const images: WireGeneratedImage[] = [];
  let partDetails: WireReasoningDetail[] | undefined;
  let hasPartCache = false;
  for (const part of message.content) {
    const options = readMessageOptions(part.providerOptions);
    if (options?.reasoningDetails !== undefined) {
      if (partDetails === undefined) partDetails = [...options.reasoningDetails];
      else appendUnique(partDetails, options.reasoningDetails);
    }
    switch (part.type) {
      case 'text':
        if (options?.cacheControl !== undefined) hasPartCache = true;
        textParts.push(textPart(part.text, options?.cacheControl));
        break;
      case 'reasoning':
        break;
      case 'tool-call':
        toolCalls.push({
          id: part.toolCallId,
          type: 'function',
          function: {
            name: part.toolName,
            arguments: typeof part.input === 'string' ? part.input : JSON.stringify(part.input ?? {}),
          },
        });
        break;
      case 'file':
        if (part.mediaType.startsWith('image') && (part.data.type === 'data' || part.data.type === 'url')) {
          const data = part.data.type === 'data' ? part.data.data : undefined;
          const url =
            data === undefined
              ? (part.data as { url: URL }).url.href
              : `data:${resolveMediaType(part.mediaType, data, 'image/png')};base64,${typeof data === 'string' ? data : encodeBase64(data)}`;
          images.push({ type: 'image_url', image_url: { url } });
        } else {
          unsupported(warnings, `assistant file parts (${part.mediaType})`);
        }
        break;
      case 'tool-result':
        unsupported(warnings, 'provider-executed tool results in assistant messages');
        break;
      default:
        unsupported(warnings, `assistant ${part.type} parts`);
        break;
    }
  }
  const result: WireAssistantMessage = { role: 'assistant' };
  const messageCache = messageOptions?.cacheControl;
  if (textParts.length === 0) {
    result.content = toolCalls.length > 0 || images.length > 0 ? null : '';
    if (messageCache !== undefined) result.cache_control = messageCache;
  } else if (hasPartCache || messageCache !== undefined) {
    const lastPart = textParts[textParts.length - 1];
    if (messageCache !== undefined && lastPart !== undefined && lastPart.cache_control === undefined) {
      lastPart.cache_control = messageCache;
    }
    result.content = textParts;
  } else {
    result.content =
      textParts.length === 1 ? (textParts[0]?.text ?? '') : textParts.map((part) => part.text).join('');
  }
  if (toolCalls.length > 0) result.tool_calls = toolCalls;
  if (images.length > 0) result.images = images;
  const details = messageOptions?.reasoningDetails ?? partDetails;
  if (details !== undefined && details.length > 0) result.reasoning_details = details;
  return result;
}

function convertToolMessage(
  message: ToolMessage,
  messages: WireMessage[],
  warnings: SharedV4Warning[],
): void {
  const messageCache = cacheControlOf(message.providerOptions);
  let lastToolMessage: Extract<WireMessage, { role: 'tool' }> | undefined;
  for (const part of message.content) {
    if (part.type !== 'tool-result') continue;
    const cacheControl = cacheControlOf(part.providerOptions);
    lastToolMessage = {
      role: 'tool',
      tool_call_id: part.toolCallId,
      content: convertToolResultOutput(part.output, warnings),
    };
    if (cacheControl !== undefined) lastToolMessage.cache_control = cacheControl;
    messages.push(lastToolMessage);
  }
  if (
    messageCache !== undefined &&
    lastToolMessage !== undefined &&
    lastToolMessage.cache_control === undefined
  ) {
    lastToolMessage.cache_control = messageCache;
  }
}

function textPart(text: string, cacheControl: WireCacheControl | undefined): WireTextPart {
  return cacheControl === undefined
    ? { type: 'text', text }
    : { type: 'text', text, cache_control: cacheControl };
}

function cacheControlOf(providerOptions: SharedV4ProviderOptions | undefined): WireCacheControl | undefined {
  return readMessageOptions(providerOptions)?.cacheControl;
}

/**
 * Adds details not already present. Our own output puts the whole list on one part, but
 * conversations stored by other providers repeat details on several parts: each must go back once.
 */
function appendUnique(target: WireReasoningDetail[], source: readonly WireReasoningDetail[]): void {
  const seen = new Set(target.map((detail) => JSON.stringify(detail)));
  for (const detail of source) {
    const key = JSON.stringify(detail);
    if (seen.has(key)) continue;
    seen.add(key);
    target.push(detail);
  }
}

function unsupported(warnings: SharedV4Warning[], feature: string): void {
  warnings.push({
    type: 'unsupported',
    feature,
    details: 'OpenRouter chat messages have no equivalent; not sent.',
  });
}
