import { generateObject, generateText, Output, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmulatorHarness } from './test-utils/emulator-harness';

const recipe = z.object({ name: z.string(), servings: z.number(), ingredients: z.array(z.string()) });

describe('structured output', () => {
  it('generateObject sends json_schema (strict by default) and returns a validated object', async () => {
    const harness = createEmulatorHarness();
    const { object } = await generateObject({
      model: harness.provider('openai/gpt-4o-mini'),
      schema: recipe,
      schemaName: 'recipe',
      schemaDescription: 'A recipe',
      prompt: 'A pancake recipe',
    });
    expect(recipe.parse(object)).toEqual(object);
    const [body] = await harness.chatBodies();
    expect(body?.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'recipe',
        description: 'A recipe',
        schema: expect.objectContaining({ type: 'object', required: ['name', 'servings', 'ingredients'] }),
        strict: true,
      },
    });
  });

  it('Output.object with streamText, strict configurable per model', async () => {
    const harness = createEmulatorHarness();
    const result = streamText({
      model: harness.provider('openai/gpt-4o-mini', { structuredOutputs: { strict: false } }),
      output: Output.object({ schema: recipe }),
      prompt: 'A soup recipe',
    });
    const output = await result.output;
    expect(recipe.parse(output)).toEqual(output);
    const [body] = await harness.chatBodies();
    expect(body?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'response', strict: false },
    });
  });

  it('JSON without a schema asks for json_object', async () => {
    const harness = createEmulatorHarness();
    const result = await generateText({
      model: harness.provider('openai/gpt-4o-mini'),
      output: Output.json(),
      prompt: 'Any JSON object',
    });
    expect(typeof result.output).toBe('object');
    const [body] = await harness.chatBodies();
    expect(body?.response_format).toEqual({ type: 'json_object' });
  });
});
