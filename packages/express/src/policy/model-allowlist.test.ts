import { describe, expect, it } from 'vitest';
import { allowlistIssues, compileAllowlist, isFreeModel, isModelAllowed } from './model-allowlist';

const allowlist = compileAllowlist([
  'openai/*',
  'anthropic/claude-sonnet-4.6',
  'meta-llama/llama-3.3-70b-instruct:free',
]);

describe('isModelAllowed', () => {
  it.each([
    ['openai/gpt-4o-mini', true],
    ['openai/gpt-4o-mini:nitro', true],
    ['anthropic/claude-sonnet-4.6', true],
    ['anthropic/claude-sonnet-4.6:floor', true],
    ['meta-llama/llama-3.3-70b-instruct:free', true],
    ['~openai/gpt-latest', true],
  ])('allows %s', (id, expected) => {
    expect(isModelAllowed(id, allowlist)).toBe(expected);
  });

  it.each([
    ['anthropic/claude-opus-4', 'another model of a listed author'],
    [
      'meta-llama/llama-3.3-70b-instruct',
      'the base of a listed variant (variants do not widen to their base)',
    ],
    ['meta-llama/llama-3.3-70b-instruct:nitro', 'another variant of a listed variant'],
    ['OpenAI/gpt-4o-mini', 'upper-case author'],
    ['anthropic/Claude-Sonnet-4.6', 'upper-case slug of an exact entry'],
    ['Anthropic/claude-sonnet-4.6', 'case trick on an exact entry'],
    [' openai/gpt-4o-mini', 'leading space'],
    ['openai/gpt-4o-mini ', 'trailing space'],
    ['openai/gpt-4o-mini\n', 'trailing newline'],
    ['openai/gpt\u20114o', 'a non-ASCII hyphen'],
    ['оpenai/gpt-4o', 'a Cyrillic o'],
    ['openai/', 'an empty slug'],
    ['openai', 'no slug'],
    ['openai/../anthropic/claude-opus-4', 'extra path segments'],
    ['openrouter/auto', 'a router that is not listed'],
    ['~anthropic/claude-opus-latest', 'an alias of an author without a pattern'],
    ['', 'an empty id'],
  ])('rejects %j (%s)', (id) => {
    expect(isModelAllowed(id, allowlist)).toBe(false);
  });

  it('allows everything with "*"', () => {
    expect(isModelAllowed('anything/at-all', compileAllowlist(['*']))).toBe(true);
  });

  it('allows routers only when listed', () => {
    expect(isModelAllowed('openrouter/auto', compileAllowlist(['openrouter/auto']))).toBe(true);
    expect(isModelAllowed('openrouter/free', compileAllowlist(['openrouter/auto']))).toBe(false);
  });
});

describe('allowlistIssues', () => {
  it('accepts ids and author patterns', () => {
    expect(allowlistIssues(['openai/*', 'anthropic/claude-sonnet-4.6', '*', 'x/y:free'])).toEqual([]);
  });

  it('names every bad entry', () => {
    expect(allowlistIssues(['', 'openai/gpt*', ' openai/*', 3])).toEqual([
      '[0] must be a non-empty string',
      '[1] "openai/gpt*": the only patterns are "author/*" and "*"',
      '[2] " openai/*" contains spaces or non-ASCII characters',
      '[3] must be a non-empty string',
    ]);
    expect(allowlistIssues('openai/*')).toEqual(['must be an array of model ids or `author/*` patterns']);
  });
});

describe('isFreeModel', () => {
  it('accepts :free variants and the free router only', () => {
    expect(isFreeModel('meta-llama/llama-3.3-70b-instruct:free')).toBe(true);
    expect(isFreeModel('openrouter/free')).toBe(true);
    expect(isFreeModel('openai/gpt-4o-mini')).toBe(false);
    expect(isFreeModel('openai/free-model')).toBe(false);
  });
});
