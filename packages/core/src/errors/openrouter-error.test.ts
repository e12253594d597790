import { describe, expect, it } from 'vitest';
import { AbortError } from './abort-error';
import { AuthenticationError } from './authentication-error';
import { BadRequestError } from './bad-request-error';
import { ConnectionError } from './connection-error';
import { EdgeTimeoutError } from './edge-timeout-error';
import { InsufficientCreditsError } from './insufficient-credits-error';
import { InternalServerError } from './internal-server-error';
import { InvalidOptionsError } from './invalid-options-error';
import { ModerationError } from './moderation-error';
import { NoEndpointsError } from './no-endpoints-error';
import { NotFoundError } from './not-found-error';
import { OpenRouterError } from './openrouter-error';
import { PayloadTooLargeError } from './payload-too-large-error';
import { PermissionDeniedError } from './permission-denied-error';
import { ProviderError } from './provider-error';
import { ProviderOverloadedError } from './provider-overloaded-error';
import { RateLimitError } from './rate-limit-error';
import { RequestTimeoutError } from './request-timeout-error';
import { ResponseParseError } from './response-parse-error';
import { ServiceUnavailableError } from './service-unavailable-error';
import { StreamError } from './stream-error';
import { StreamTruncatedError } from './stream-truncated-error';
import { TimeoutError } from './timeout-error';
import { UnprocessableEntityError } from './unprocessable-entity-error';

const simple = [
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  EdgeTimeoutError,
  InsufficientCreditsError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  ProviderError,
  ProviderOverloadedError,
  RateLimitError,
  RequestTimeoutError,
  ServiceUnavailableError,
  StreamError,
  UnprocessableEntityError,
];

describe('error classes', () => {
  it.each(simple.map((ErrorClass) => [ErrorClass.brand, ErrorClass] as const))(
    '%s: name, isInstance of itself and the base only',
    (brand, ErrorClass) => {
      const error = new ErrorClass({ message: 'm' });
      expect(error.name).toBe(brand);
      expect(String(error)).toBe(`${brand}: m`);
      expect(error.stack?.startsWith(`${brand}: m\n`)).toBe(true);
      expect(ErrorClass.isInstance(error)).toBe(true);
      expect(OpenRouterError.isInstance(error)).toBe(true);
      for (const Other of simple) if (Other !== ErrorClass) expect(Other.isInstance(error)).toBe(false);
      expect(Object.keys(error)).not.toContain('brand');
      expect(JSON.stringify(error)).toContain(`"name":"${brand}"`);
    },
  );

  it('subclasses are instances of their parents', () => {
    const moderation = new ModerationError({ message: 'flagged' });
    expect(PermissionDeniedError.isInstance(moderation)).toBe(true);
    expect(ModerationError.isInstance(new PermissionDeniedError({ message: 'x' }))).toBe(false);
    expect(NotFoundError.isInstance(new NoEndpointsError({ message: 'x' }))).toBe(true);
    const truncated = new StreamTruncatedError({ message: 'cut' });
    expect(StreamError.isInstance(truncated)).toBe(true);
    expect(StreamTruncatedError.isInstance(new StreamError({ message: 'x' }))).toBe(false);
  });

  it('isInstance works unbound and across package copies (markers are Symbol.for keys)', () => {
    const check = RateLimitError.isInstance;
    expect([new RateLimitError({ message: 'x' })].every(check)).toBe(true);
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('openrouter-adapters.error.OpenRouterError')]: true,
      [Symbol.for('openrouter-adapters.error.RateLimitError')]: true,
    });
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(OpenRouterError.isInstance(foreign)).toBe(true);
    expect(OpenRouterError.isInstance(new Error('plain'))).toBe(false);
    expect(OpenRouterError.isInstance(null)).toBe(false);
    expect(OpenRouterError.isInstance('RateLimitError')).toBe(false);
  });

  it('keeps kind-specific fields in toJSON', () => {
    const timeout = new TimeoutError({ message: 't', kind: 'idle', timeoutMs: 5 });
    expect(timeout.toJSON()).toMatchObject({ name: 'TimeoutError', kind: 'idle', timeoutMs: 5 });
    const parse = new ResponseParseError({ message: 'p', kind: 'event-too-large' });
    expect(parse.toJSON()).toMatchObject({ name: 'ResponseParseError', kind: 'event-too-large' });
    const invalid = new InvalidOptionsError({ issues: [{ path: 'a', message: 'b' }] });
    expect(invalid.message).toBe('Invalid OpenRouter options:\n- a: b');
    expect(invalid.toJSON()).toMatchObject({ issues: [{ path: 'a', message: 'b' }] });
  });
});
