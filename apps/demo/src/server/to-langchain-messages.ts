import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import type { ConversationTurn } from '../shared/conversation-turns';
import { toolResultText } from '../shared/to-wire-messages';

/**
 * The conversation as LangChain messages. Assistant turns carry their tool calls and OpenRouter's
 * `reasoning_details` in `additional_kwargs` (where `ChatOpenRouter` reads them back verbatim);
 * each tool result follows as a `ToolMessage`.
 */
export function toLangChainMessages(turns: readonly ConversationTurn[]): BaseMessage[] {
  const messages: BaseMessage[] = [];
  for (const turn of turns) {
    if (turn.role === 'user') {
      messages.push(new HumanMessage(turn.text));
      continue;
    }
    messages.push(
      new AIMessage({
        content: turn.text,
        tool_calls: turn.toolCalls.map((call) => ({
          id: call.id,
          name: call.name,
          args: isRecord(call.input) ? call.input : {},
          type: 'tool_call' as const,
        })),
        additional_kwargs:
          turn.reasoningDetails.length > 0 ? { reasoning_details: turn.reasoningDetails } : {},
      }),
    );
    for (const call of turn.toolCalls) {
      messages.push(new ToolMessage({ tool_call_id: call.id, content: toolResultText(call.output) }));
    }
  }
  return messages;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
