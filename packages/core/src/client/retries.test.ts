import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors/bad-request-error';
import { ConnectionError } from '../errors/connection-error';
import { NoEndpointsError } from '../errors/no-endpoints-error';
import type { OpenRouterError } from '../errors/openrouter-error';
import { RateLimitError } from '../errors/rate-limit-error';
import { ServiceUnavailableError } from '../errors/service-unavailable-error';
import { chatCompletion, type Handler, sendJson, useTestServer } from './__fixtures__/test-server';
import { createOpenRouterClient } from './create-openrouter-client';

const serve = useTestServer();

const body = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };
const fast = { initialRetryDelayMs: 1, maxRetryDelayMs: 5_000 };

/** Fails the first `failures` requests with `status`, then succeeds. */
function failThenSucceed(failures: number, status: number, headers: Record<string, string> = {}): Handler {
  return (_request, response, index) => {
    if (index < failures)
      return sendJson(response, status, { error: { code: status, message: `fail ${index}` } }, headers);
    sendJson(response, 200, chatCompletion('recovered'));
  };
}

async function rejection(promise: Promise<unknown>): Promise<OpenRouterError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: OpenRouterError) => error,
  );
}

describe('retries before the first response byte', () => {
  it.each([429, 500, 502, 503, 504, 524, 529, 408])('retries %i and records the attempts', async (status) => {
    const local = await serve(failThenSucceed(2, status));
    const client = createOpenRouterClient({ baseURL: local.baseURL, ...fast });
    const result = await client.chat.send(body);
    expect(result.text).toBe('recovered');
    expect(result.response?.attempts).toBe(3);
    expect(local.requests).toHaveLength(3);
  });

  it('gives up after maxRetries (default 2) with the last typed error', async () => {
    const local = await serve(failThenSucceed(10, 503));
    const error = await rejection(
      createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body),
    );
    expect(ServiceUnavailableError.isInstance(error)).toBe(true);
    expect(error.message).toBe('fail 2 (gave up after 3 attempts)');
    expect(local.requests).toHaveLength(3);
  });

  it('per-call maxRetries overrides the client', async () => {
    const local = await serve(failThenSucceed(10, 500));
    const client = createOpenRouterClient({ baseURL: local.baseURL, ...fast, maxRetries: 5 });
    await rejection(client.chat.send(body, { maxRetries: 0 }));
    expect(local.requests).toHaveLength(1);
  });

  it.each([400, 401, 402, 403, 404, 413, 422])('never retries %i (exactly one request)', async (status) => {
    const local = await serve(failThenSucceed(10, status));
    const error = await rejection(
      createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body),
    );
    expect(error.status).toBe(status);
    expect(error.isRetryable).toBe(false);
    expect(local.requests).toHaveLength(1);
  });

  it('retries a 404 only when availability.retryable', async () => {
    const local = await serve((_request, response, index) => {
      if (index === 0) {
        return sendJson(response, 404, {
          error: {
            code: 404,
            message: 'Capacity exhausted',
            availability: { code: 'capacity_exhausted', retryable: true },
          },
        });
      }
      if (index === 1) {
        return sendJson(response, 404, {
          error: {
            code: 404,
            message: 'Filtered',
            availability: { code: 'constraint_filtered', retryable: false },
          },
        });
      }
      sendJson(response, 200, chatCompletion('unreachable'));
    });
    const error = await rejection(
      createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body),
    );
    expect(NoEndpointsError.isInstance(error)).toBe(true);
    expect(error.availability?.code).toBe('constraint_filtered');
    expect(local.requests).toHaveLength(2);
  });

  it('retries network errors (connection reset before headers)', async () => {
    const local = await serve((request, response, index) => {
      if (index < 2) {
        response.socket?.destroy();
        return;
      }
      sendJson(response, 200, chatCompletion(`after ${request.method}`));
    });
    const result = await createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body);
    expect(result.text).toBe('after POST');
    expect(result.response?.attempts).toBe(3);
  });

  it('retries an HTML 502 from a proxy and reports its status and an excerpt', async () => {
    const local = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(
        '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>',
      );
    });
    const error = await rejection(
      createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body),
    );
    expect(error.name).toBe('ProviderError');
    expect(error.status).toBe(502);
    expect(error.message).toBe('HTTP 502: 502 Bad Gateway Bad Gateway nginx (gave up after 3 attempts)');
    expect(local.requests).toHaveLength(3);
  });

  it('throws ConnectionError when nothing listens', async () => {
    const local = await serve(() => undefined);
    const baseURL = local.baseURL;
    await local.close();
    const error = await rejection(
      createOpenRouterClient({ baseURL, ...fast, maxRetries: 1 }).chat.send(body),
    );
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain(`Could not reach ${baseURL}/chat/completions`);
    expect(error.message).toContain('gave up after 2 attempts');
    expect(error.cause).toBeDefined();
  });
});

