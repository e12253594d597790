import type { WireChatRequest } from '@openrouter-adapters/core';
import { badRequest } from '../http/emulator-http-error';
import { validateProviderPreferences } from './validate-provider-preferences';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const PART_TYPES = new Set(['text', 'image_url', 'file', 'input_audio', 'video_url', 'input_video']);
const EFFORTS = new Set(['max', 'xhigh', 'high', 'medium', 'low', 'minimal', 'none']);
const TOOL_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
/** OpenRouter's server tools (`openrouter:web_search`, ...) and OpenAI-style `web_search`. */
const SERVER_TOOL = /^(openrouter:[a-z_]+|web_search(_preview)?)$/;

type NumberRule = { integer?: boolean; min?: number; max?: number; exclusiveMin?: boolean };
const NUMBER_RULES: Record<string, NumberRule> = {
  max_tokens: { integer: true, min: 1 },
  max_completion_tokens: { integer: true, min: 1 },
  temperature: { min: 0, max: 2 },
  top_p: { min: 0, max: 1 },
  top_k: { integer: true, min: 0 },
  top_a: { min: 0, max: 1 },
  min_p: { min: 0, max: 1 },
  frequency_penalty: { min: -2, max: 2 },
  presence_penalty: { min: -2, max: 2 },
  repetition_penalty: { min: 0, max: 2, exclusiveMin: true },
  seed: { integer: true },
  top_logprobs: { integer: true, min: 0, max: 20 },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkNumber(body: Record<string, unknown>, key: string, rule: NumberRule): void {
  const value = body[key];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`\`${key}\` must be a number`);
  if (rule.integer && !Number.isInteger(value)) throw badRequest(`\`${key}\` must be an integer`);
  if (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min)) {
    throw badRequest(
      `\`${key}\` must be ${rule.exclusiveMin ? 'greater than' : 'at least'} ${rule.min}, got ${value}`,
    );
  }
  if (rule.max !== undefined && value > rule.max)
    throw badRequest(`\`${key}\` must be at most ${rule.max}, got ${value}`);
}

function checkContentParts(parts: unknown[], where: string, textOnly: boolean): void {
  parts.forEach((part, index) => {
    if (!isObject(part) || typeof part.type !== 'string') {
      throw badRequest(`Invalid message at ${where}: content[${index}] must be an object with a \`type\``);
    }
    if (!PART_TYPES.has(part.type) || (textOnly && part.type !== 'text')) {
      throw badRequest(`Invalid message at ${where}: content[${index}] has unsupported type "${part.type}"`);
    }
    if (part.type === 'text' && typeof part.text !== 'string') {
      throw badRequest(`Invalid message at ${where}: content[${index}].text must be a string`);
    }
    if (part.type === 'image_url' && !(isObject(part.image_url) && typeof part.image_url.url === 'string')) {
      throw badRequest(`Invalid message at ${where}: content[${index}].image_url.url must be a string`);
    }
  });
}

