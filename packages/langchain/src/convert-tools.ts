import type { BindToolsInput, ToolChoice } from '@langchain/core/language_models/chat_models';
import { isLangChainTool } from '@langchain/core/utils/function_calling';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import {
  InvalidOptionsError,
  type OptionIssue,
  type WireFunctionTool,
  type WireToolChoice,
} from '@openrouter-adapters/core';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts every tool form LangChain accepts (`tool()`/`StructuredTool`, `RunnableToolLike`,
 * `StructuredToolParams` with a zod, standard or JSON schema, OpenAI-format tools, and bare
 * `{ name, description, parameters }` definitions) to OpenRouter function tools. Inputs are never
 * mutated; a form we cannot read is an `InvalidOptionsError` naming the tool's position.
 */
export function convertToolsToOpenRouter(
  tools: readonly BindToolsInput[],
  strict?: boolean,
): WireFunctionTool[] {
  const issues: OptionIssue[] = [];
  const converted: WireFunctionTool[] = [];
  const names = new Set<string>();
  tools.forEach((tool, index) => {
    const result = convertTool(tool, strict);
    if (typeof result === 'string') {
      issues.push({ path: `tools[${index}]`, message: result });
      return;
    }
    if (names.has(result.function.name)) {
      issues.push({ path: `tools[${index}]`, message: `duplicate tool name "${result.function.name}"` });
    }
    names.add(result.function.name);
    converted.push(result);
  });
  if (issues.length > 0) throw new InvalidOptionsError({ issues });
  return converted;
}

function convertTool(tool: BindToolsInput, strict: boolean | undefined): WireFunctionTool | string {
  if (!isObject(tool)) return 'expected a tool object';
  if (isLangChainTool(tool)) {
    const parameters = toJsonSchema(tool.schema as Parameters<typeof toJsonSchema>[0]);
    return functionTool(tool.name, tool.description, parameters as JsonObject, strict);
  }
  if (tool.type === 'function' && isObject(tool.function)) {
    const definition = tool.function;
    if (typeof definition.name !== 'string' || definition.name === '') return 'function tool without a name';
    if (definition.parameters !== undefined && !isObject(definition.parameters)) {
      return `tool "${definition.name}": parameters must be a JSON schema object`;
    }
    const wire = functionTool(
      definition.name,
      typeof definition.description === 'string' ? definition.description : undefined,
      definition.parameters as JsonObject | undefined,
      strict ?? (typeof definition.strict === 'boolean' ? definition.strict : undefined),
    );
    if (isObject(tool.cache_control))
      wire.cache_control = tool.cache_control as WireFunctionTool['cache_control'];
    return wire;
  }
  if (typeof tool.name === 'string' && tool.name !== '' && isObject(tool.parameters)) {
    return functionTool(
      tool.name,
      typeof tool.description === 'string' ? tool.description : undefined,
      tool.parameters,
      strict,
    );
  }
  const type = typeof tool.type === 'string' ? ` of type "${tool.type}"` : '';
  return `unsupported tool${type}: expected a LangChain tool, a { type: "function", function } tool or a { name, parameters } definition`;
}

function functionTool(
  name: string,
  description: string | undefined,
  parameters: JsonObject | undefined,
  strict: boolean | undefined,
): WireFunctionTool {
  const definition: WireFunctionTool['function'] = { name };
  if (description !== undefined && description !== '') definition.description = description;
  if (parameters !== undefined) definition.parameters = parameters;
  if (strict !== undefined) definition.strict = strict;
  return { type: 'function', function: definition };
}

/**
 * Maps LangChain's `tool_choice` to OpenRouter's: `"any"`/`"required"` → `"required"`,
 * `"auto"`/`"none"` unchanged, a tool name → that function, OpenAI and Anthropic objects as-is.
 */
export function convertToolChoice(
  choice: ToolChoice | undefined,
  tools: readonly WireFunctionTool[] | undefined,
): WireToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  let result: WireToolChoice;
  if (choice === 'auto' || choice === 'none') result = choice;
  else if (choice === 'any' || choice === 'required') result = 'required';
  else if (typeof choice === 'string') result = { type: 'function', function: { name: choice } };
  else if (isObject(choice) && choice.type === 'function' && isObject(choice.function)) {
    result = { type: 'function', function: { name: String(choice.function.name) } };
  } else if (isObject(choice) && choice.type === 'tool' && typeof choice.name === 'string') {
    result = { type: 'function', function: { name: choice.name } };
  } else if (isObject(choice) && (choice.type === 'any' || choice.type === 'auto')) {
    result = choice.type === 'any' ? 'required' : 'auto';
  } else {
    throw new InvalidOptionsError({
      issues: [{ path: 'tool_choice', message: `unsupported tool_choice ${JSON.stringify(choice)}` }],
    });
  }
  if (typeof result === 'object') {
    const name = result.function.name;
    if (tools === undefined || !tools.some((tool) => tool.function.name === name)) {
      throw new InvalidOptionsError({
        issues: [
          { path: 'tool_choice', message: `tool_choice names "${name}", but no bound tool has that name` },
        ],
      });
    }
  } else if (tools === undefined || tools.length === 0) {
    // "auto" and "none" without tools change nothing; "required" without tools cannot be honoured.
    if (result === 'required') {
      throw new InvalidOptionsError({
        issues: [
          {
            path: 'tool_choice',
            message: `tool_choice "${String(choice)}" needs tools: bind them with bindTools()`,
          },
        ],
      });
    }
    return undefined;
  }
  return result;
}