describe('retry hints', () => {
  it('waits Retry-After seconds', async () => {
    const local = await serve(failThenSucceed(1, 429, { 'Retry-After': '1' }));
    const result = await createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body);
    expect(result.response?.attempts).toBe(2);
    const gap = (local.requests[1]?.receivedAt ?? 0) - (local.requests[0]?.receivedAt ?? 0);
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(gap).toBeLessThan(2_500);
  });

  it('waits until a Retry-After HTTP date', async () => {
    // HTTP dates have 1 s resolution: ask for 2 s from now and expect a wait between ~1 and 2 s.
    const handler: Handler = (_request, response, index) => {
      const date = new Date(Date.now() + 2_000).toUTCString();
      failThenSucceed(1, 503, { 'Retry-After': date })(_request, response, index);
    };
    const local = await serve(handler);
    const result = await createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body);
    expect(result.response?.attempts).toBe(2);
    const gap = (local.requests[1]?.receivedAt ?? 0) - (local.requests[0]?.receivedAt ?? 0);
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(gap).toBeLessThan(2_500);
  });

  it('honours X-RateLimit-Reset in epoch milliseconds', async () => {
    const handler: Handler = (request, response, index) =>
      failThenSucceed(1, 429, { 'X-RateLimit-Reset': String(Date.now() + 300), 'X-RateLimit-Limit': '20' })(
        request,
        response,
        index,
      );
    const local = await serve(handler);
    const result = await createOpenRouterClient({ baseURL: local.baseURL, ...fast }).chat.send(body);
    const gap = (local.requests[1]?.receivedAt ?? 0) - (local.requests[0]?.receivedAt ?? 0);
    expect(result.response?.attempts).toBe(2);
    expect(gap).toBeGreaterThanOrEqual(250);
  });

  it('fails fast when the hint exceeds maxRetryDelayMs', async () => {
    const local = await serve(failThenSucceed(1, 429, { 'Retry-After': '120' }));
    const started = Date.now();
    const client = createOpenRouterClient({ baseURL: local.baseURL, ...fast, maxRetryDelayMs: 10_000 });
    const error = await rejection(client.chat.send(body));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.message).toBe(
      'fail 0 (the server asked to wait 120000 ms before retrying, more than maxRetryDelayMs (10000 ms); not retrying)',
    );
    expect(local.requests).toHaveLength(1);
  });

  it('backs off exponentially with jitter when there is no hint', async () => {
    const local = await serve(failThenSucceed(3, 500));
    const client = createOpenRouterClient({ baseURL: local.baseURL, initialRetryDelayMs: 40, maxRetries: 3 });
    const started = Date.now();
    await client.chat.send(body);
    // Full jitter: each wait is in [0, 40 * 2^attempt] → at most 40 + 80 + 160 ms in total.
    expect(Date.now() - started).toBeLessThan(280 + 500);
    expect(local.requests).toHaveLength(4);
  });
});

describe('request() for proxies', () => {
  it('retries before the first byte and throws typed errors for non-2xx', async () => {
    const local = await serve(failThenSucceed(1, 502));
    const client = createOpenRouterClient({ baseURL: local.baseURL, ...fast });
    const { response, meta } = await client.request({ method: 'POST', path: '/chat/completions', body });
    expect(meta.attempts).toBe(2);
    expect(((await response.json()) as { choices: unknown[] }).choices).toHaveLength(1);
    const bad = await serve(failThenSucceed(5, 400));
    const error = await rejection(
      createOpenRouterClient({ baseURL: bad.baseURL }).request({
        method: 'POST',
        path: '/chat/completions',
        body,
      }),
    );
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error.responseBody).toBe('{"error":{"code":400,"message":"fail 0"}}');
    await local.close();
  });
});
