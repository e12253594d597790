import { chat, type HostileCase, post } from './hostile-request';

function disallowedModel(
  id: string,
  attack: string,
  model: unknown,
  errorType = 'model_not_allowed',
  status = 403,
): HostileCase {
  return {
    id,
    attack,
    send: (context) =>
      post(
        context,
        '/chat/completions',
        JSON.stringify({ ...(model as object), messages: [{ role: 'user', content: 'hi' }] }),
      ),
    rejected: { status, errorType },
  };
}

/** Model allowlist bypasses (allowlist: `openai/*`, `anthropic/claude-sonnet-4.6`) and denied parameters. */
export const modelCases: HostileCase[] = [
  // Model allowlist bypasses (allowlist: openai/*, anthropic/claude-sonnet-4.6).
  disallowedModel('model-not-allowed', 'a model outside the allowlist', {
    model: 'meta-llama/llama-3.3-70b-instruct',
  }),
  disallowedModel('models-fallback-bypass', 'an allowed model, then a disallowed one in `models`', {
    model: 'openai/gpt-4o-mini',
    models: ['openai/gpt-4o-mini', 'meta-llama/llama-3.3-70b-instruct'],
  }),
  disallowedModel('models-only-bypass', 'no `model`, a disallowed `models` list', {
    models: ['meta-llama/llama-3.3-70b-instruct'],
  }),
  disallowedModel('variant-bypass', 'a `:free` variant of a disallowed model', {
    model: 'meta-llama/llama-3.3-70b-instruct:free',
  }),
  disallowedModel('variant-of-unlisted-sibling', 'a variant of a sibling of an exactly listed model', {
    model: 'anthropic/claude-sonnet-4.5:nitro',
  }),
  disallowedModel('case-bypass-author', 'upper-case author of an allowed pattern', {
    model: 'OpenAI/gpt-4o-mini',
  }),
  disallowedModel('case-bypass-disallowed', 'upper-case disallowed id', {
    model: 'META-LLAMA/llama-3.3-70b-instruct',
  }),
  disallowedModel('leading-space', 'a leading space', { model: ' meta-llama/llama-3.3-70b-instruct' }),
  disallowedModel('trailing-space', 'a trailing space on an allowed id', { model: 'openai/gpt-4o-mini ' }),
  disallowedModel('control-character', 'a NUL character', { model: 'openai/gpt-4o-mini\u0000' }),
  disallowedModel('newline', 'a trailing newline', { model: 'anthropic/claude-sonnet-4.6\n' }),
  disallowedModel('homoglyph', 'a Cyrillic "о" in "openai"', { model: '\u043epenai/gpt-4o-mini' }),
  disallowedModel('path-traversal', 'a path traversal in the id', {
    model: 'openai/../meta-llama/llama-3.3-70b-instruct',
  }),
  disallowedModel('alias-of-unlisted-author-pattern', 'an alias whose author has no pattern', {
    model: '~anthropic/claude-sonnet-latest',
  }),
  disallowedModel('router', 'the auto router (could serve anything)', { model: 'openrouter/auto' }),
  disallowedModel(
    'model-missing',
    'no model at all (the account default would serve)',
    {},
    'model_required',
    400,
  ),
  disallowedModel(
    'model-not-string',
    'model as an object',
    { model: { id: 'meta-llama/llama-3.3-70b-instruct' } },
    'invalid_request',
    400,
  ),
  {
    id: 'legacy-completions-model',
    attack: 'a disallowed model through /completions',
    send: (context) =>
      post(
        context,
        '/completions',
        JSON.stringify({ model: 'meta-llama/llama-3.3-70b-instruct', prompt: 'hi' }),
      ),
    rejected: { status: 403, errorType: 'model_not_allowed' },
  },
  {
    id: 'embeddings-model',
    attack: 'a disallowed model through /embeddings',
    send: (context) =>
      post(context, '/embeddings', JSON.stringify({ model: 'mistralai/mistral-embed', input: 'hi' })),
    rejected: { status: 403, errorType: 'model_not_allowed' },
  },
  {
    id: 'denied-parameter',
    attack: '`plugins` (denied by the server)',
    send: (context) => post(context, '/chat/completions', chat({ plugins: [{ id: 'web' }] })),
    rejected: { status: 400, errorType: 'parameter_not_allowed' },
  },
];
