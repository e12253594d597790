import type { LanguageModelV4CallOptions, SharedV4Warning } from '@ai-sdk/provider';
import type { WireChatRequest, WireResponseFormat } from '@openrouter-adapters/core';
import { convertToOpenRouterMessages } from './convert-to-openrouter-messages';
import { prepareTools } from './prepare-tools';
import { addExtraBody, resolveCallOptions } from './resolve-call-options';
import type { SettingsLevel } from './resolve-openrouter-settings';

export type ChatRequest = {
  body: WireChatRequest;
  /** Headers derived from options (attribution, session id, routing metadata). */
  headers: Record<string, string>;
  warnings: SharedV4Warning[];
};

/** Body keys the provider sets itself; `extraBody` may not override them. */
const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'model',
  'models',
  'messages',
  'stream',
  'stream_options',
  'tools',
  'tool_choice',
  'response_format',
]);

/**
 * The wire request of a chat call: options resolved and converted by core, and the prompt,
 * tools and response format mapped here. Nothing from options is spread over `model` or
 * `messages`.
 */
export function buildChatRequest(
  modelId: string,
  call: LanguageModelV4CallOptions,
  defaults: readonly SettingsLevel[],
): ChatRequest {
  const warnings: SharedV4Warning[] = [];
  const { settings, wire } = resolveCallOptions(call, defaults, warnings);
  const body = { model: modelId, ...wire.body } as WireChatRequest;
  body.messages = convertToOpenRouterMessages(call.prompt, warnings);
  const responseFormat = mapResponseFormat(call.responseFormat, settings.adapter.structuredOutputs?.strict);
  if (responseFormat !== undefined) body.response_format = responseFormat;
  const { tools, toolChoice } = prepareTools(call.tools, call.toolChoice, warnings);
  if (tools !== undefined) body.tools = tools;
  if (toolChoice !== undefined) body.tool_choice = toolChoice;
  addExtraBody(body, settings.adapter.extraBody, RESERVED_KEYS);
  return { body, headers: wire.headers, warnings };
}

function mapResponseFormat(
  format: LanguageModelV4CallOptions['responseFormat'],
  strict: boolean | undefined,
): WireResponseFormat | undefined {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.schema === undefined) return { type: 'json_object' };
  const jsonSchema: Extract<WireResponseFormat, { type: 'json_schema' }>['json_schema'] = {
    name: format.name ?? 'response',
    schema: format.schema as Record<string, unknown>,
    strict: strict ?? true,
  };
  if (format.description !== undefined) jsonSchema.description = format.description;
  return { type: 'json_schema', json_schema: jsonSchema };
}
