import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor';

const key = 'sk-or-v1-0123456789abcdef0123456789abcdef';

describe('Redactor', () => {
  it('removes exact secrets and key-shaped text from strings', () => {
    const redactor = new Redactor([key]);
    expect(redactor.text(`key=${key}; other sk-or-v1-zzzzzzzzzz and Bearer abcdefghijkl`)).toBe(
      'key=[redacted]; other [redacted] and [redacted]',
    );
  });

  it('returns forwarded bytes untouched (same object) unless a secret is inside', () => {
    const redactor = new Redactor([key]);
    const clean = new TextEncoder().encode('data: {"content":"hello"}\n\n');
    expect(redactor.bytes(clean)).toBe(clean);
    const dirty = new TextEncoder().encode(`data: {"content":"${key}"}\n\n`);
    expect(Buffer.from(redactor.bytes(dirty)).toString()).toBe('data: {"content":"[redacted]"}\n\n');
  });

  it('adds a per-request secret with with()', () => {
    const base = new Redactor([key]);
    const userKey = 'sk-or-v1-user-key-9999999999';
    expect(base.with(userKey).text(`a ${userKey}`)).toBe('a [redacted]');
    expect(base.with(undefined)).toBe(base);
    expect(base.with('short')).toBe(base);
  });

  it('makes redacted plain copies of log fields (secret-named properties, errors)', () => {
    const redactor = new Redactor([key]);
    expect(
      redactor.value({
        authorization: 'anything',
        nested: { message: `x ${key}` },
        error: new TypeError(`bad ${key}`),
      }),
    ).toEqual({
      authorization: '[redacted]',
      nested: { message: 'x [redacted]' },
      error: { name: 'TypeError', message: 'bad [redacted]' },
    });
  });

  it('scrubs an error in place: message, stack, plain properties and the cause chain', () => {
    const redactor = new Redactor([key]);
    const cause = new Error(`inner ${key}`);
    const error = Object.assign(new Error(`outer ${key}`, { cause }), {
      partial: { text: `partial ${key}` },
      status: 502,
    });
    expect(redactor.scrubError(error)).toBe(error);
    expect(error.message).toBe('outer [redacted]');
    expect(error.stack).not.toContain(key);
    expect(error.partial).toEqual({ text: 'partial [redacted]' });
    expect(error.status).toBe(502);
    expect(cause.message).toBe('inner [redacted]');
  });
});
