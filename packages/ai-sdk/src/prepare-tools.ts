import type {
  LanguageModelV4CallOptions,
  LanguageModelV4FunctionTool,
  SharedV4Warning,
} from '@ai-sdk/provider';
import type { WireFunctionTool, WireTool, WireToolChoice } from '@openrouter-adapters/core';
import { readMessageOptions } from './read-message-options';

export type PreparedTools = {
  tools: WireTool[] | undefined;
  toolChoice: WireToolChoice | undefined;
};

/**
 * V4 tools as OpenRouter tools: function tools keep their JSON schema and `strict` flag (plus a
 * `cacheControl` marker from the tool's provider options); `openrouter.*` provider tools become
 * OpenRouter server tools. Anything else produces a warning.
 */
export function prepareTools(
  tools: LanguageModelV4CallOptions['tools'],
  toolChoice: LanguageModelV4CallOptions['toolChoice'],
  warnings: SharedV4Warning[],
): PreparedTools {
  if (tools === undefined || tools.length === 0) {
    if (toolChoice !== undefined && toolChoice.type !== 'auto' && toolChoice.type !== 'none') {
      warnings.push({
        type: 'unsupported',
        feature: 'toolChoice',
        details: 'toolChoice was set without tools.',
      });
    }
    return { tools: undefined, toolChoice: undefined };
  }
  const prepared: WireTool[] = [];
  for (const tool of tools) {
    if (tool.type === 'function') {
      prepared.push(functionTool(tool, warnings));
    } else if (tool.id.startsWith('openrouter.')) {
      prepared.push({ type: `openrouter:${tool.id.slice('openrouter.'.length)}`, parameters: tool.args });
    } else {
      warnings.push({
        type: 'unsupported',
        feature: `provider tool ${tool.id}`,
        details: 'Only openrouter.* provider tools (OpenRouter server tools) can be sent to OpenRouter.',
      });
    }
  }
  return { tools: prepared.length > 0 ? prepared : undefined, toolChoice: mapToolChoice(toolChoice) };
}

function functionTool(tool: LanguageModelV4FunctionTool, warnings: SharedV4Warning[]): WireFunctionTool {
  const definition: WireFunctionTool['function'] = { name: tool.name };
  if (tool.description !== undefined) definition.description = tool.description;
  definition.parameters = tool.inputSchema as Record<string, unknown>;
  if (tool.strict !== undefined) definition.strict = tool.strict;
  if (tool.inputExamples !== undefined && tool.inputExamples.length > 0) {
    warnings.push({
      type: 'unsupported',
      feature: 'inputExamples',
      details: `OpenRouter tools have no input examples; the examples of tool "${tool.name}" were not sent.`,
    });
  }
  const wire: WireFunctionTool = { type: 'function', function: definition };
  const cacheControl = readMessageOptions(tool.providerOptions)?.cacheControl;
  if (cacheControl !== undefined) wire.cache_control = cacheControl;
  return wire;
}

function mapToolChoice(toolChoice: LanguageModelV4CallOptions['toolChoice']): WireToolChoice | undefined {
  if (toolChoice === undefined) return undefined;
  switch (toolChoice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return toolChoice.type;
    case 'tool':
      return { type: 'function', function: { name: toolChoice.toolName } };
  }
}
