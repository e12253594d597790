import {
  AbortError,
  InsufficientCreditsError,
  NoEndpointsError,
  PermissionDeniedError,
  ProviderError,
  RateLimitError,
  StreamError,
  StreamTruncatedError,
} from '@openrouter-adapters/core';
import { describe, expect, it } from 'vitest';
import { describeError, formatWait } from './describe-error';

const gateway = (errorType: string) => ({ error_type: errorType, limit_source: 'gateway' });

describe('describeError', () => {
  it('explains upstream failures in plain words', () => {
    expect(
      describeError(
        new RateLimitError({
          message: 'slow down',
          status: 429,
          retryAfterMs: 30_000,
          providerName: 'OpenAI',
        }),
      ),
    ).toBe(
      'Rate limited: the model’s provider (OpenAI) is receiving too many requests right now. Try again in 30 s.',
    );
    expect(
      describeError(
        new StreamError({ message: 'upstream stream interrupted', status: 502, providerName: 'OpenAI' }),
      ),
    ).toBe(
      'The provider failed in the middle of the answer (OpenAI), error 502: upstream stream interrupted. The partial answer is kept above; send the message again to retry.',
    );
    expect(describeError(new StreamTruncatedError({ message: 'ended early' }))).toMatch(
      /^The connection dropped/,
    );
    expect(describeError(new InsufficientCreditsError({ message: 'no credits', status: 402 }))).toMatch(
      /^Out of credits/,
    );
    expect(describeError(new NoEndpointsError({ message: 'No endpoints found', status: 404 }))).toMatch(
      /^No provider can serve this request: No endpoints found\./,
    );
    expect(describeError(new ProviderError({ message: 'Provider returned error', status: 502 }))).toMatch(
      /^The provider is unavailable \(error 502\)/,
    );
  });

  it('passes the middleware’s own rejections through with a headline', () => {
    expect(
      describeError(
        new RateLimitError({
          message: 'Budget spent: $0.25 of $0.25 per day. It resets in 3 h.',
          status: 429,
          errorType: 'budget_exceeded',
          metadata: gateway('budget_exceeded'),
        }),
      ),
    ).toBe('Budget spent: $0.25 of $0.25 per day. It resets in 3 h.');
    expect(
      describeError(
        new PermissionDeniedError({
          message: '`x` is not allowed on this server',
          status: 403,
          metadata: gateway('model_not_allowed'),
        }),
      ),
    ).toBe('Model not allowed: `x` is not allowed on this server');
  });

  it('finds core’s error inside a framework error, and handles anything else', () => {
    const wrapped = Object.assign(new Error('API call failed'), {
      cause: new RateLimitError({ message: 'busy', status: 429 }),
    });
    expect(describeError(wrapped)).toMatch(/^Rate limited: /);
    expect(describeError(new AbortError({ message: 'aborted' }))).toBe('Stopped.');
    expect(describeError(new TypeError('Failed to fetch'))).toBe('Something went wrong: Failed to fetch');
  });

  it('formats waits', () => {
    expect(formatWait(400)).toBe('1 s');
    expect(formatWait(90_000)).toBe('90 s');
    expect(formatWait(600_000)).toBe('10 min');
    expect(formatWait(3 * 3_600_000)).toBe('3 h');
  });
});
