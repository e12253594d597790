import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import {
  InvalidOptionsError,
  type OptionIssue,
  type WireAssistantMessage,
  type WireMessage,
  type WireReasoningDetail,
  type WireToolCall,
} from '@openrouter-adapters/core';
import { convertTextContent, convertUserContent } from './convert-content-blocks';

/** Assistant content blocks carried elsewhere on the wire message (tool calls, reasoning). */
const ASSISTANT_SKIPPED_BLOCKS: ReadonlySet<string> = new Set([
  'tool_use',
  'tool_call',
  'tool_call_chunk',
  'server_tool_call',
  'server_tool_call_chunk',
  'invalid_tool_call',
  'functionCall',
  'input_json_delta',
  'reasoning',
  'reasoning_content',
  'thinking',
  'redacted_thinking',
]);
const NO_SKIPPED_BLOCKS: ReadonlySet<string> = new Set();

/**
 * Converts LangChain messages to OpenRouter wire messages. Assistant messages keep their tool
 * calls (valid and invalid ones, so later tool results still match an id) and send
 * `reasoning_details` back verbatim, which Anthropic, Gemini and OpenAI reasoning models require
 * on tool-calling turns. Every problem in every message is collected into one
 * `InvalidOptionsError` whose issue paths name the message and block.
 */
export function convertMessagesToOpenRouter(messages: readonly BaseMessage[]): WireMessage[] {
  const issues: OptionIssue[] = [];
  const wire: WireMessage[] = [];
  messages.forEach((message, index) => {
    const converted = convertMessage(message, `messages[${index}]`, issues);
    if (converted !== undefined) wire.push(converted);
  });
  if (issues.length > 0) throw new InvalidOptionsError({ issues });
  return wire;
}

function roleOf(message: BaseMessage): string {
  const type = message.getType();
  if (type === 'generic') {
    const role = (message as BaseMessage & { role?: unknown }).role;
    if (role === 'user') return 'human';
    if (role === 'assistant') return 'ai';
    return typeof role === 'string' ? role : 'generic';
  }
  return type;
}

function convertMessage(message: BaseMessage, path: string, issues: OptionIssue[]): WireMessage | undefined {
  const role = roleOf(message);
  const content = `${path}.content`;
  switch (role) {
    case 'system':
    case 'developer': {
      const wireRole =
        role === 'developer' || message.additional_kwargs.__openai_role__ === 'developer'
          ? 'developer'
          : 'system';
      return withName(
        {
          role: wireRole,
          content: convertTextContent(message.content, content, issues, wireRole, NO_SKIPPED_BLOCKS),
        },
        message,
      );
    }
    case 'human':
      return withName(
        { role: 'user', content: convertUserContent(message.content, content, issues) },
        message,
      );
    case 'ai':
      return convertAssistantMessage(message, path, issues);
    case 'tool': {
      if (!ToolMessage.isInstance(message)) {
        issues.push({ path, message: 'tool messages need a tool_call_id (use ToolMessage)' });
        return undefined;
      }
      return {
        role: 'tool',
        tool_call_id: message.tool_call_id,
        content: convertUserContent(message.content, content, issues),
      };
    }
    default:
      issues.push({
        path,
        message: `unsupported message type "${role}": use SystemMessage, HumanMessage, AIMessage or ToolMessage`,
      });
      return undefined;
  }
}

function withName<T extends WireMessage>(wire: T, message: BaseMessage): T {
  if (typeof message.name === 'string' && message.name !== '')
    (wire as { name?: string }).name = message.name;
  return wire;
}

function convertAssistantMessage(
  message: BaseMessage,
  path: string,
  issues: OptionIssue[],
): WireAssistantMessage {
  const text = convertTextContent(
    message.content,
    `${path}.content`,
    issues,
    'assistant',
    ASSISTANT_SKIPPED_BLOCKS,
  );
  const toolCalls: WireToolCall[] = [];
  if (AIMessage.isInstance(message)) {
    message.tool_calls?.forEach((call, index) => {
      if (call.id === undefined || call.id === '') {
        issues.push({ path: `${path}.tool_calls[${index}]`, message: 'tool call without an id' });
        return;
      }
      toolCalls.push({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
      });
    });
    message.invalid_tool_calls?.forEach((call) => {
      if (call.id === undefined || call.name === undefined) return;
      toolCalls.push({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.args ?? '' },
      });
    });
  }
  const wire: WireAssistantMessage = { role: 'assistant' };
  const isEmpty = text === '' || (Array.isArray(text) && text.length === 0);
  wire.content = isEmpty ? (toolCalls.length > 0 ? null : '') : text;
  if (toolCalls.length > 0) wire.tool_calls = toolCalls;
  const reasoningDetails = reasoningDetailsOf(message);
  if (reasoningDetails !== undefined) wire.reasoning_details = reasoningDetails;
  return withName(wire, message);
}

/**
 * `reasoning_details` as received: on `additional_kwargs` (invoke, stream) or on
 * `response_metadata` (messages assembled from `streamEvents()` content-block events).
 */
function reasoningDetailsOf(message: BaseMessage): WireReasoningDetail[] | undefined {
  const fromKwargs = message.additional_kwargs.reasoning_details;
  if (Array.isArray(fromKwargs) && fromKwargs.length > 0) return fromKwargs as WireReasoningDetail[];
  const fromMetadata = (message.response_metadata as Record<string, unknown> | undefined)?.reasoning_details;
  if (Array.isArray(fromMetadata) && fromMetadata.length > 0) return fromMetadata as WireReasoningDetail[];
  return undefined;
}
