import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatResult } from '../stream/chat-result';
import table from './__fixtures__/error-responses.json' with { type: 'json' };
import { errorFromPayload, errorFromResponse } from './error-from-response';
import { NoEndpointsError } from './no-endpoints-error';
import { OpenRouterError } from './openrouter-error';
import { ProviderError } from './provider-error';
import { RateLimitError } from './rate-limit-error';
import { StreamError } from './stream-error';

type Expected = {
  class: string;
  message?: string;
  isRetryable?: boolean;
  retryAfterMs?: number;
  code?: number | string;
  providerName?: string;
  providerCode?: string;
  errorType?: string;
  availabilityCode?: string;
  rateLimit?: { limit?: number; remaining?: number; resetAtMs?: number };
};
type Case = {
  name: string;
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  expected: Expected;
};

describe('errorFromResponse (fixture table)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: table.now });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(table.cases as Case[])('$name', (fixture) => {
    const bodyText = typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body);
    const error = errorFromResponse({
      status: fixture.status,
      headers: fixture.headers ?? {},
      bodyText,
      url: 'https://openrouter.ai/api/v1/chat/completions',
    });
    const { expected } = fixture;
    expect(OpenRouterError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(expected.class);
    expect(error.status).toBe(fixture.status);
    expect(error.responseBody).toBe(bodyText);
    expect(error.url).toBe('https://openrouter.ai/api/v1/chat/completions');
    if (expected.message !== undefined) expect(error.message).toBe(expected.message);
    expect(error.message.length).toBeGreaterThan(0);
    if (expected.isRetryable !== undefined) expect(error.isRetryable).toBe(expected.isRetryable);
    expect(error.retryAfterMs).toBe(expected.retryAfterMs);
    if (expected.code !== undefined) expect(error.code).toBe(expected.code);
    if (expected.providerName !== undefined) expect(error.providerName).toBe(expected.providerName);
    if (expected.providerCode !== undefined) expect(error.providerCode).toBe(expected.providerCode);
    if (expected.errorType !== undefined) expect(error.errorType).toBe(expected.errorType);
    if (expected.availabilityCode !== undefined)
      expect(error.availability?.code).toBe(expected.availabilityCode);
    if (expected.rateLimit !== undefined) expect(error.rateLimit).toEqual(expected.rateLimit);
  });
});

describe('errorFromResponse', () => {
  it('keeps the response headers lower-cased and reads the generation and request ids', () => {
    const error = errorFromResponse({
      status: 500,
      headers: new Headers({ 'X-Generation-Id': 'gen-1', 'X-Request-Id': 'req-1' }),
      bodyText: '{"error":{"code":500,"message":"boom"}}',
    });
    expect(error.headers).toEqual({ 'x-generation-id': 'gen-1', 'x-request-id': 'req-1' });
    expect(error.generationId).toBe('gen-1');
    expect(error.requestId).toBe('req-1');
  });

  it('appends a detail and keeps the cause', () => {
    const cause = new Error('root');
    const error = errorFromResponse({ status: 429, bodyText: '', detail: 'not retrying', cause });
    expect(error.message).toBe('HTTP 429 with an empty response body (not retrying)');
    expect(error.cause).toBe(cause);
    expect(RateLimitError.isInstance(error)).toBe(true);
  });

  it('cuts a huge non-JSON body down to a short excerpt in the message', () => {
    const error = errorFromResponse({
      status: 502,
      bodyText: `<html><body>${'x'.repeat(100_000)}</body></html>`,
    });
    expect(error.message.length).toBeLessThan(260);
    expect(error.message.startsWith('HTTP 502: xxx')).toBe(true);
  });

  it('treats a truncated JSON body as text', () => {
    const error = errorFromResponse({ status: 503, bodyText: '{"error":{"code":503,"mess' });
    expect(error.message).toBe('HTTP 503: {"error":{"code":503,"mess');
    expect(error.name).toBe('ServiceUnavailableError');
  });

  it('serialises to JSON with a summarised cause chain and without headers or body', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    const error = errorFromResponse({
      status: 502,
      headers: { 'retry-after': '1' },
      bodyText: '{"error":{"code":502,"message":"Provider returned error"}}',
      cause,
    });
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      name: 'ProviderError',
      message: 'Provider returned error',
      status: 502,
      code: 502,
      isRetryable: true,
      retryAfterMs: 1000,
      cause: { name: 'TypeError', message: 'fetch failed', cause: { name: 'Error', message: 'ECONNRESET' } },
    });
    expect(json.headers).toBeUndefined();
    expect(json.responseBody).toBeUndefined();
  });
});

describe('errorFromPayload', () => {
  const partial = { text: 'Hello, wor', generationId: 'gen-9' } as ChatResult;

  it('builds a StreamError from an in-band chunk with a numeric code', () => {
    const chunk = {
      id: 'gen-9',
      object: 'chat.completion.chunk',
      error: {
        code: 502,
        message: 'Provider returned error',
        metadata: {
          provider_name: 'Anthropic',
          raw: '{"error":{"message":"upstream died"}}',
          error_type: 'api_error',
        },
      },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    };
    const error = errorFromPayload(chunk, { stream: true, partial, status: 200 });
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error.status).toBe(502);
    expect(error.code).toBe(502);
    expect(error.isRetryable).toBe(true);
    expect(error.providerName).toBe('Anthropic');
    expect(error.errorType).toBe('api_error');
    expect(error.message).toBe('Provider returned error (Anthropic): upstream died');
    expect(error.partial).toBe(partial);
    expect(error.generationId).toBe('gen-9');
  });

  it('reads a string code ("429") and a non-numeric code', () => {
    expect(errorFromPayload({ error: { code: '429', message: 'slow down' } }, { stream: true }).status).toBe(
      429,
    );
    const named = errorFromPayload({ error: { code: 'server_error', message: 'oops' } }, { stream: true });
    expect(named.status).toBeUndefined();
    expect(named.code).toBe('server_error');
    expect(named.isRetryable).toBe(false);
  });

  it('reads the choice-level error and finish_reason "error" without any error object', () => {
    const choiceError = errorFromPayload(
      {
        choices: [
          { index: 0, delta: {}, finish_reason: 'error', error: { code: 500, message: 'choice failed' } },
        ],
      },
      { stream: true },
    );
    expect(choiceError.message).toBe('choice failed');
    expect(choiceError.status).toBe(500);
    const bare = errorFromPayload(
      { choices: [{ index: 0, delta: {}, finish_reason: 'error' }] },
      { stream: true },
    );
    expect(StreamError.isInstance(bare)).toBe(true);
    expect(bare.message).toContain('finish_reason "error"');
  });

  it('accepts a bare error object', () => {
    const error = errorFromPayload({ code: 503, message: 'down' });
    expect(error.name).toBe('ServiceUnavailableError');
  });

  it('maps an error in a 200 body by its code, not the HTTP status', () => {
    const error = errorFromPayload(
      { error: { code: 502, message: 'Provider returned error', metadata: { raw: 'bad gateway' } } },
      { status: 200 },
    );
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.status).toBe(502);
    expect(error.message).toBe('Provider returned error: bad gateway');
  });

  it('maps a 404 with availability to NoEndpointsError and honours availability.retryable', () => {
    const error = errorFromPayload({
      error: { code: 404, message: 'x', availability: { code: 'capacity_exhausted', retryable: true } },
    });
    expect(NoEndpointsError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(true);
  });
});
