import { StructuredTool } from '@langchain/core/tools';
import { InvalidOptionsError } from '@openrouter-adapters/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ChatOpenRouter } from './chat-openrouter';

const SECRET = 'sk-or-v1-0123456789abcdef-secret';

const person = z
  .object({ name: z.string().describe('Name of the person'), age: z.number().int().positive() })
  .describe('A person');

class PersonTool extends StructuredTool {
  name = 'PersonTool';
  description = 'A person';
  schema = person;
  async _call(input: { name: string; age: number }): Promise<string> {
    return JSON.stringify(input);
  }
}

// The standard-tests unit suite's constructor arguments.
const STANDARD_ARGS = {
  model: 'openai/gpt-4o-mini',
  temperature: 0,
  maxTokens: 100,
  timeout: 60,
  stopSequences: [],
  maxRetries: 2,
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ChatOpenRouter construction (standard unit suite)', () => {
  it('initialises without a key and without network I/O', () => {
    vi.stubEnv('OPENROUTER_API_KEY', '');
    const fetchSpy = vi.fn<typeof fetch>();
    const model = new ChatOpenRouter({ ...STANDARD_ARGS, fetch: fetchSpy });
    expect(model).toBeDefined();
    expect(model.hasApiKey).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('initialises with a key, from the field or OPENROUTER_API_KEY', () => {
    expect(new ChatOpenRouter({ ...STANDARD_ARGS, apiKey: 'test' }).hasApiKey).toBe(true);
    vi.stubEnv('OPENROUTER_API_KEY', SECRET);
    expect(new ChatOpenRouter(STANDARD_ARGS).hasApiKey).toBe(true);
  });

  it('initialises with streaming', () => {
    const model = new ChatOpenRouter({ ...STANDARD_ARGS, streaming: true });
    expect(model.streaming).toBe(true);
  });

  it('accepts the model id as the first argument', () => {
    const model = new ChatOpenRouter('anthropic/claude-sonnet-4.6', { provider: { sort: 'price' } });
    expect(model.model).toBe('anthropic/claude-sonnet-4.6');
    expect(model.requestOptions.provider).toEqual({ sort: 'price' });
  });

  it('defines bindTools and withStructuredOutput', () => {
    const model = new ChatOpenRouter(STANDARD_ARGS);
    expect(model.bindTools([new PersonTool()])).toBeDefined();
    expect(model.withStructuredOutput(person)).toBeDefined();
    expect(model.withStructuredOutput(person, { method: 'jsonSchema', includeRaw: true })).toBeDefined();
  });

  it('returns exactly the standard LangSmith params', () => {
    const model = new ChatOpenRouter(STANDARD_ARGS);
    const params = model.getLsParams({} as never);
    expect(Object.keys(params).sort()).toEqual(
      ['ls_max_tokens', 'ls_model_name', 'ls_model_type', 'ls_provider', 'ls_stop', 'ls_temperature'].sort(),
    );
    expect(params).toEqual({
      ls_provider: 'openrouter',
      ls_model_name: 'openai/gpt-4o-mini',
      ls_model_type: 'chat',
      ls_temperature: 0,
      ls_max_tokens: 100,
      ls_stop: undefined,
    });
    expect(model.getLsParams({ stop: ['x'], temperature: 0.5 } as never)).toMatchObject({
      ls_stop: ['x'],
      ls_temperature: 0.5,
    });
  });
});

describe('ChatOpenRouter validation', () => {
  it('requires a model id', () => {
    expect(() => new ChatOpenRouter({})).toThrowError(InvalidOptionsError);
    expect(() => new ChatOpenRouter('  ')).toThrowError(/model id is required/);
  });

  it('rejects invalid OpenRouter options at construction with one error listing every problem', () => {
    let caught: unknown;
    try {
      new ChatOpenRouter('openai/gpt-4o-mini', {
        provider: { only: ['openai'], ignore: ['openai'], bogus: true } as never,
        reasoning: { effort: 'extreme' as never, maxTokens: 100 },
      });
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionsError).issues.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects a tool it cannot send when it is bound', () => {
    const model = new ChatOpenRouter(STANDARD_ARGS);
    expect(() => model.bindTools([{ type: 'web_search_preview' } as never])).toThrowError(
      InvalidOptionsError,
    );
  });

  it('rejects an unknown structured output method', () => {
    const model = new ChatOpenRouter(STANDARD_ARGS);
    expect(() => model.withStructuredOutput(person, { method: 'xml' })).toThrowError(
      /unknown structured output method/,
    );
  });
});

describe('ChatOpenRouter identity and serialisation', () => {
  it('has a stable lc_name and llm type', () => {
    const model = new ChatOpenRouter(STANDARD_ARGS);
    expect(ChatOpenRouter.lc_name()).toBe('ChatOpenRouter');
    expect(model._llmType()).toBe('openrouter');
    expect(model.lc_serializable).toBe(true);
    expect(model.lc_secrets).toEqual({ apiKey: 'OPENROUTER_API_KEY' });
  });

  it('never serialises, prints or identifies by the key', async () => {
    const model = new ChatOpenRouter({ ...STANDARD_ARGS, apiKey: SECRET });
    const serialised = JSON.stringify(model.toJSON());
    expect(serialised).not.toContain(SECRET);
    expect(serialised).toContain('"OPENROUTER_API_KEY"');
    expect(JSON.stringify(model._identifyingParams())).not.toContain(SECRET);
    expect(JSON.stringify(model.invocationParams({} as never))).not.toContain(SECRET);
    const { inspect } = await import('node:util');
    expect(inspect(model, { depth: 10 })).not.toContain(SECRET);
  });

  it('identifies model and parameters so caches do not collide across models', () => {
    const a = new ChatOpenRouter({ ...STANDARD_ARGS, model: 'openai/gpt-4o-mini' });
    const b = new ChatOpenRouter({ ...STANDARD_ARGS, model: 'anthropic/claude-sonnet-4.6' });
    expect(a._identifyingParams()).toMatchObject({
      model: 'openai/gpt-4o-mini',
      temperature: 0,
      maxTokens: 100,
    });
    expect(a._getSerializedCacheKeyParametersForCall({} as never)).not.toBe(
      b._getSerializedCacheKeyParametersForCall({} as never),
    );
  });
});
