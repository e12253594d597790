import { describe, expect, it } from 'vitest';
import { RateLimitError } from './rate-limit-error';
import { redactSecrets } from './redact-secrets';

const secret = 'sk-or-v1-secret-value-42';

describe('redactSecrets', () => {
  it('redacts message, stack, string and nested plain properties and the cause chain in place', () => {
    const cause = new Error(`inner ${secret}`, { cause: new Error(`deeper ${secret}`) });
    const error = new RateLimitError({
      message: `outer ${secret}`,
      responseBody: `{"key":"${secret}"}`,
      metadata: { raw: [`a ${secret}`, { nested: secret }], count: 1 },
      headers: { echo: secret },
      cause,
    });
    expect(redactSecrets(error, [secret])).toBe(error);
    const everything = [
      String(error),
      error.stack,
      JSON.stringify(error),
      error.responseBody,
      JSON.stringify(error.metadata),
      JSON.stringify(error.headers),
      String(error.cause),
      (error.cause as Error).stack,
      String((error.cause as Error).cause),
    ].join('\n');
    expect(everything).not.toContain(secret);
    expect(error.message).toBe('outer [redacted]');
    expect(error.metadata).toEqual({ raw: ['a [redacted]', { nested: '[redacted]' }], count: 1 });
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(Object.keys(error)).toContain('metadata');
    expect(Object.keys(error)).not.toContain('message');
  });

  it('leaves errors without secrets untouched and ignores short or missing secrets', () => {
    const metadata = { a: 'b' };
    const error = new RateLimitError({ message: 'plain word', metadata });
    redactSecrets(error, [secret, undefined, 'word']);
    expect(error.message).toBe('plain word');
    expect(error.metadata).toBe(metadata);
    expect(redactSecrets('not an error', [secret])).toBe('not an error');
  });
});
