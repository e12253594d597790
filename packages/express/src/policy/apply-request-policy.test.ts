import { describe, expect, it } from 'vitest';
import { applyRequestPolicy, type RequestPolicy } from './apply-request-policy';
import { compileAllowlist } from './model-allowlist';

const open: RequestPolicy = {
  allowlist: undefined,
  freeOnly: false,
  allowParams: undefined,
  denyParams: new Set(),
  maxTokens: undefined,
  defaults: undefined,
};

const messages = [{ role: 'user', content: 'hi' }];

function rejectionOf(result: ReturnType<typeof applyRequestPolicy>) {
  if (result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

describe('applyRequestPolicy', () => {
  it('passes a plain chat request through unchanged', () => {
    const result = applyRequestPolicy(
      { model: 'openai/gpt-4o-mini', messages, stream: true },
      'chat/completions',
      open,
    );
    expect(result).toEqual({
      ok: true,
      body: { model: 'openai/gpt-4o-mini', messages, stream: true },
      requestedModel: 'openai/gpt-4o-mini',
      stream: true,
      headers: {},
    });
  });

  it.each([
    [{ model: 'x/y' }, /messages/],
    [{ model: 'x/y', messages: [] }, /messages/],
    [{ model: 3, messages }, /`model` must be a string/],
    [{ model: 'x/y', models: 'a/b', messages }, /`models` must be an array/],
    [{ model: 'x/y', stream: 'yes', messages }, /`stream` must be true or false/],
    [{ model: 'x/y', max_tokens: -1, messages }, /max_tokens.*positive integer/],
    [{ model: 'x/y', max_tokens: 1.5, messages }, /max_tokens.*positive integer/],
    [{ model: 'x/y', provider: ['openai'], messages }, /`provider` must be an object/],
    [{ model: 'x/y', models: Array.from({ length: 17 }, () => 'a/b'), messages }, /at most 16/],
  ])('rejects a malformed chat body %j', (body, message) => {
    const rejection = rejectionOf(
      applyRequestPolicy(body as Record<string, unknown>, 'chat/completions', open),
    );
    expect(rejection.status).toBe(400);
    expect(rejection.message).toMatch(message);
  });

  it('requires prompt for completions and input for embeddings', () => {
    expect(rejectionOf(applyRequestPolicy({ model: 'x/y' }, 'completions', open)).message).toMatch(/prompt/);
    expect(rejectionOf(applyRequestPolicy({ model: 'x/y' }, 'embeddings', open)).message).toMatch(/input/);
  });

  describe('model allowlist', () => {
    const policy: RequestPolicy = {
      ...open,
      allowlist: compileAllowlist(['openai/*', 'anthropic/claude-sonnet-4.6']),
    };

    it('checks model and every fallback in models, naming each refused one', () => {
      const rejection = rejectionOf(
        applyRequestPolicy(
          {
            model: 'openai/gpt-4o-mini',
            models: ['anthropic/claude-sonnet-4.6', 'x-ai/grok-4', 'google/gemini-2.5-flash'],
            messages,
          },
          'chat/completions',
          policy,
        ),
      );
      expect(rejection.status).toBe(403);
      expect(rejection.message).toContain('`x-ai/grok-4` is not allowed');
      expect(rejection.message).toContain('`google/gemini-2.5-flash` is not allowed');
      expect(rejection.message).toContain('Allowed: openai/*, anthropic/claude-sonnet-4.6');
      expect(rejection.metadata).toMatchObject({
        error_type: 'model_not_allowed',
        models: ['x-ai/grok-4', 'google/gemini-2.5-flash'],
      });
    });

    it('hints at the lower-case id for case and whitespace tricks', () => {
      const rejection = rejectionOf(
        applyRequestPolicy({ model: ' OpenAI/GPT-4o ', messages }, 'chat/completions', policy),
      );
      expect(rejection.message).toContain('did you mean "openai/gpt-4o"');
    });

    it('requires a model when an allowlist is set (no account default model)', () => {
      expect(rejectionOf(applyRequestPolicy({ messages }, 'chat/completions', policy)).message).toMatch(
        /Name a model/,
      );
    });

    it('accepts models alone (the first one is the requested model)', () => {
      const result = applyRequestPolicy(
        { models: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4.6'], messages },
        'chat/completions',
        policy,
      );
      expect(result.ok && result.requestedModel).toBe('openai/gpt-4o-mini');
    });
  });

  it('freeOnly accepts only :free ids', () => {
    const policy = { ...open, freeOnly: true };
    expect(
      applyRequestPolicy(
        { model: 'meta-llama/llama-3.3-70b-instruct:free', messages },
        'chat/completions',
        policy,
      ).ok,
    ).toBe(true);
    const rejection = rejectionOf(
      applyRequestPolicy(
        { model: 'meta-llama/llama-3.3-70b-instruct:free', models: ['openai/gpt-4o'], messages },
        'chat/completions',
        policy,
      ),
    );
    expect(rejection.message).toMatch(/`openai\/gpt-4o` is not free/);
  });

  describe('parameters', () => {
    it('rejects denied parameters by name', () => {
      const policy = { ...open, denyParams: new Set(['plugins', 'provider']) };
      const rejection = rejectionOf(
        applyRequestPolicy({ model: 'x/y', messages, plugins: [], provider: {} }, 'chat/completions', policy),
      );
      expect(rejection.message).toBe(
        'This server does not accept the parameters `plugins`, `provider`; remove them',
      );
    });

    it('with allowParams rejects anything else, but never the essential parameters', () => {
      const policy = { ...open, allowParams: new Set(['temperature']) };
      expect(
        applyRequestPolicy(
          { model: 'x/y', messages, stream: true, temperature: 1 },
          'chat/completions',
          policy,
        ).ok,
      ).toBe(true);
      const rejection = rejectionOf(
        applyRequestPolicy({ model: 'x/y', messages, tools: [] }, 'chat/completions', policy),
      );
      expect(rejection.message).toMatch(
        /`tools`; allowed: model, models, messages, stream, stream_options, temperature/,
      );
    });
  });

  describe('maxTokens clamp', () => {
    const policy = { ...open, maxTokens: 100 };

    it('sets max_tokens when the client sends none', () => {
      const result = applyRequestPolicy({ model: 'x/y', messages }, 'chat/completions', policy);
      expect(result.ok && result.body.max_tokens).toBe(100);
    });

    it('lowers larger values of max_tokens, max_completion_tokens and reasoning.max_tokens; keeps smaller ones', () => {
      const result = applyRequestPolicy(
        {
          model: 'x/y',
          messages,
          max_tokens: 1_000_000,
          max_completion_tokens: 50,
          reasoning: { max_tokens: 5000, effort: undefined },
        },
        'chat/completions',
        policy,
      );
      expect(result.ok && result.body).toMatchObject({
        max_tokens: 100,
        max_completion_tokens: 50,
        reasoning: { max_tokens: 100 },
      });
    });

    it('leaves embeddings alone', () => {
      const result = applyRequestPolicy({ model: 'x/y', input: 'a' }, 'embeddings', policy);
      expect(result.ok && result.body).toEqual({ model: 'x/y', input: 'a' });
    });
  });

  describe('server defaults', () => {
    const policy: RequestPolicy = {
      ...open,
      defaults: {
        body: {
          provider: { data_collection: 'deny', sort: 'price' },
          transforms: ['middle-out'],
          user: 'server',
        },
        headers: { 'x-openrouter-title': 'My app' },
      },
    };

    it('fills in defaults the client did not send and returns the default headers', () => {
      const result = applyRequestPolicy({ model: 'x/y', messages }, 'chat/completions', policy);
      expect(result.ok && result.body).toEqual({
        model: 'x/y',
        messages,
        provider: { data_collection: 'deny', sort: 'price' },
        transforms: ['middle-out'],
        user: 'server',
      });
      expect(result.ok && result.headers).toEqual({ 'x-openrouter-title': 'My app' });
    });

    it('lets the client override ordinary defaults but not loosen provider restrictions', () => {
      const result = applyRequestPolicy(
        { model: 'x/y', messages, transforms: [], provider: { data_collection: 'allow', sort: 'latency' } },
        'chat/completions',
        policy,
      );
      expect(result.ok && result.body).toMatchObject({
        transforms: [],
        provider: { data_collection: 'deny', sort: 'latency' },
      });
    });
  });
});
