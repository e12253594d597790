import { describe, expect, it } from 'vitest';
import type { OpenRouterError } from '../errors/openrouter-error';
import { TimeoutError } from '../errors/timeout-error';
import { chatCompletion, sendJson, useTestServer } from './__fixtures__/test-server';
import { createOpenRouterClient } from './create-openrouter-client';

// Adapters must retry in exactly one layer: `attempts` tells them whether core's retry loop
// already handled an error (a number) or never saw it because it arrived after a 2xx (undefined).

const serve = useTestServer();

const body = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };
const fast = { initialRetryDelayMs: 1, maxRetryDelayMs: 5_000 };

async function rejection(promise: Promise<unknown>): Promise<OpenRouterError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: OpenRouterError) => error,
  );
}

describe('attempts on errors thrown by the retry loop', () => {
  it('counts every HTTP attempt of a retried status, and toJSON carries it', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 503, { error: { code: 503, message: 'down' } }),
    );
    const error = await rejection(
      createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body),
    );
    expect(error.attempts).toBe(3);
    expect(error.toJSON().attempts).toBe(3);
    expect(local.requests).toHaveLength(3);
  });

  it('is 1 for a status that is never retried, and for a stream that fails before its headers', async () => {
    const local = await serve((_request, response) =>
      sendJson(response, 400, { error: { code: 400, message: 'bad' } }),
    );
    const client = createOpenRouterClient({ baseURL: local.baseURL, ...fast });
    expect((await rejection(client.chat.send(body))).attempts).toBe(1);
    expect((await rejection(client.chat.stream(body))).attempts).toBe(1);
  });

  it('counts connection failures and connect timeouts', async () => {
    const closed = await serve(() => undefined);
    const baseURL = closed.baseURL;
    await closed.close();
    const refused = await rejection(
      createOpenRouterClient({ baseURL, ...fast, maxRetries: 1 }).chat.send(body),
    );
    expect(refused.name).toBe('ConnectionError');
    expect(refused.attempts).toBe(2);

    const silent = await serve(() => undefined);
    const timedOut = await rejection(
      createOpenRouterClient({ baseURL: silent.baseURL, ...fast, connectTimeoutMs: 50 }).chat.send(body, {
        maxRetries: 1,
      }),
    );
    expect(TimeoutError.isInstance(timedOut) && timedOut.kind).toBe('connect');
    expect(timedOut.attempts).toBe(2);
  });
});

describe('attempts on errors found after a 2xx response', () => {
  it('is undefined (but present) for an error in a 200 body, a choice error and a parse error', async () => {
    const local = await serve((_request, response, index) => {
      if (index === 0) return sendJson(response, 200, { error: { code: 502, message: 'upstream failed' } });
      if (index === 1) {
        const completion = chatCompletion('partial');
        const [choice] = completion.choices as Record<string, unknown>[];
        return sendJson(response, 200, {
          ...completion,
          choices: [{ ...choice, finish_reason: 'error', error: { code: 502, message: 'cut off' } }],
        });
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('not json');
    });
    const client = createOpenRouterClient({ baseURL: local.baseURL, ...fast });
    const errors = [
      await rejection(client.chat.send(body)),
      await rejection(client.chat.send(body)),
      await rejection(client.chat.send(body)),
    ];
    expect(errors.map((error) => error.name)).toEqual([
      'ProviderError',
      'ProviderError',
      'ResponseParseError',
    ]);
    for (const error of errors) {
      expect('attempts' in error).toBe(true);
      expect(error.attempts).toBeUndefined();
      expect(error.toJSON()).not.toHaveProperty('attempts', expect.anything());
    }
    expect(local.requests).toHaveLength(3);
  });

  it('is undefined for an in-band stream error', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(
        `data: ${JSON.stringify({ id: 'gen-1', choices: [{ index: 0, delta: { content: 'a' } }] })}\n\n` +
          `data: ${JSON.stringify({ id: 'gen-1', error: { code: 502, message: 'mid-stream' }, choices: [{ index: 0, delta: {}, finish_reason: 'error' }] })}\n\n`,
      );
    });
    const stream = await createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.stream(body);
    expect(stream.response.attempts).toBe(1);
    const error = await rejection(stream.result());
    expect(error.name).toBe('StreamError');
    expect('attempts' in error).toBe(true);
    expect(error.attempts).toBeUndefined();
  });
});
