import { describe, expect, test } from 'vitest';
import { InvalidOptionsError } from './errors/invalid-options-error';
import { formatModelId, type ParsedModelId, parseModelId } from './model-id';

const parsed = (overrides: Partial<ParsedModelId> & { id: string }): ParsedModelId => ({
  author: undefined,
  slug: undefined,
  variant: undefined,
  isAlias: false,
  isRouter: false,
  base: overrides.id,
  ...overrides,
});

describe('parseModelId', () => {
  test.each<[string, ParsedModelId]>([
    ['openai/gpt-4o', parsed({ id: 'openai/gpt-4o', author: 'openai', slug: 'gpt-4o' })],
    [
      'meta-llama/llama-3.3-70b-instruct:free',
      parsed({
        id: 'meta-llama/llama-3.3-70b-instruct:free',
        author: 'meta-llama',
        slug: 'llama-3.3-70b-instruct',
        variant: 'free',
        base: 'meta-llama/llama-3.3-70b-instruct',
      }),
    ],
    ...['nitro', 'floor', 'exacto', 'thinking', 'extended', 'online'].map(
      (variant): [string, ParsedModelId] => [
        `anthropic/claude-sonnet-4.5:${variant}`,
        parsed({
          id: `anthropic/claude-sonnet-4.5:${variant}`,
          author: 'anthropic',
          slug: 'claude-sonnet-4.5',
          variant,
          base: 'anthropic/claude-sonnet-4.5',
        }),
      ],
    ),
    [
      '~anthropic/claude-sonnet-latest',
      parsed({
        id: '~anthropic/claude-sonnet-latest',
        author: 'anthropic',
        slug: 'claude-sonnet-latest',
        isAlias: true,
      }),
    ],
    [
      '~anthropic/claude-sonnet-latest:thinking',
      parsed({
        id: '~anthropic/claude-sonnet-latest:thinking',
        author: 'anthropic',
        slug: 'claude-sonnet-latest',
        variant: 'thinking',
        isAlias: true,
        base: '~anthropic/claude-sonnet-latest',
      }),
    ],
    [
      'openrouter/auto',
      parsed({ id: 'openrouter/auto', author: 'openrouter', slug: 'auto', isRouter: true }),
    ],
    [
      'openrouter/free',
      parsed({ id: 'openrouter/free', author: 'openrouter', slug: 'free', isRouter: true }),
    ],
    [
      'openrouter/auto:nitro',
      parsed({
        id: 'openrouter/auto:nitro',
        author: 'openrouter',
        slug: 'auto',
        variant: 'nitro',
        isRouter: true,
        base: 'openrouter/auto',
      }),
    ],
    // A stealth model published under the openrouter author is not a router.
    [
      'openrouter/cypher-alpha:free',
      parsed({
        id: 'openrouter/cypher-alpha:free',
        author: 'openrouter',
        slug: 'cypher-alpha',
        variant: 'free',
        base: 'openrouter/cypher-alpha',
      }),
    ],
    // Never over-validate: OpenRouter decides what exists.
    ['gpt-4o', parsed({ id: 'gpt-4o', slug: 'gpt-4o' })],
    ['gpt-4o:free', parsed({ id: 'gpt-4o:free', slug: 'gpt-4o', variant: 'free', base: 'gpt-4o' })],
    [
      'emulator/mid-stream-error',
      parsed({ id: 'emulator/mid-stream-error', author: 'emulator', slug: 'mid-stream-error' }),
    ],
    ['a/b/c', parsed({ id: 'a/b/c', author: 'a', slug: 'b/c' })],
    ['author/', parsed({ id: 'author/', author: 'author' })],
    ['author/slug:', parsed({ id: 'author/slug:', author: 'author', slug: 'slug:' })],
    ['OpenAI/GPT-4o', parsed({ id: 'OpenAI/GPT-4o', author: 'OpenAI', slug: 'GPT-4o' })],
  ])('%s', (id, expected) => {
    expect(parseModelId(id)).toEqual(expected);
  });

  test.each(['', '   ', '\n'])('throws InvalidOptionsError for %j', (id) => {
    let caught: unknown;
    try {
      parseModelId(id);
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionsError).issues[0]?.message).toContain('non-empty');
  });

  test('throws a typed error for a non-string at runtime', () => {
    expect(() => parseModelId(undefined as unknown as string)).toThrow(InvalidOptionsError);
  });
});

describe('formatModelId', () => {
  test.each<[Parameters<typeof formatModelId>[0], string]>([
    [{ author: 'openai', slug: 'gpt-4o' }, 'openai/gpt-4o'],
    [{ author: 'openai', slug: 'gpt-4o', variant: 'free' }, 'openai/gpt-4o:free'],
    [{ author: 'openai', slug: 'gpt-4o', variant: ':nitro' }, 'openai/gpt-4o:nitro'],
    [{ author: 'anthropic', slug: 'claude-sonnet-latest', alias: true }, '~anthropic/claude-sonnet-latest'],
    [{ author: 'openrouter', slug: 'auto' }, 'openrouter/auto'],
  ])('%j → %s', (parts, expected) => {
    expect(formatModelId(parts)).toBe(expected);
  });

  test('round-trips with parseModelId', () => {
    for (const id of ['openai/gpt-4o:floor', '~google/gemini-pro-latest', 'x-ai/grok-4:exacto']) {
      const { author, slug, variant, isAlias } = parseModelId(id);
      expect(formatModelId({ author: author ?? '', slug: slug ?? '', variant, alias: isAlias })).toBe(id);
    }
  });

  test('lists every blank part in one InvalidOptionsError', () => {
    let caught: unknown;
    try {
      formatModelId({ author: ' ', slug: '', variant: '' });
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionsError).issues.map((issue) => issue.path)).toEqual([
      'author',
      'slug',
      'variant',
    ]);
  });

  test('rejects an author with a slash', () => {
    expect(() => formatModelId({ author: 'a/b', slug: 'c' })).toThrow(InvalidOptionsError);
  });
});
