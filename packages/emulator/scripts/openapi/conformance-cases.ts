/** One request of the conformance run. */
export type ConformanceCase = {
  label: string;
  method?: 'GET' | 'POST';
  /** Path below /api/v1 (with query). */
  path: string;
  /** The spec's path template, for schema lookup. */
  template: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Faults that send broken payloads on purpose (malformed-chunk, truncate, disconnect). */
  malformedExpected?: boolean;
};

const user = (content: string) => [{ role: 'user', content }];
const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] } },
      required: ['city'],
    },
  },
};
const HTTP_ERROR_CODES = [400, 401, 402, 403, 404, 408, 413, 422, 429, 500, 502, 503, 504, 524, 529];
const SCENARIOS = [
  'mid-stream-error; after=3; code=502',
  'mid-stream-error; after=1; code=429; done=false',
  'rate-limit; retry_after=3',
  'unavailable',
  'unavailable; provider=openai',
  'slow-first-token; delay_ms=300; keepalive_ms=100',
  'slow-tokens; interval_ms=5',
  'error-in-200-body',
  'leading-whitespace; count=3',
  'cache',
  'free-tier-daily-limit',
  'byok',
  'usage-shape; choices=empty',
  'usage-shape; choices=repeat-stop',
  'keepalives; every=2',
  ...HTTP_ERROR_CODES.map((code) => `http-error; code=${code}`),
];
const BROKEN_SCENARIOS = ['malformed-chunk; after=2', 'truncate; after=3', 'disconnect; after=2'];

/** Chat completions, each streamed and not: features, errors and every scenario. */
export function chatCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const chat = (
    label: string,
    body: Record<string, unknown>,
    headers?: Record<string, string>,
    malformedExpected = false,
  ): void => {
    for (const stream of [false, true]) {
      cases.push({
        label: `${label}${stream ? ' [stream]' : ''}`,
        path: '/chat/completions',
        template: '/chat/completions',
        body: { ...body, stream },
        ...(headers ? { headers } : {}),
        malformedExpected,
      });
    }
  };
  chat('plain gpt-4o-mini', { model: 'openai/gpt-4o-mini', messages: user('Hello there') });
  chat('logprobs', { model: 'openai/gpt-4o-mini', messages: user('Hi'), logprobs: true, top_logprobs: 1 });
  chat('tools', {
    model: 'openai/gpt-4o-mini',
    messages: user('Weather in Paris and Rome?'),
    tools: [weather],
  });
  chat('tool result turn', {
    model: 'openai/gpt-4o-mini',
    tools: [weather],
    messages: [
      ...user('Weather?'),
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    ],
  });
  chat('json_schema', {
    model: 'openai/gpt-4o-mini',
    messages: user('film'),
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'film',
        schema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
      },
    },
  });
  chat('json_object', {
    model: 'openai/gpt-4o-mini',
    messages: user('json'),
    response_format: { type: 'json_object' },
  });
  chat('claude reasoning', {
    model: 'anthropic/claude-sonnet-4.6',
    messages: user('Why?'),
    reasoning: { effort: 'low' },
  });
  chat('claude reasoning + tools', {
    model: 'anthropic/claude-sonnet-4.6',
    messages: user('weather in Oslo'),
    reasoning: { max_tokens: 20 },
    tools: [weather],
  });
  chat('claude reasoning excluded', {
    model: 'anthropic/claude-sonnet-4.6',
    messages: user('Why?'),
    reasoning: { effort: 'low', exclude: true },
  });
  chat('gemini thought signatures', {
    model: 'google/gemini-2.5-flash',
    messages: user('weather in Kyoto'),
    tools: [weather],
  });
  chat('gpt-5-mini reasoning', {
    model: 'openai/gpt-5-mini',
    messages: user('Plan'),
    reasoning_effort: 'low',
  });
  chat('image output', {
    model: 'google/gemini-2.5-flash-image',
    messages: user('Draw a cat'),
    modalities: ['image', 'text'],
  });
  chat('llama routing', {
    model: 'meta-llama/llama-3.3-70b-instruct',
    messages: user('x'),
    provider: { sort: 'throughput', quantizations: ['fp16'] },
  });
  chat('free model', { model: 'meta-llama/llama-3.3-70b-instruct:free', messages: user('x') });
  chat('auto router', { model: 'openrouter/auto', messages: user('x') });
  chat(
    'fallback + metadata',
    { model: 'emulator/always-503', models: ['openai/gpt-4o-mini'], messages: user('x') },
    { 'x-openrouter-metadata': 'enabled' },
  );
  chat('web plugin citations', {
    model: 'openai/gpt-4o-mini',
    messages: user('news'),
    plugins: [{ id: 'web' }],
  });
  chat('max_tokens length', { model: 'openai/gpt-4o-mini', messages: user('[[tokens: 30]]'), max_tokens: 5 });
  chat('content_filter', { model: 'openai/gpt-4o-mini', messages: user('[[finish: content_filter]]') });
  chat('debug echo', {
    model: 'openai/gpt-4o-mini',
    messages: user('x'),
    debug: { echo_upstream_body: true },
  });
  // Errors before the first byte (JSON bodies even with stream: true).
  chat('unknown model', { model: 'acme/nope', messages: user('x') });
  chat('empty messages', { model: 'openai/gpt-4o-mini', messages: [] });
  chat('unknown provider key', {
    model: 'openai/gpt-4o-mini',
    messages: user('x'),
    provider: { fastest: true },
  });
  chat('reasoning conflict', {
    model: 'anthropic/claude-sonnet-4.6',
    messages: user('x'),
    reasoning_effort: 'low',
    reasoning: { effort: 'high' },
  });
  chat('tool id mismatch', {
    model: 'openai/gpt-4o-mini',
    messages: [...user('x'), { role: 'tool', tool_call_id: 'nope', content: 'x' }],
  });
  chat('no endpoints (data policy)', {
    model: 'meta-llama/llama-3.3-70b-instruct:free',
    messages: user('x'),
    provider: { data_collection: 'deny' },
  });
  chat('context too long', { model: 'openai/gpt-4o-mini', messages: user('x'), max_tokens: 500_000 });
  chat('always-503', { model: 'emulator/always-503', messages: user('x') });
  chat('altered signature', {
    model: 'anthropic/claude-sonnet-4.6',
    messages: [
      ...user('x'),
      {
        role: 'assistant',
        content: 'y',
        reasoning_details: [
          { type: 'reasoning.text', text: 't', signature: 'AAAA', format: 'anthropic-claude-v1' },
        ],
      },
      ...user('z'),
    ],
  });
  const scenarioBody = { model: 'openai/gpt-4o-mini', messages: user('Scenario [[tokens: 8]]') };
  for (const value of SCENARIOS) chat(`scenario ${value}`, scenarioBody, { 'x-emulator-scenario': value });
  for (const value of BROKEN_SCENARIOS)
    chat(`scenario ${value}`, scenarioBody, { 'x-emulator-scenario': value }, true);
  chat(
    'emulator/mid-stream-error model',
    { model: 'emulator/mid-stream-error', messages: user('x [[tokens: 6]]') },
    { 'x-emulator-scenario': 'after=2' },
  );
  return cases;
}