function checkMessages(messages: unknown): void {
  if (!Array.isArray(messages)) throw badRequest('Input required: specify "prompt" or "messages"');
  if (messages.length === 0)
    throw badRequest('Input required: specify "prompt" or "messages" (`messages` is empty)');
  const toolCallIds = new Set<string>();
  messages.forEach((message, index) => {
    const where = `messages[${index}]`;
    if (!isObject(message)) throw badRequest(`Invalid message at ${where}: expected an object`);
    const role = message.role;
    if (typeof role !== 'string' || !ROLES.has(role)) {
      throw badRequest(
        `Invalid message at ${where}: \`role\` must be one of system, developer, user, assistant, tool`,
      );
    }
    const content = message.content;
    if (role === 'assistant') {
      if (content !== undefined && content !== null && typeof content !== 'string') {
        if (!Array.isArray(content))
          throw badRequest(`Invalid message at ${where}: \`content\` must be a string, an array or null`);
        checkContentParts(content, where, false);
      }
      const toolCalls = message.tool_calls;
      if (toolCalls !== undefined && toolCalls !== null) {
        if (!Array.isArray(toolCalls))
          throw badRequest(`Invalid message at ${where}: \`tool_calls\` must be an array`);
        toolCalls.forEach((call, callIndex) => {
          if (
            !isObject(call) ||
            typeof call.id !== 'string' ||
            !isObject(call.function) ||
            typeof call.function.name !== 'string'
          ) {
            throw badRequest(
              `Invalid message at ${where}: tool_calls[${callIndex}] needs \`id\` and \`function.name\``,
            );
          }
          if (call.function.arguments !== undefined && typeof call.function.arguments !== 'string') {
            throw badRequest(
              `Invalid message at ${where}: tool_calls[${callIndex}].function.arguments must be a JSON string`,
            );
          }
          toolCallIds.add(call.id);
        });
      }
      if (message.reasoning_details !== undefined && message.reasoning_details !== null) {
        if (
          !Array.isArray(message.reasoning_details) ||
          message.reasoning_details.some((detail) => !isObject(detail) || typeof detail.type !== 'string')
        ) {
          throw badRequest(
            `Invalid message at ${where}: \`reasoning_details\` must be an array of objects with a \`type\``,
          );
        }
      }
      return;
    }
    if (typeof content !== 'string') {
      if (!Array.isArray(content))
        throw badRequest(
          `Invalid message at ${where}: \`content\` must be a string or an array of content parts`,
        );
      checkContentParts(content, where, role === 'system' || role === 'developer');
    }
    if (role === 'tool') {
      if (typeof message.tool_call_id !== 'string' || message.tool_call_id === '') {
        throw badRequest(`Invalid message at ${where}: a \`tool\` message needs a \`tool_call_id\``);
      }
      if (!toolCallIds.has(message.tool_call_id)) {
        throw badRequest(
          `Invalid message at ${where}: tool_call_id "${message.tool_call_id}" does not match any tool call of an earlier assistant message`,
          { field: `${where}.tool_call_id` },
        );
      }
    }
  });
}

function checkTools(body: Record<string, unknown>): void {
  const tools = body.tools;
  const names = new Set<string>();
  if (tools !== undefined && tools !== null) {
    if (!Array.isArray(tools)) throw badRequest('`tools` must be an array');
    tools.forEach((tool, index) => {
      if (
        isObject(tool) &&
        typeof tool.type === 'string' &&
        tool.type !== 'function' &&
        SERVER_TOOL.test(tool.type)
      )
        return;
      if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function)) {
        throw badRequest(
          `Invalid tool at tools[${index}]: expected {type: "function", function: {name, parameters}}`,
        );
      }
      const name = tool.function.name;
      if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
        throw badRequest(`Invalid tool at tools[${index}]: \`function.name\` must match ${TOOL_NAME.source}`);
      }
      if (names.has(name))
        throw badRequest(`Invalid tool at tools[${index}]: duplicate function name "${name}"`);
      names.add(name);
      const parameters = tool.function.parameters;
      if (parameters !== undefined && parameters !== null && !isObject(parameters)) {
        throw badRequest(
          `Invalid tool at tools[${index}]: \`function.parameters\` must be a JSON Schema object`,
        );
      }
    });
  }
  const choice = body.tool_choice;
  if (choice === undefined || choice === null) return;
  if (typeof choice === 'string') {
    if (!['none', 'auto', 'required'].includes(choice))
      throw badRequest(
        '`tool_choice` must be "none", "auto", "required" or {type: "function", function: {name}}',
      );
    if (choice === 'required' && names.size === 0)
      throw badRequest('`tool_choice` is "required" but no `tools` were provided');
    return;
  }
  if (
    isObject(choice) &&
    typeof choice.type === 'string' &&
    choice.type !== 'function' &&
    SERVER_TOOL.test(choice.type)
  )
    return;
  if (
    !isObject(choice) ||
    choice.type !== 'function' ||
    !isObject(choice.function) ||
    typeof choice.function.name !== 'string'
  ) {
    throw badRequest(
      '`tool_choice` must be "none", "auto", "required" or {type: "function", function: {name}}',
    );
  }
  if (!names.has(choice.function.name)) {
    throw badRequest(
      `\`tool_choice\` names the function "${choice.function.name}", which is not in \`tools\``,
    );
  }
}

