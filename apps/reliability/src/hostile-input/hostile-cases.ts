import type { RecordedRequest } from '@openrouter-adapters/emulator';
import { type RawRequestPart, type RawResponse, rawHttpRequest } from '../harness/raw-http';

/** What the hostile-input test hands each case. */
export type HostileContext = {
  /** The middleware's port and mount path. */
  port: number;
  mountPath: string;
  /** Base URL of a server that must never be contacted (an attacker's upstream). */
  evilURL: string;
  /** A generation id made by user `alice`. */
  aliceGenerationId: string;
  /** How the emulator logs the server key's Authorization header (`Bearer sk-or-v1-abc...xyz`). */
  serverAuthorizationLabel: string;
};

export type HostileResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
  raw: string;
  elapsedMs: number;
};

/**
 * One hostile request and its documented outcome: a rejection (status + `error_type`) that
 * reaches no upstream, or a request that is served only after the middleware neutralised it
 * (`upstream` checks what the emulator actually received).
 */
export type HostileCase = {
  id: string;
  attack: string;
  send(context: HostileContext): Promise<HostileResponse>;
} & (
  | { rejected: { status: number; errorType?: string }; maxElapsedMs?: number }
  | { served: { status: number }; upstream: (request: RecordedRequest, context: HostileContext) => string[] }
);

const userHeaders = { 'content-type': 'application/json', 'x-user': 'mallory' };