/** Every other endpoint, with its errors. `auth` is a valid key, `management` a management key. */
export function endpointCases(keys: { auth: string; management: string; spent: string }): ConformanceCase[] {
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const llama = 'meta-llama/llama-3.3-70b-instruct';
  const embedding = 'openai/text-embedding-3-small';
  const endpoints = '/models/{author}/{slug}/endpoints';
  return [
    {
      label: 'legacy completion',
      path: '/completions',
      template: '/completions',
      body: { model: llama, prompt: 'Once' },
    },
    {
      label: 'legacy completion [stream]',
      path: '/completions',
      template: '/completions',
      body: { model: llama, prompt: 'Once', stream: true },
    },
    {
      label: 'legacy completion mid-stream error [stream]',
      path: '/completions',
      template: '/completions',
      body: { model: llama, prompt: 'Once [[tokens: 5]]', stream: true },
      headers: { 'x-emulator-scenario': 'mid-stream-error; after=2' },
    },
    {
      label: 'legacy completion error',
      path: '/completions',
      template: '/completions',
      body: { model: llama },
    },
    {
      label: 'embeddings float',
      path: '/embeddings',
      template: '/embeddings',
      body: { model: embedding, input: ['a', 'b'], dimensions: 8 },
    },
    {
      label: 'embeddings base64',
      path: '/embeddings',
      template: '/embeddings',
      body: { model: embedding, input: 'a', encoding_format: 'base64' },
    },
    {
      label: 'embeddings stream → 400',
      path: '/embeddings',
      template: '/embeddings',
      body: { model: embedding, input: 'a', stream: true },
    },
    {
      label: 'embeddings unknown model',
      path: '/embeddings',
      template: '/embeddings',
      body: { model: 'acme/x', input: 'a' },
    },
    {
      label: 'embeddings rate limit',
      path: '/embeddings',
      template: '/embeddings',
      body: { model: embedding, input: 'a' },
      headers: { 'x-emulator-scenario': 'rate-limit' },
    },
    { label: 'models', path: '/models', template: '/models' },
    { label: 'models all', path: '/models?output_modalities=all', template: '/models' },
    {
      label: 'models filtered',
      path: '/models?supported_parameters=tools,reasoning&category=programming',
      template: '/models',
    },
    { label: 'models page', path: '/models?offset=1&limit=2', template: '/models' },
    { label: 'models bad limit', path: '/models?limit=0', template: '/models' },
    { label: 'endpoints', path: '/models/anthropic/claude-sonnet-4.6/endpoints', template: endpoints },
    {
      label: 'endpoints free',
      path: '/models/meta-llama/llama-3.3-70b-instruct:free/endpoints',
      template: endpoints,
    },
    { label: 'endpoints auto', path: '/models/openrouter/auto/endpoints', template: endpoints },
    { label: 'endpoints missing', path: '/models/acme/none/endpoints', template: endpoints },
    {
      label: 'generation missing',
      path: '/generation?id=gen-0-missing',
      template: '/generation',
      headers: bearer(keys.auth),
    },
    { label: 'key', path: '/key', template: '/key', headers: bearer(keys.auth) },
    { label: 'key management', path: '/key', template: '/key', headers: bearer(keys.management) },
    {
      label: 'key spent → 402 on chat',
      path: '/chat/completions',
      template: '/chat/completions',
      body: { model: 'openai/gpt-4o-mini', messages: user('x') },
      headers: bearer(keys.spent),
    },
    { label: 'credits', path: '/credits', template: '/credits', headers: bearer(keys.management) },
    { label: 'credits forbidden', path: '/credits', template: '/credits', headers: bearer(keys.auth) },
    {
      label: 'auth keys bad code',
      path: '/auth/keys',
      template: '/auth/keys',
      body: { code: 'nope', code_verifier: 'x'.repeat(43), code_challenge_method: 'S256' },
    },
    { label: 'auth keys missing code', path: '/auth/keys', template: '/auth/keys', body: {} },
  ];
}
