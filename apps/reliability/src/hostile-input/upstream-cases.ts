import { chat, type HostileCase, post, userHeaders } from './hostile-request';

/** Attempts to choose the upstream URL, its auth or headers, or to loosen server routing defaults. */
export const upstreamCases: HostileCase[] = [
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
];