/** A request with a JSON-ish body sent with `fetch` (Content-Length set). */
async function post(
  context: HostileContext,
  path: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = userHeaders,
): Promise<HostileResponse> {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${context.port}${context.mountPath}${path}`, {
    method: 'POST',
    headers,
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    signal: AbortSignal.timeout(10_000),
  } as RequestInit);
  const text = await response.text();
  const responseHeaders = Object.fromEntries(response.headers.entries());
  return {
    status: response.status,
    headers: responseHeaders,
    body: text,
    raw: `${JSON.stringify(responseHeaders)}\n${text}`,
    elapsedMs: Date.now() - started,
  };
}

function chat(extra: Record<string, unknown>, prompt = 'hostile input check'): string {
  return JSON.stringify({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    ...extra,
  });
}

function raw(
  context: HostileContext,
  parts: readonly RawRequestPart[],
  timeoutMs = 5_000,
): Promise<RawResponse> {
  return rawHttpRequest(context.port, parts, timeoutMs);
}

function rawPost(context: HostileContext, headerLines: readonly string[], body: string): string {
  return [
    `POST ${context.mountPath}/chat/completions HTTP/1.1`,
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    'X-User: mallory',
    'Connection: close',
    ...headerLines,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

const maxBodyBytes = 64 * 1024;
export const hostileLimits: { maxBodyBytes: number; bodyTimeoutMs: number; maxTokens: number } = {
  maxBodyBytes,
  bodyTimeoutMs: 1_000,
  maxTokens: 1_000,
};

function bigBody(bytes: number): string {
  return chat({}, 'x'.repeat(bytes));
}

function nested(depth: number): string {
  return chat({ metadata: JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown });
}

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

/** Every hostile request of the suite with its documented outcome. */
export const hostileCases: HostileCase[] = [
  // Bodies over the limit.
  {
    id: 'body-over-limit-content-length',
    attack: `body of ${maxBodyBytes * 4} bytes with Content-Length`,
    send: (context) => post(context, '/chat/completions', bigBody(maxBodyBytes * 4)),
    rejected: { status: 413, errorType: 'body_too_large' },
  },
  {
    id: 'body-over-limit-chunked',
    attack: 'chunked body (no Content-Length) that grows past the limit',
    send: (context) => {
      const piece = new TextEncoder().encode('x'.repeat(16 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0)
            controller.enqueue(
              new TextEncoder().encode(
                '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"',
              ),
            );
          if (sent++ < 64) controller.enqueue(piece);
          else {
            controller.enqueue(new TextEncoder().encode('"}]}'));
            controller.close();
          }
        },
      });
      return post(context, '/chat/completions', body);
    },
    rejected: { status: 413, errorType: 'body_too_large' },
  },
  {
    id: 'body-declared-huge',
    attack: 'Content-Length: 10 GB declared, a few bytes sent',
    send: (context) =>
      raw(context, [
        [
          `POST ${context.mountPath}/chat/completions HTTP/1.1`,
          'Host: 127.0.0.1',
          'Content-Type: application/json',
          'X-User: mallory',
          'Content-Length: 10000000000',
          '',
          '{"model":',
        ].join('\r\n'),
      ]),
    rejected: { status: 413, errorType: 'body_too_large' },
    maxElapsedMs: 1_000,
  },
  {
    id: 'body-lying-content-length',
    attack: 'Content-Length smaller than the JSON sent (the rest is a smuggled second request)',
    send: (context) => {
      const body = chat({});
      const smuggled = `POST ${context.mountPath}/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-User: mallory\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      return raw(context, [
        `POST ${context.mountPath}/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-User: mallory\r\nConnection: close\r\nContent-Length: 10\r\n\r\n${body}${smuggled}`,
      ]);
    },
    // Node's HTTP parser rejects the connection (the bytes after the declared length are not a request).
    rejected: { status: 400 },
  },
  {
    id: 'slow-loris-body',
    attack: 'body trickled one byte every 150 ms (bodyTimeoutMs 1 s)',
    send: (context) => {
      const body = chat({});
      const parts: RawRequestPart[] = [
        `POST ${context.mountPath}/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-User: mallory\r\nContent-Length: ${body.length}\r\n\r\n`,
      ];
      for (const character of body.slice(0, 40)) parts.push({ delayMs: 150 }, character);
      return raw(context, parts, 8_000);
    },
    rejected: { status: 408, errorType: 'body_timeout' },
    maxElapsedMs: 3_000,
  },
  // Malformed and dangerous JSON.
  {
    id: 'invalid-json',
    attack: 'a body that is not JSON',
    send: (context) => post(context, '/chat/completions', '{"model": "openai/gpt-4o-mini", messages: [}'),
    rejected: { status: 400, errorType: 'invalid_json' },
  },
  {
    id: 'json-not-object',
    attack: 'a JSON array instead of an object',
    send: (context) => post(context, '/chat/completions', '[1,2,3]'),
    rejected: { status: 400, errorType: 'invalid_body' },
  },
  {
    id: 'deeply-nested-json',
    attack: 'JSON nested 10,000 levels deep',
    send: (context) => post(context, '/chat/completions', `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
    rejected: { status: 400 },
  },
  {
    id: 'nested-over-64-levels',
    attack: 'an object nested 100 levels deep inside metadata',
    send: (context) => post(context, '/chat/completions', nested(100)),
    rejected: { status: 400, errorType: 'invalid_body' },
  },
  {
    id: 'proto-key-top-level',
    attack: '"__proto__" at the top level',
    send: (context) =>
      post(context, '/chat/completions', chat({}).replace(/^\{/, '{"__proto__":{"polluted":"yes"},')),
    rejected: { status: 400, errorType: 'forbidden_key' },
  },
  {
    id: 'proto-key-nested',
    attack: '"__proto__" inside a message',
    send: (context) =>
      post(
        context,
        '/chat/completions',
        '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi","__proto__":{"polluted":"yes"}}]}',
      ),
    rejected: { status: 400, errorType: 'forbidden_key' },
  },
  {
    id: 'constructor-key',
    attack: '"constructor": {"prototype": …} in provider preferences',
    send: (context) =>
      post(
        context,
        '/chat/completions',
        chat({ provider: { constructor: { prototype: { polluted: 'yes' } } } }),
      ),
    rejected: { status: 400, errorType: 'forbidden_key' },
  },
  {
    id: 'huge-max-tokens',
    attack: 'max_tokens: 10^12 (server clamp 1,000)',
    send: (context) => post(context, '/chat/completions', chat({ max_tokens: 1e12 })),
    served: { status: 200 },
    upstream: (request) => {
      const body = request.body as { max_tokens?: unknown };
      return body.max_tokens === 1_000
        ? []
        : [`upstream max_tokens was ${String(body.max_tokens)}, expected the clamp 1000`];
    },
  },
  {
    id: 'huge-reasoning-max-tokens',
    attack: 'reasoning.max_tokens: 10^9 and max_completion_tokens: 10^9',
    send: (context) =>
      post(
        context,
        '/chat/completions',
        chat({ max_completion_tokens: 1e9, reasoning: { max_tokens: 1e9 } }),
      ),
    served: { status: 200 },
    upstream: (request) => {
      const body = request.body as {
        max_tokens?: number;
        max_completion_tokens?: number;
        reasoning?: { max_tokens?: number };
      };
      const problems: string[] = [];
      if ((body.max_completion_tokens ?? body.max_tokens ?? Number.POSITIVE_INFINITY) > 1_000)
        problems.push(`completion tokens not clamped: ${JSON.stringify(body)}`);
      if ((body.reasoning?.max_tokens ?? 0) > 1_000)
        problems.push(`reasoning.max_tokens not clamped: ${body.reasoning?.max_tokens}`);
      return problems;
    },
  },
  {
    id: 'negative-max-tokens',
    attack: 'max_tokens: -5',
    send: (context) => post(context, '/chat/completions', chat({ max_tokens: -5 })),
    rejected: { status: 400 },
  },
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
  // Upstream URL, upstream auth and upstream headers.
  {
    id: 'upstream-url-in-body-and-query',
    attack: 'base_url / baseURL in the body, ?baseURL= in the query, X-Forwarded-Host',
    send: async (context) => {
      const body = JSON.parse(chat({})) as Record<string, unknown>;
      const response = await fetch(
        `http://127.0.0.1:${context.port}${context.mountPath}/chat/completions?baseURL=${encodeURIComponent(context.evilURL)}`,
        {
          method: 'POST',
          headers: {
            ...userHeaders,
            'x-forwarded-host': new URL(context.evilURL).host,
            'x-forwarded-proto': 'http',
          },
          body: JSON.stringify(body),
        },
      );
      const text = await response.text();
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body: text,
        raw: text,
        elapsedMs: 0,
      };
    },
    served: { status: 200 },
    upstream: () => [],
  },
  {
    id: 'upstream-auth-and-headers',
    attack: 'client Authorization, X-Provider-API-Keys, attribution, cookies and X-Emulator-Scenario',
    send: (context) =>
      post(context, '/chat/completions', chat({}), {
        ...userHeaders,
        authorization: 'Bearer sk-or-v1-attacker-controlled-key-0000000000000000000000000000',
        'x-provider-api-keys': '{"openai":"sk-attacker"}',
        'x-openrouter-title': 'Evil App',
        'http-referer': 'https://evil.example',
        cookie: 'session=stolen',
        'x-emulator-scenario': 'rate-limit',
      }),
    served: { status: 200 },
    upstream: (request, context) => {
      const problems: string[] = [];
      const headers = request.headers;
      if (headers.authorization !== context.serverAuthorizationLabel)
        problems.push(`upstream Authorization was ${String(headers.authorization)}, not the server key`);
      for (const name of ['x-provider-api-keys', 'cookie', 'x-emulator-scenario'])
        if (headers[name] !== undefined) problems.push(`client header ${name} reached upstream`);
      if (headers['x-openrouter-title'] === 'Evil App') problems.push('client attribution reached upstream');
      if (headers['http-referer'] === 'https://evil.example')
        problems.push('client HTTP-Referer reached upstream');
      return problems;
    },
  },
  {
    id: 'loosen-routing-defaults',
    attack:
      'provider { data_collection: allow, ignore: [], max_price: { prompt: 100 }, allow_fallbacks: true }',
    send: (context) =>
      post(
        context,
        '/chat/completions',
        chat({
          provider: {
            data_collection: 'allow',
            ignore: [],
            max_price: { prompt: 100, completion: 100 },
            allow_fallbacks: true,
          },
        }),
      ),
    served: { status: 200 },
    upstream: (request) => {
      const provider = (request.body as { provider?: Record<string, unknown> }).provider ?? {};
      const problems: string[] = [];
      if (provider.data_collection !== 'deny')
        problems.push(`data_collection upstream: ${String(provider.data_collection)}`);
      const ignore = provider.ignore as string[] | undefined;
      if (!ignore?.some((name) => name.toLowerCase() === 'deepinfra'))
        problems.push(`ignore upstream: ${JSON.stringify(ignore)}`);
      const maxPrice = provider.max_price as { prompt?: number; completion?: number } | undefined;
      if (!maxPrice || Number(maxPrice.prompt) > 1 || Number(maxPrice.completion) > 2)
        problems.push(`max_price upstream: ${JSON.stringify(maxPrice)}`);
      if (provider.allow_fallbacks !== false)
        problems.push(`allow_fallbacks upstream: ${String(provider.allow_fallbacks)}`);
      return problems;
    },
  },
  // Header tricks (raw bytes: no client library would send these).
  {
    id: 'header-obs-fold-injection',
    attack: 'obsolete line folding smuggling an Authorization line into a forwarded header',
    send: (context) =>
      raw(context, [
        rawPost(context, ['X-Session-Id: a', ' Authorization: Bearer sk-or-v1-smuggled'], chat({})),
      ]),
    rejected: { status: 400 },
  },
  {
    id: 'header-bare-lf',
    attack: 'a bare LF inside a header block',
    send: (context) =>
      raw(context, [
        rawPost(context, ['X-Session-Id: a\nAuthorization: Bearer sk-or-v1-smuggled'], chat({})),
      ]),
    rejected: { status: 400 },
  },
  {
    id: 'header-nul',
    attack: 'a NUL byte in a forwarded header value',
    send: (context) => raw(context, [rawPost(context, ['X-Session-Id: a\u0000b'], chat({}))]),
    rejected: { status: 400 },
  },
  {
    id: 'oversized-headers',
    attack: '64 KB of headers',
    send: (context) => raw(context, [rawPost(context, [`X-Padding: ${'a'.repeat(64 * 1024)}`], chat({}))]),
    rejected: { status: 431 },
  },
  {
    id: 'request-smuggling-te-cl',
    attack: 'Transfer-Encoding: chunked together with Content-Length',
    send: (context) =>
      raw(context, [
        `POST ${context.mountPath}/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-User: mallory\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      ]),
    rejected: { status: 400 },
  },
  // Content types, methods, identity.
  {
    id: 'form-post',
    attack: 'a cross-site form post (text/plain)',
    send: (context) =>
      post(context, '/chat/completions', chat({}), { 'content-type': 'text/plain', 'x-user': 'mallory' }),
    rejected: { status: 415, errorType: 'unsupported_media_type' },
  },
  {
    id: 'compressed-body',
    attack: 'Content-Encoding: gzip (a decompression bomb vector)',
    send: (context) =>
      post(context, '/chat/completions', chat({}), { ...userHeaders, 'content-encoding': 'gzip' }),
    rejected: { status: 415, errorType: 'unsupported_media_type' },
  },
  {
    id: 'unauthorized-large-body',
    attack: 'no identity, 1 MB body (authorize runs before the body is read)',
    send: (context) =>
      post(context, '/chat/completions', bigBody(1024 * 1024), { 'content-type': 'application/json' }),
    rejected: { status: 401, errorType: 'unauthorized' },
  },
  {
    id: 'wrong-method',
    attack: 'GET on /chat/completions',
    send: async (context) => {
      const response = await fetch(`http://127.0.0.1:${context.port}${context.mountPath}/chat/completions`, {
        headers: { 'x-user': 'mallory' },
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body: text,
        raw: text,
        elapsedMs: 0,
      };
    },
    rejected: { status: 405, errorType: 'method_not_allowed' },
  },
  {
    id: 'other-users-generation',
    attack: "mallory reads alice's /generation id",
    send: async (context) => {
      const response = await fetch(
        `http://127.0.0.1:${context.port}${context.mountPath}/generation?id=${encodeURIComponent(context.aliceGenerationId)}`,
        { headers: { 'x-user': 'mallory' } },
      );
      const text = await response.text();
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body: text,
        raw: text,
        elapsedMs: 0,
      };
    },
    rejected: { status: 404, errorType: 'generation_not_found' },
  },
  {
    id: 'made-up-generation',
    attack: 'a made-up /generation id (probing)',
    send: async (context) => {
      const response = await fetch(
        `http://127.0.0.1:${context.port}${context.mountPath}/generation?id=gen-1790000000-AAAAAAAAAAAAAAAAAAAA`,
        {
          headers: { 'x-user': 'mallory' },
        },
      );
      const text = await response.text();
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body: text,
        raw: text,
        elapsedMs: 0,
      };
    },
    rejected: { status: 404, errorType: 'generation_not_found' },
  },
];
