import { RunnableLambda } from '@langchain/core/runnables';
import { StructuredTool, tool } from '@langchain/core/tools';
import { InvalidOptionsError } from '@openrouter-adapters/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { convertToolChoice, convertToolsToOpenRouter } from './convert-tools';

const adderSchema = z
  .object({ a: z.number().int().describe('first'), b: z.number().int().describe('second') })
  .describe('Add two integers');

class AdderTool extends StructuredTool {
  name = 'AdderTool';
  description = 'Add two integers';
  schema = adderSchema;
  async _call(input: { a: number; b: number }): Promise<string> {
    return String(input.a + input.b);
  }
}

const ADDER_PARAMETERS = {
  type: 'object',
  properties: {
    a: { type: 'integer', description: 'first' },
    b: { type: 'integer', description: 'second' },
  },
  required: ['a', 'b'],
  additionalProperties: false,
};

describe('convertToolsToOpenRouter', () => {
  it('converts StructuredTool, tool(), RunnableToolLike, StructuredToolParams, OpenAI and bare definitions', () => {
    const runnableTool = RunnableLambda.from((_: unknown) => 'ok').asTool({
      name: 'math_addition',
      description: 'Add two integers',
      schema: adderSchema,
    });
    const functionTool = tool((input: { a: number; b: number }) => String(input.a + input.b), {
      name: 'fn_tool',
      description: 'Add',
      schema: adderSchema,
    });
    const tools = convertToolsToOpenRouter([
      new AdderTool(),
      functionTool,
      runnableTool,
      { name: 'params_tool', description: 'Add', schema: adderSchema },
      {
        type: 'function',
        function: { name: 'openai_tool', description: 'Add', parameters: ADDER_PARAMETERS },
      },
      { name: 'bare_tool', parameters: ADDER_PARAMETERS },
    ]);
    expect(tools.map((entry) => entry.function.name)).toEqual([
      'AdderTool',
      'fn_tool',
      'math_addition',
      'params_tool',
      'openai_tool',
      'bare_tool',
    ]);
    for (const entry of tools) {
      expect(entry.type).toBe('function');
      expect(entry.function.parameters).toMatchObject({
        type: 'object',
        properties: { a: { type: 'integer' }, b: { type: 'integer' } },
        required: ['a', 'b'],
      });
    }
  });

  it('applies strict without mutating the caller’s tool', () => {
    const openAITool = { type: 'function', function: { name: 'openai_tool', parameters: ADDER_PARAMETERS } };
    const [converted] = convertToolsToOpenRouter([openAITool], true);
    expect(converted?.function.strict).toBe(true);
    expect(openAITool.function).not.toHaveProperty('strict');
  });

  it('rejects tools it cannot read, naming their positions', () => {
    let caught: unknown;
    try {
      convertToolsToOpenRouter([
        { type: 'web_search' },
        { name: 'x', parameters: {} },
        { name: 'x', parameters: {} },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionsError).issues).toEqual([
      { path: 'tools[0]', message: expect.stringContaining('unsupported tool of type "web_search"') },
      { path: 'tools[2]', message: 'duplicate tool name "x"' },
    ]);
  });
});

describe('convertToolChoice', () => {
  const tools = convertToolsToOpenRouter([{ name: 'add', parameters: ADDER_PARAMETERS }]);

  it('maps LangChain tool_choice values to OpenRouter', () => {
    expect(convertToolChoice('auto', tools)).toBe('auto');
    expect(convertToolChoice('none', tools)).toBe('none');
    expect(convertToolChoice('any', tools)).toBe('required');
    expect(convertToolChoice('required', tools)).toBe('required');
    expect(convertToolChoice('add', tools)).toEqual({ type: 'function', function: { name: 'add' } });
    expect(convertToolChoice({ type: 'function', function: { name: 'add' } }, tools)).toEqual({
      type: 'function',
      function: { name: 'add' },
    });
    expect(convertToolChoice({ type: 'tool', name: 'add' }, tools)).toEqual({
      type: 'function',
      function: { name: 'add' },
    });
    expect(convertToolChoice(undefined, tools)).toBeUndefined();
  });

  it('rejects a choice that cannot be honoured', () => {
    expect(() => convertToolChoice('subtract', tools)).toThrowError(/no bound tool has that name/);
    expect(() => convertToolChoice('any', undefined)).toThrowError(/needs tools/);
    expect(() => convertToolChoice({ kind: 'weird' }, tools)).toThrowError(InvalidOptionsError);
    expect(convertToolChoice('auto', undefined)).toBeUndefined();
  });
});