function checkReasoning(body: Record<string, unknown>): void {
  const reasoning = body.reasoning;
  const topLevel = body.reasoning_effort;
  if (
    topLevel !== undefined &&
    topLevel !== null &&
    (typeof topLevel !== 'string' || !EFFORTS.has(topLevel))
  ) {
    throw badRequest(`\`reasoning_effort\` must be one of ${[...EFFORTS].join(', ')}`);
  }
  if (reasoning === undefined || reasoning === null) return;
  if (!isObject(reasoning)) throw badRequest('`reasoning` must be an object');
  const { effort, max_tokens: maxTokens, exclude, enabled } = reasoning;
  if (effort !== undefined && effort !== null && (typeof effort !== 'string' || !EFFORTS.has(effort))) {
    throw badRequest(`\`reasoning.effort\` must be one of ${[...EFFORTS].join(', ')}`);
  }
  if (
    maxTokens !== undefined &&
    maxTokens !== null &&
    (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 0)
  ) {
    throw badRequest('`reasoning.max_tokens` must be a non-negative integer');
  }
  if (effort !== undefined && effort !== null && maxTokens !== undefined && maxTokens !== null) {
    throw badRequest('Only one of `reasoning.effort` and `reasoning.max_tokens` can be specified');
  }
  if (exclude !== undefined && typeof exclude !== 'boolean')
    throw badRequest('`reasoning.exclude` must be a boolean');
  if (enabled !== undefined && typeof enabled !== 'boolean')
    throw badRequest('`reasoning.enabled` must be a boolean');
  if (typeof topLevel === 'string' && typeof effort === 'string' && topLevel !== effort) {
    throw badRequest(
      `Conflicting reasoning settings: \`reasoning_effort\` is "${topLevel}" but \`reasoning.effort\` is "${effort}". Set one of them, or the same value in both.`,
    );
  }
}

function checkResponseFormat(value: unknown): void {
  if (value === undefined || value === null) return;
  if (!isObject(value) || typeof value.type !== 'string')
    throw badRequest('`response_format` must be an object with a `type`');
  if (value.type === 'json_schema') {
    const spec = value.json_schema;
    if (!isObject(spec) || typeof spec.name !== 'string' || spec.name === '') {
      throw badRequest('`response_format.json_schema` must be an object with a `name` and a `schema`');
    }
    if (spec.schema !== undefined && !isObject(spec.schema) && typeof spec.schema !== 'boolean') {
      throw badRequest('`response_format.json_schema.schema` must be a JSON Schema object');
    }
  }
}

/** Validates a chat completion body like OpenRouter does; throws a 400 naming the first problem. */
export function validateChatRequest(body: unknown): WireChatRequest {
  if (!isObject(body)) throw badRequest('Request body must be a JSON object');
  const { model, models } = body;
  if (model !== undefined && model !== null && (typeof model !== 'string' || model.trim() === '')) {
    throw badRequest('`model` must be a non-empty string');
  }
  if (models !== undefined && models !== null) {
    if (!Array.isArray(models) || models.some((item) => typeof item !== 'string' || item.trim() === '')) {
      throw badRequest('`models` must be an array of model ids');
    }
  }
  if ((typeof model !== 'string' || model === '') && !(Array.isArray(models) && models.length > 0)) {
    throw badRequest('No model specified: set `model` (or a `models` fallback list)');
  }
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
    throw badRequest('`stream` must be a boolean');
  }
  checkMessages(body.messages);
  for (const [key, rule] of Object.entries(NUMBER_RULES)) checkNumber(body, key, rule);
  const stop = body.stop;
  if (stop !== undefined && stop !== null && typeof stop !== 'string') {
    if (!Array.isArray(stop) || stop.some((item) => typeof item !== 'string') || stop.length > 4) {
      throw badRequest('`stop` must be a string or an array of at most 4 strings');
    }
  }
  checkTools(body);
  checkReasoning(body);
  checkResponseFormat(body.response_format);
  validateProviderPreferences(body.provider);
  if (body.modalities !== undefined && body.modalities !== null) {
    if (
      !Array.isArray(body.modalities) ||
      body.modalities.some((item) => item !== 'text' && item !== 'image' && item !== 'audio')
    ) {
      throw badRequest('`modalities` must be an array of "text", "image" or "audio"');
    }
  }
  if (body.plugins !== undefined && body.plugins !== null) {
    if (
      !Array.isArray(body.plugins) ||
      body.plugins.some((plugin) => !isObject(plugin) || typeof plugin.id !== 'string')
    ) {
      throw badRequest('`plugins` must be an array of objects with an `id`');
    }
  }
  return body as WireChatRequest;
}
