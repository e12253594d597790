import { afterEach, describe, expect, it } from 'vitest';
import type { OpenRouterError } from '../errors/openrouter-error';
import { type Handler, sendJson, startTestServer, type TestServer } from './__fixtures__/test-server';
import { createOpenRouterClient } from './create-openrouter-client';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<TestServer> {
  server = await startTestServer(handler);
  return server;
}

const apiKey = 'sk-or-v1-0123456789abcdef0123456789abcdef';
const body = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

async function rejection(promise: Promise<unknown>): Promise<OpenRouterError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: OpenRouterError) => error,
  );
}

/** Every way an error might be printed or logged. */
function renderings(error: OpenRouterError): string[] {
  return [
    String(error),
    JSON.stringify(error),
    error.stack ?? '',
    error.message,
    error.responseBody ?? '',
    JSON.stringify(error.metadata ?? {}),
    JSON.stringify(error.headers ?? {}),
    String(error.cause),
    (error.cause as Error | undefined)?.stack ?? '',
  ];
}

describe('the API key never appears in errors', () => {
  it('redacts a key that the server echoes back in the body, metadata.raw and headers', async () => {
    const echo: Handler = (request, response) => {
      const authorization = String(request.headers.authorization);
      sendJson(
        response,
        400,
        {
          error: {
            code: 400,
            message: `Invalid header: ${authorization}`,
            metadata: {
              provider_name: 'Echo',
              raw: JSON.stringify({ error: { message: `bad key ${authorization.slice(7)}` } }),
              headers: { authorization },
            },
          },
        },
        { 'x-echo-authorization': authorization },
      );
    };
    const local = await serve(echo);
    const error = await rejection(createOpenRouterClient({ apiKey, baseURL: local.baseURL }).chat.send(body));
    expect(error.name).toBe('BadRequestError');
    expect(error.message).toBe('Invalid header: Bearer [redacted] (Echo): bad key [redacted]');
    for (const text of renderings(error)) expect(text).not.toContain(apiKey);
    expect(error.headers?.['x-echo-authorization']).toBe('Bearer [redacted]');
  });

  it('redacts a key echoed as JSON unicode escapes once decoded into the message', async () => {
    const escaped = [...apiKey]
      .map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
    const local = await serve((_request, response) =>
      sendJson(response, 401, `{"error":{"code":401,"message":"Unknown key ${escaped}"}}`),
    );
    const error = await rejection(createOpenRouterClient({ apiKey, baseURL: local.baseURL }).chat.send(body));
    expect(error.message).toBe('Unknown key [redacted]');
    for (const text of renderings(error)) expect(text).not.toContain(apiKey);
  });

  it('redacts a key echoed in a 200 error body, a stream error before headers and a parse error', async () => {
    const local = await serve((request, response, index) => {
      const key = String(request.headers.authorization).slice(7);
      if (index === 0)
        return sendJson(response, 200, { error: { code: 403, message: `key ${key} is disabled` } });
      if (index === 1)
        return sendJson(
          response,
          429,
          { error: { code: 429, message: `slow ${key}` } },
          { 'retry-after': '999' },
        );
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`not json ${key}`);
    });
    const client = createOpenRouterClient({ apiKey: () => apiKey, baseURL: local.baseURL });
    const errors = [
      await rejection(client.chat.send(body)),
      await rejection(client.chat.stream(body)),
      await rejection(client.chat.send(body)),
    ];
    expect(errors.map((error) => error.name)).toEqual([
      'PermissionDeniedError',
      'RateLimitError',
      'ResponseParseError',
    ]);
    for (const error of errors) for (const text of renderings(error)) expect(text).not.toContain(apiKey);
  });

  it('redacts a key set through headers instead of apiKey', async () => {
    const local = await serve((request, response) =>
      sendJson(response, 401, { error: { code: 401, message: `rejected ${request.headers.authorization}` } }),
    );
    const client = createOpenRouterClient({
      baseURL: local.baseURL,
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    const error = await rejection(client.chat.send(body));
    for (const text of renderings(error)) expect(text).not.toContain(apiKey);
  });
});
