import type { WireChatRequest, WireFunctionTool } from '@openrouter-adapters/core';
import { generateSchemaValue } from '../schema/generate-schema-value';
import { extractPromptHints } from '../schema/prompt-hints';
import { sha256 } from '../util/hash';
import { randomAlphanumeric } from '../util/ids';
import { createPrng } from '../util/prng';
import { countTextTokens } from './deterministic-text';
import type { ReplyDirectives } from './reply-directives';

export type PlannedToolCall = {
  id: string;
  name: string;
  arguments: string;
  /** Argument fragments as streamed (after an empty first fragment carrying id and name). */
  fragments: string[];
  tokens: number;
};

const GENERIC_VERBS = new Set([
  'get',
  'set',
  'fetch',
  'find',
  'search',
  'lookup',
  'create',
  'update',
  'delete',
  'list',
  'run',
  'call',
  'make',
  'tool',
]);

function mentions(tool: WireFunctionTool, prompt: string): boolean {
  const name = tool.function.name.toLowerCase();
  if (prompt.includes(name)) return true;
  const parts = tool.function.name
    .split(/[_.-]+|(?<=[a-z])(?=[A-Z])/)
    .map((part) => part.toLowerCase())
    .filter((part) => part.length >= 3 && !GENERIC_VERBS.has(part));
  return parts.some((part) => new RegExp(`\\b${part.replace(/[^a-z0-9]/g, '')}`).test(prompt));
}

/** The function tools of a request (server tools such as `openrouter:web_search` run on OpenRouter's side). */
export function functionTools(request: WireChatRequest): WireFunctionTool[] {
  return (request.tools ?? []).filter(
    (tool): tool is WireFunctionTool => tool.type === 'function' && 'function' in tool,
  );
}

/** Where the conversation stands when the reply is planned (from `analyzePrompt`). */
export type ToolTurn = {
  /** Role of the last message: `user` starts a new turn; `tool` means the reply answers tool results. */
  lastRole: string;
  /** Text of the last user message (name matching and `[[tool: name]]` read it). */
  lastUserText: string;
};

/** The offered tool a `[[tool: name]]` directive names (an unknown name names none). */
function directiveTool(tools: WireFunctionTool[], directives: ReplyDirectives): WireFunctionTool | undefined {
  return directives.tool ? tools.find((tool) => tool.function.name === directives.tool) : undefined;
}

/** The tools the prompt mentions, several unless `parallel_tool_calls` is false. */
function mentionedTools(
  request: WireChatRequest,
  tools: WireFunctionTool[],
  prompt: string,
): WireFunctionTool[] {
  const lowerCase = prompt.toLowerCase();
  const matching = tools.filter((tool) => mentions(tool, lowerCase));
  return request.parallel_tool_calls === false ? matching.slice(0, 1) : matching.slice(0, 4);
}

/**
 * Which offered tools the reply calls, like a model would (honouring `tool_choice`,
 * `parallel_tool_calls` and directives):
 * - `none`, no function tools or `[[no-tools]]`: none.
 * - a named choice: that tool, always (also right after tool results: that is what forcing means).
 * - `required`: always a call: the `[[tool: name]]` tool, else the tools the prompt mentions, else
 *   the first tool (also right after tool results, like the real API: agent loops switch to `auto`).
 * - `auto`: only on a new user turn, never when the reply answers tool results: the
 *   `[[tool: name]]` tool, else the tools the prompt mentions, else none (a text answer).
 */
export function chooseTools(
  request: WireChatRequest,
  turn: ToolTurn,
  directives: ReplyDirectives,
): WireFunctionTool[] {
  const tools = functionTools(request);
  const choice = request.tool_choice ?? 'auto';
  if (tools.length === 0 || choice === 'none' || directives.noTools) return [];
  if (typeof choice === 'object') {
    const name = 'function' in choice ? choice.function.name : undefined;
    const named = tools.find((tool) => tool.function.name === name);
    return named ? [named] : [];
  }
  if (choice === 'required') {
    const named = directiveTool(tools, directives);
    if (named) return [named];
    const matching = mentionedTools(request, tools, turn.lastUserText);
    return matching.length > 0 ? matching : [tools[0] as WireFunctionTool];
  }
  // `auto`: a model answers tool results (and anything but a new user message) in text.
  if (turn.lastRole !== 'user') return [];
  const named = directiveTool(tools, directives);
  if (named) return [named];
  return mentionedTools(request, tools, turn.lastUserText);
}

export type ToolCallStyle = 'openai' | 'anthropic' | 'google';

function toolCallId(style: ToolCallStyle, name: string, index: number): string {
  if (style === 'anthropic') return `toolu_01${randomAlphanumeric(22)}`;
  if (style === 'google') return `tool_${index}_${name}_${randomAlphanumeric(20)}`;
  return `call_${randomAlphanumeric(24)}`;
}

/** Splits arguments into 2..6 roughly even fragments (never empty). */
export function fragmentText(text: string, seedByte: number): string[] {
  if (text.length <= 4) return [text];
  const count = Math.min(6, Math.max(2, Math.ceil(text.length / 12) - (seedByte % 2)));
  const size = Math.ceil(text.length / count);
  const out: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) out.push(text.slice(offset, offset + size));
  return out;
}

/** Plans the tool calls: ids in the provider's style, schema-valid arguments derived from the prompt. */
export function planToolCalls(
  tools: WireFunctionTool[],
  options: { seed: string; lastUserText: string; style: ToolCallStyle },
): PlannedToolCall[] {
  if (tools.length === 0) return [];
  const hints = extractPromptHints(options.lastUserText);
  return tools.map((tool, index) => {
    const digest = sha256(`${options.seed}\0tool\0${tool.function.name}`);
    const prng = createPrng(digest);
    const schema = tool.function.parameters ?? { type: 'object', properties: {} };
    const value = generateSchemaValue(schema, { prng, hints });
    const argumentsJson = JSON.stringify(value ?? {});
    return {
      id: toolCallId(options.style, tool.function.name, index),
      name: tool.function.name,
      arguments: argumentsJson,
      fragments: fragmentText(argumentsJson, digest[0] as number),
      tokens: 4 + countTextTokens(tool.function.name) + countTextTokens(argumentsJson),
    };
  });
}
