import type {
  BaseLanguageModelInput,
  StructuredOutputMethodOptions,
} from '@langchain/core/language_models/base';
import {
  assembleStructuredOutputPipeline,
  createContentParser,
  createFunctionCallingParser,
} from '@langchain/core/language_models/structured_output';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { isSerializableSchema } from '@langchain/core/utils/standard_schema';
import { getSchemaDescription, isInteropZodSchema } from '@langchain/core/utils/types';
import {
  InvalidOptionsError,
  type WireFunctionTool,
  type WireResponseFormat,
} from '@openrouter-adapters/core';
import type { ChatOpenRouterCallOptions } from './chat-openrouter-fields';

/** The structured-output methods `withStructuredOutput` accepts. */
export const STRUCTURED_OUTPUT_METHODS: readonly string[] = ['functionCalling', 'jsonSchema', 'jsonMode'];

type Configurable = {
  withConfig(config: Partial<ChatOpenRouterCallOptions>): Runnable<BaseLanguageModelInput, AIMessageChunk>;
};

type JsonObject = Record<string, unknown>;

export type StructuredOutputRunnable = Runnable<
  BaseLanguageModelInput,
  JsonObject | { raw: BaseMessage; parsed: JsonObject | null }
>;

/**
 * Builds `withStructuredOutput`: `functionCalling` (default: a forced tool call, works on every
 * tool-capable model), `jsonSchema` (`response_format: json_schema`) or `jsonMode`
 * (`response_format: json_object`), each with the tracing metadata `ls_structured_output_format`
 * in LangChain's standard shape, and `includeRaw`.
 */
export function createStructuredOutputRunnable(
  model: Configurable,
  schema: unknown,
  config: StructuredOutputMethodOptions<boolean> | undefined,
): StructuredOutputRunnable {
  const method = config?.method ?? 'functionCalling';
  if (!STRUCTURED_OUTPUT_METHODS.includes(method)) {
    throw new InvalidOptionsError({
      issues: [
        {
          path: 'method',
          message: `unknown structured output method "${method}"; use ${STRUCTURED_OUTPUT_METHODS.join(', ')}`,
        },
      ],
    });
  }
  if (config?.strict !== undefined && method === 'jsonMode') {
    throw new InvalidOptionsError({
      issues: [
        {
          path: 'strict',
          message: '"strict" applies to the functionCalling and jsonSchema methods, not jsonMode',
        },
      ],
    });
  }
  if (typeof schema !== 'object' || schema === null) {
    throw new InvalidOptionsError({
      issues: [{ path: 'schema', message: 'expected a zod, standard or JSON schema' }],
    });
  }
  const isTypedSchema = isInteropZodSchema(schema) || isSerializableSchema(schema);
  const jsonSchema = toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]) as JsonObject;
  const description = getSchemaDescription(schema as JsonObject);
  const includeRaw = config?.includeRaw === true;
  let llm: Runnable<BaseLanguageModelInput, AIMessageChunk>;
  // biome-ignore lint/suspicious/noExplicitAny: LangChain's parser factories are typed loosely.
  let parser: any;

  if (method === 'functionCalling') {
    const definition = functionDefinition(schema as JsonObject, isTypedSchema, jsonSchema, config?.name);
    const tool: WireFunctionTool = { type: 'function', function: definition };
    llm = model.withConfig({
      outputVersion: 'v0',
      tools: [tool],
      tool_choice: { type: 'function', function: { name: definition.name } },
      ...(config?.strict !== undefined ? { strict: config.strict } : {}),
      ls_structured_output_format: {
        kwargs: { method: 'function_calling' },
        schema: { title: definition.name, ...jsonSchema },
      },
    });
    parser = createFunctionCallingParser(schema as JsonObject, definition.name);
  } else {
    const name = config?.name ?? (typeof jsonSchema.title === 'string' ? jsonSchema.title : 'extract');
    const responseFormat: WireResponseFormat =
      method === 'jsonSchema'
        ? {
            type: 'json_schema',
            json_schema: {
              name,
              ...(description !== undefined ? { description } : {}),
              schema: jsonSchema,
              ...(config?.strict !== undefined ? { strict: config.strict } : {}),
            },
          }
        : { type: 'json_object' };
    llm = model.withConfig({
      outputVersion: 'v0',
      responseFormat,
      ls_structured_output_format: {
        kwargs: { method: method === 'jsonSchema' ? 'json_schema' : 'json_mode' },
        schema: { title: name, ...(description !== undefined ? { description } : {}), ...jsonSchema },
      },
    });
    parser = createContentParser(schema as JsonObject);
  }
  return assembleStructuredOutputPipeline(
    llm,
    parser,
    includeRaw,
    includeRaw ? 'StructuredOutputRunnable' : 'StructuredOutput',
  ) as StructuredOutputRunnable;
}

/** The function a `functionCalling` schema becomes; OpenAI-style `{ name, parameters }` is used as given. */
function functionDefinition(
  schema: JsonObject,
  isTypedSchema: boolean,
  jsonSchema: JsonObject,
  name: string | undefined,
): WireFunctionTool['function'] {
  if (!isTypedSchema && typeof schema.name === 'string' && typeof schema.parameters === 'object') {
    return {
      name: schema.name,
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      parameters: schema.parameters as JsonObject,
    };
  }
  const functionName =
    name ?? (!isTypedSchema && typeof schema.title === 'string' ? schema.title : 'extract');
  const description = typeof jsonSchema.description === 'string' ? jsonSchema.description : undefined;
  return {
    name: functionName,
    ...(description !== undefined ? { description } : {}),
    parameters: jsonSchema,
  };
}
