import type { BaseMessage } from '@langchain/core/messages';
import {
  mergeOptions,
  type OpenRouterOptions,
  toWireRequest,
  validateOptions,
  type WireChatRequest,
} from '@openrouter-adapters/core';
import type { ChatOpenRouterCallOptions, ChatOpenRouterRequestOptions } from './chat-openrouter-fields';
import { convertMessagesToOpenRouter } from './convert-messages-to-openrouter';
import { convertToolChoice, convertToolsToOpenRouter } from './convert-tools';
import { pickRequestOptions } from './request-option-keys';

/** Renames the adapter's `requestMetadata` to core's `metadata`. */
export function toCoreOptions(options: ChatOpenRouterRequestOptions): OpenRouterOptions {
  const { requestMetadata, ...rest } = options;
  return requestMetadata === undefined ? rest : { ...rest, metadata: requestMetadata };
}

/** Validates constructor-level options once, so bad options fail at construction. */
export function validateRequestOptions(options: ChatOpenRouterRequestOptions): void {
  validateOptions(toCoreOptions(options));
}

export type ChatRequest = { body: WireChatRequest; headers: Record<string, string> };

/**
 * Builds one chat request: constructor options merged with per-call overrides, validated and
 * converted to wire form by core; messages, tools, `tool_choice` and `response_format` converted
 * here. Throws `InvalidOptionsError` before any network I/O when something is wrong.
 */
export function buildChatRequest(
  model: string,
  fieldOptions: ChatOpenRouterRequestOptions,
  callOptions: ChatOpenRouterCallOptions,
  messages: readonly BaseMessage[],
): ChatRequest {
  const perCall = pickRequestOptions(callOptions as Record<string, unknown>);
  if (callOptions.stop !== undefined && callOptions.stop.length > 0) perCall.stop = callOptions.stop;
  const options = mergeOptions(toCoreOptions(fieldOptions), toCoreOptions(perCall));
  const wire = toWireRequest(options); // validates: one InvalidOptionsError listing every problem
  const body: WireChatRequest = { ...wire.body, model, messages: convertMessagesToOpenRouter(messages) };
  const tools =
    callOptions.tools !== undefined && callOptions.tools.length > 0
      ? convertToolsToOpenRouter(callOptions.tools, callOptions.strict)
      : undefined;
  if (tools !== undefined) body.tools = tools;
  const toolChoice = convertToolChoice(callOptions.tool_choice, tools);
  if (toolChoice !== undefined) body.tool_choice = toolChoice;
  if (callOptions.responseFormat !== undefined) body.response_format = callOptions.responseFormat;
  const headers =
    callOptions.headers === undefined ? wire.headers : { ...wire.headers, ...callOptions.headers };
  return { body, headers };
}
