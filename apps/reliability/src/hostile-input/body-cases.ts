import type { RawRequestPart } from '../harness/raw-http';
import { bigBody, chat, type HostileCase, hostileLimits, nested, post, raw } from './hostile-request';

/** Oversized, slow, malformed and dangerous bodies. */
export const bodyCases: HostileCase[] = [
  // Bodies over the limit.
  {
    id: 'body-over-limit-content-length',
    attack: `body of ${hostileLimits.maxBodyBytes * 4} bytes with Content-Length`,
    send: (context) => post(context, '/chat/completions', bigBody(hostileLimits.maxBodyBytes * 4)),
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
];
