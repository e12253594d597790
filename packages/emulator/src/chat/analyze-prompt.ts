import type { WireChatRequest, WireMessage } from '@openrouter-adapters/core';
import { countTextTokens } from './deterministic-text';

export type ToolResult = { toolCallId: string; name: string; content: string };

export type PromptAnalysis = {
  promptTokens: number;
  /** Tokens of the prompt up to and including message i (for prompt-cache prefixes). */
  prefixTokens: number[];
  /** Text of the last user message (directives are read from it). */
  lastUserText: string;
  lastRole: string;
  /** Tool results answering the last assistant turn (the conversation is waiting for a final answer). */
  toolResults: ToolResult[];
  images: number;
  files: number;
  hasCacheControl: boolean;
};

const IMAGE_TOKENS = 85;
const FILE_TOKENS = 258;

/** Plain text of a message's content (text parts joined by a newline). */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (part && typeof part === 'object' && (part as { type?: unknown }).type === 'text') {
      const value = (part as { text?: unknown }).text;
      if (typeof value === 'string') text += text ? `\n${value}` : value;
    }
  }
  return text;
}

function hasMarker(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'cache_control' in value;
}

/** Counts prompt tokens (about four characters per token plus per-message overhead) and reads the conversation's state. */
export function analyzePrompt(
  request: Pick<WireChatRequest, 'messages' | 'tools' | 'cache_control'>,
): PromptAnalysis {
  const messages = request.messages;
  const prefixTokens: number[] = [];
  let total = 3;
  let images = 0;
  let files = 0;
  let hasCacheControl = hasMarker(request);
  if (request.tools && request.tools.length > 0) total += countTextTokens(JSON.stringify(request.tools));
  let lastUserText = '';
  const toolNames = new Map<string, string>();
  let toolResults: ToolResult[] = [];
  for (const message of messages as WireMessage[]) {
    let tokens = 4 + countTextTokens(messageText(message.content));
    if (hasMarker(message)) hasCacheControl = true;
    if (Array.isArray(message.content)) {
      for (const part of message.content) {
        if (hasMarker(part)) hasCacheControl = true;
        if (part.type === 'image_url') {
          images += 1;
          tokens += IMAGE_TOKENS;
        } else if (part.type !== 'text') {
          files += 1;
          tokens += FILE_TOKENS;
        }
      }
    }
    if (message.role === 'assistant') {
      toolResults = [];
      for (const call of message.tool_calls ?? []) {
        toolNames.set(call.id, call.function.name);
        tokens += 3 + countTextTokens(call.function.name) + countTextTokens(call.function.arguments ?? '');
      }
      if (typeof message.reasoning === 'string') tokens += countTextTokens(message.reasoning);
    } else if (message.role === 'user') {
      lastUserText = messageText(message.content);
      toolResults = [];
    } else if (message.role === 'tool') {
      toolResults.push({
        toolCallId: message.tool_call_id,
        name: toolNames.get(message.tool_call_id) ?? 'tool',
        content: messageText(message.content),
      });
    }
    total += tokens;
    prefixTokens.push(total);
  }
  const last = messages[messages.length - 1];
  return {
    promptTokens: total,
    prefixTokens,
    lastUserText,
    lastRole: last?.role ?? 'user',
    toolResults: last?.role === 'tool' ? toolResults : [],
    images,
    files,
    hasCacheControl,
  };
}
