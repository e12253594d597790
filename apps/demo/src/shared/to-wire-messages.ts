import type { WireMessage, WireTool } from '@openrouter-adapters/core';
import { CALCULATOR_DESCRIPTION, CALCULATOR_PARAMETERS, CALCULATOR_TOOL_NAME } from './calculator';
import type { ConversationTurn, TurnToolCall } from './conversation-turns';

/** The calculator as an OpenAI-style function tool (the browser path sends it as is). */
export const CALCULATOR_WIRE_TOOL: WireTool = {
  type: 'function',
  function: {
    name: CALCULATOR_TOOL_NAME,
    description: CALCULATOR_DESCRIPTION,
    parameters: CALCULATOR_PARAMETERS,
  },
};

/**
 * The conversation as OpenRouter chat messages: assistant turns carry their tool calls and
 * `reasoning_details` (verbatim), each followed by one `tool` message per call with its result.
 */
export function toWireMessages(turns: readonly ConversationTurn[]): WireMessage[] {
  const messages: WireMessage[] = [];
  for (const turn of turns) {
    if (turn.role === 'user') {
      messages.push({ role: 'user', content: turn.text });
      continue;
    }
    messages.push({
      role: 'assistant',
      content: turn.text === '' && turn.toolCalls.length > 0 ? null : turn.text,
      ...(turn.toolCalls.length > 0
        ? {
            tool_calls: turn.toolCalls.map((call) => ({
              id: call.id,
              type: 'function' as const,
              function: { name: call.name, arguments: JSON.stringify(call.input ?? {}) },
            })),
          }
        : {}),
      ...(turn.reasoningDetails.length > 0 ? { reasoning_details: turn.reasoningDetails } : {}),
    });
    for (const call of turn.toolCalls) {
      messages.push({ role: 'tool', tool_call_id: call.id, content: toolResultText(call.output) });
    }
  }
  return messages;
}

/** What the model reads as a tool's result: the JSON output, or the error in words. */
export function toolResultText(output: TurnToolCall['output']): string {
  return output.type === 'result' ? JSON.stringify(output.value ?? null) : `Error: ${output.message}`;
}
