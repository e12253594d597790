import { describe, expect, it } from 'vitest';
import type { OpenRouterError } from '../errors/openrouter-error';
import { type Handler, sendJson, useTestServer } from './__fixtures__/test-server';
import { createOpenRouterClient } from './create-openrouter-client';

const serve = useTestServer();

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
    JSON.stringify(error.partial ?? {}),
    String(error.cause),
    (error.cause as Error | undefined)?.stack ?? '',
  ];
}

/** SSE frame of one chat chunk. */
const frame = (chunk: Record<string, unknown>): string =>
  `data: ${JSON.stringify({ id: 'gen-echo', object: 'chat.completion.chunk', model: 'openai/gpt-4o-mini', ...chunk })}\n\n`;

/** A 200 event stream: clean text, then an in-band error chunk echoing the caller's Authorization. */
const echoInBandError: Handler = (request, response) => {
  const authorization = String(request.headers.authorization);
  const key = authorization.slice(7);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'x-echo-authorization': authorization });
  response.end(
    frame({ choices: [{ index: 0, delta: { role: 'assistant', content: 'partial answer' } }] }) +
      frame({
        error: {
          code: 502,
          message: `stream failed for ${authorization}`,
          metadata: { raw: JSON.stringify({ key }), provider_name: 'Echo' },
        },
        choices: [
          { index: 0, delta: {}, finish_reason: 'error', error: { code: 502, message: `bad ${key}` } },
        ],
      }) +
      'data: [DONE]\n\n',
  );
};

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

describe('the API key never appears in errors raised after the response headers', () => {
  it('redacts an in-band stream error event that echoes the key (message, stack, metadata.raw, partial, headers)', async () => {
    const local = await serve(echoInBandError);
    const stream = await createOpenRouterClient({ apiKey, baseURL: local.baseURL }).chat.stream(body);
    const events = [];
    for await (const event of stream) events.push(event);
    const last = events.at(-1);
    if (last?.type !== 'error') throw new Error(`expected a terminal error event, got ${last?.type}`);
    const error = last.error;
    expect(error.name).toBe('StreamError');
    expect(error.message).toContain('stream failed for Bearer [redacted]');
    expect(error.partial?.text).toBe('partial answer');
    expect(error.headers?.['x-echo-authorization']).toBe('Bearer [redacted]');
    for (const text of renderings(error)) expect(text).not.toContain(apiKey);
    // result() rejects with the same, redacted error.
    await expect(stream.result()).rejects.toBe(error);
  });

  it('redacts the rejection of result() when the stream is drained without iterating', async () => {
    const local = await serve(echoInBandError);
    const client = createOpenRouterClient({ apiKey: async () => apiKey, baseURL: local.baseURL });
    const error = await rejection((await client.chat.stream(body)).result());
    expect(error.name).toBe('StreamError');
    for (const text of renderings(error)) expect(text).not.toContain(apiKey);
    expect(JSON.stringify(error.partial?.error)).toContain('[redacted]');
  });

  it('redacts an idle timeout and an abort whose cause carries the key', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(frame({ choices: [{ index: 0, delta: { content: 'hello' } }] }));
    });
    const client = createOpenRouterClient({ apiKey, baseURL: local.baseURL, idleTimeoutMs: 50 });
    const idle = await rejection((await client.chat.stream(body)).result());
    expect(idle.name).toBe('TimeoutError');
    const controller = new AbortController();
    const stream = await client.chat.stream(body, { signal: controller.signal, idleTimeoutMs: 0 });
    controller.abort(new Error(`user gave up on ${apiKey}`));
    const aborted = await rejection(stream.result());
    expect(aborted.name).toBe('AbortError');
    for (const error of [idle, aborted])
      for (const text of renderings(error)) expect(text).not.toContain(apiKey);
  });

  it('redacts a choice-level error of a non-streamed chat or legacy completion that echoes the key', async () => {
    const local = await serve((request, response) => {
      const authorization = String(request.headers.authorization);
      const choice = {
        index: 0,
        finish_reason: 'error',
        error: { code: 502, message: `bad ${authorization}` },
      };
      sendJson(
        response,
        200,
        {
          id: 'gen-echo',
          model: 'openai/gpt-4o-mini',
          choices: [
            request.path.endsWith('/chat/completions')
              ? { ...choice, message: { content: 'x' } }
              : { ...choice, text: 'x' },
          ],
        },
        { 'x-echo-authorization': authorization },
      );
    });
    const client = createOpenRouterClient({ apiKey, baseURL: local.baseURL });
    const errors = [
      await rejection(client.chat.send(body)),
      await rejection(client.completions.send({ model: 'openai/gpt-3.5-turbo-instruct', prompt: 'Hi' })),
    ];
    for (const error of errors) {
      expect(error.message).toContain('bad Bearer [redacted]');
      for (const text of renderings(error)) expect(text).not.toContain(apiKey);
    }
  });
});
