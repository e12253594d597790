import type { InvalidToolCall, ToolCall } from '@langchain/core/messages';
import { type ChatToolCall, parseJson } from '@openrouter-adapters/core';

export type ParsedToolCall =
  | { valid: true; toolCall: ToolCall }
  | { valid: false; toolCall: InvalidToolCall };

/**
 * Turns a complete tool call from core into LangChain's `ToolCall`, or an `InvalidToolCall` that
 * keeps the raw arguments and says why they were rejected (never dropped).
 */
export function parseToolCall(toolCall: ChatToolCall): ParsedToolCall {
  const text = toolCall.arguments.trim();
  if (text === '') {
    return { valid: true, toolCall: { type: 'tool_call', id: toolCall.id, name: toolCall.name, args: {} } };
  }
  let parsed: unknown;
  try {
    parsed = parseJson(text);
  } catch (error) {
    return invalid(toolCall, `Tool call arguments are not valid JSON: ${errorMessage(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return invalid(toolCall, 'Tool call arguments must be a JSON object.');
  }
  return {
    valid: true,
    toolCall: {
      type: 'tool_call',
      id: toolCall.id,
      name: toolCall.name,
      args: parsed as Record<string, unknown>,
    },
  };
}

function invalid(toolCall: ChatToolCall, error: string): ParsedToolCall {
  return {
    valid: false,
    toolCall: {
      type: 'invalid_tool_call',
      id: toolCall.id,
      name: toolCall.name,
      args: toolCall.arguments,
      error,
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Splits complete tool calls into LangChain's valid and invalid lists, in order. */
export function parseToolCalls(toolCalls: readonly ChatToolCall[]): {
  toolCalls: ToolCall[];
  invalidToolCalls: InvalidToolCall[];
} {
  const valid: ToolCall[] = [];
  const invalidCalls: InvalidToolCall[] = [];
  for (const call of toolCalls) {
    const parsed = parseToolCall(call);
    if (parsed.valid) valid.push(parsed.toolCall);
    else invalidCalls.push(parsed.toolCall);
  }
  return { toolCalls: valid, invalidToolCalls: invalidCalls };
}
